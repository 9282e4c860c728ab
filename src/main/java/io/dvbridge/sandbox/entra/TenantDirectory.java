package io.dvbridge.sandbox.entra;

import io.dvbridge.sandbox.fixture.AppSpec;
import io.dvbridge.sandbox.fixture.FixtureException;
import io.dvbridge.sandbox.fixture.TenantSpec;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The tenants of the fixture and their app registrations, looked up by tenant id or name and client id. */
final class TenantDirectory {

    private final List<TenantSpec> tenants;
    /** key: lower-case tenant id + "/" + lower-case client id */
    private final Map<String, RegisteredApp> apps = new LinkedHashMap<>();

    TenantDirectory(List<TenantSpec> tenants) {
        this.tenants = List.copyOf(tenants);
        for (TenantSpec tenant : this.tenants) {
            for (AppSpec app : tenant.apps()) {
                apps.put(key(tenant.id(), app.clientId()), register(tenant.id(), app, grantedRoles(tenant, app)));
            }
        }
    }

    /** The tenant GUID for an id or a fixture name, ignoring case. */
    Optional<String> tenantId(String idOrName) {
        return tenants.stream()
                .filter(t -> t.id().equalsIgnoreCase(idOrName) || (t.name() != null && t.name().equalsIgnoreCase(idOrName)))
                .map(TenantSpec::id)
                .findFirst();
    }

    Set<String> tenantIds() {
        return tenants.stream().map(t -> t.id().toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    Optional<RegisteredApp> app(String tenantId, String clientId) {
        return Optional.ofNullable(apps.get(key(tenantId, clientId)));
    }

    /** The app of a tenant whose API a token request's resource names, if one exposes it. */
    Optional<RegisteredApp> api(String tenantId, String resource) {
        return apps.values().stream()
                .filter(a -> a.tenantId().equalsIgnoreCase(tenantId) && a.exposes(resource))
                .findFirst();
    }

    /** The fixture's assignments of an app, keyed by the lower-case client id of the API they grant roles on. */
    private static Map<String, List<String>> grantedRoles(TenantSpec tenant, AppSpec client) {
        Map<String, List<String>> granted = new LinkedHashMap<>();
        client.appRoleAssignments().forEach((apiRef, roles) -> tenant.apps().stream()
                .filter(a -> a.clientId().equalsIgnoreCase(apiRef) || a.identifierUris().contains(apiRef))
                .findFirst()
                .ifPresent(api -> granted.merge(api.clientId().toLowerCase(Locale.ROOT), List.copyOf(roles), TenantDirectory::union)));
        return granted;
    }

    private static List<String> union(List<String> a, List<String> b) {
        return List.copyOf(new java.util.LinkedHashSet<>(java.util.stream.Stream.concat(a.stream(), b.stream()).toList()));
    }

    private static String key(String tenantId, String clientId) {
        return tenantId.toLowerCase(Locale.ROOT) + "/" + clientId.toLowerCase(Locale.ROOT);
    }

    private static RegisteredApp register(String tenantId, AppSpec app, Map<String, List<String>> grantedRoles) {
        List<RegisteredApp.RegisteredCertificate> certificates = new ArrayList<>();
        for (AppSpec.CertificateSpec spec : app.certificates()) {
            if (spec.pem() == null) {
                throw new FixtureException("App " + app.clientId() + " of tenant " + tenantId + " names certificate file "
                        + spec.file() + " that was not read (fixtures parsed from text cannot refer to files)");
            }
            for (X509Certificate certificate : parsePem(spec.pem(), app.clientId())) {
                certificates.add(new RegisteredApp.RegisteredCertificate(certificate, thumbprint(certificate, "SHA-1"),
                        thumbprint(certificate, "SHA-256")));
            }
        }
        return new RegisteredApp(tenantId, app.clientId(), app.name(), app.secrets(), certificates, app.identifierUris(),
                app.requestedAccessTokenVersion() == 2 ? TokenIssuer.Version.V2 : TokenIssuer.Version.V1, grantedRoles);
    }

    private static List<X509Certificate> parsePem(String pem, String clientId) {
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : factory.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new FixtureException("A certificate of app " + clientId + " holds no PEM certificate");
            }
            return certificates;
        } catch (GeneralSecurityException e) {
            throw new FixtureException("A certificate of app " + clientId + " is not a PEM X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** Base64url (no padding) of the certificate's DER digest: the JOSE {@code x5t} / {@code x5t#S256} form. */
    static String thumbprint(X509Certificate certificate, String digest) {
        try {
            byte[] hash = MessageDigest.getInstance(digest).digest(certificate.getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot compute a " + digest + " thumbprint", e);
        }
    }
}
