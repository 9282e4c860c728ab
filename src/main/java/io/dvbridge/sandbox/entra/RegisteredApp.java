package io.dvbridge.sandbox.entra;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An app registration as the sandbox's Entra ID holds it: the tenant it lives in, the secrets it
 * accepts, the certificates whose keys may sign its client assertions, the application ID URIs it
 * exposes an API under with the version of the access tokens issued for that API, and the app roles
 * it was granted on other apps' APIs (key: the API's client id in lower case). {@link #toString()} shows neither secrets nor certificates.
 */
record RegisteredApp(String tenantId, String clientId, String name, List<String> secrets,
                     List<RegisteredCertificate> certificates, List<String> identifierUris,
                     TokenIssuer.Version accessTokenVersion, Map<String, List<String>> grantedRoles) {

    RegisteredApp {
        secrets = List.copyOf(secrets);
        certificates = List.copyOf(certificates);
        identifierUris = List.copyOf(identifierUris);
        grantedRoles = Map.copyOf(grantedRoles);
    }

    /** Whether a token request's resource names this app's API: one of its identifier URIs or its client id. */
    boolean exposes(String resource) {
        String wanted = AccessTokenVerifier.canonical(resource);
        return clientId.equalsIgnoreCase(resource)
                || identifierUris.stream().anyMatch(uri -> AccessTokenVerifier.canonical(uri).equals(wanted));
    }

    /** The roles this app holds on an API, in the order the fixture granted them; empty when none. */
    List<String> rolesOn(RegisteredApp api) {
        return grantedRoles.getOrDefault(api.clientId().toLowerCase(Locale.ROOT), List.of());
    }

    /** A registered certificate with the thumbprints a client assertion header may name it by. */
    record RegisteredCertificate(X509Certificate certificate, String x5t, String x5tS256) {
    }

    @Override
    public String toString() {
        return "RegisteredApp[tenantId=" + tenantId + ", clientId=" + clientId + ", name=" + name + ", secrets="
                + secrets.size() + ", certificates=" + certificates.size() + "]";
    }
}
