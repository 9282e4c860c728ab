package io.dvbridge.triggers.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The signing keys and issuers of one Entra ID tenant, read from its OpenID Connect discovery
 * documents ({@code <authority>/v2.0/.well-known/openid-configuration} for the v2.0 issuer and the
 * key set, {@code <authority>/.well-known/openid-configuration} for the v1.0 issuer, which on Entra
 * is {@code https://sts.windows.net/<tenant id>/}) over verified TLS, then cached. They are read
 * again after a day, and when a token names a key the cache does not hold (Entra rolls its keys
 * over), but at most once per {@link #MIN_REFRESH_INTERVAL}, so tokens with made-up key ids cannot
 * make this server hammer the tenant.
 */
final class TenantSigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(TenantSigningKeys.class);
    static final Duration MIN_REFRESH_INTERVAL = Duration.ofMinutes(1);
    private static final Duration MAX_AGE = Duration.ofHours(24);
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_DOCUMENT_BYTES = 1024 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one successful read of the tenant's documents gave. */
    private record Snapshot(Map<String, JWSVerifier> verifiers, Set<String> issuers, Instant readAt) {
    }

    private final URI authority;
    private final HttpClient http;
    private final Clock clock;
    private Snapshot snapshot;
    private Instant lastAttempt = Instant.MIN;

    TenantSigningKeys(URI authority, SSLContext trust, Clock clock) {
        this.authority = authority;
        this.clock = clock;
        this.http = HttpClient.newBuilder().sslContext(trust).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The verifier for a key id, reading the documents first when they are missing, a day old, or
     * do not hold this key (rate-limited).
     *
     * @throws ApiAccessException 503 when the documents were never read and cannot be now
     */
    synchronized Optional<JWSVerifier> verifier(String keyId) {
        Snapshot current = current();
        if (!current.verifiers().containsKey(keyId) && mayRefresh()) {
            current = refresh().orElse(current);
        }
        return Optional.ofNullable(current.verifiers().get(keyId));
    }

    /** The issuer values of the tenant's tokens (v1.0 and v2.0). */
    synchronized Set<String> issuers() {
        return current().issuers();
    }

    private Snapshot current() {
        Instant now = clock.instant();
        if ((snapshot == null || now.isAfter(snapshot.readAt().plus(MAX_AGE))) && mayRefresh()) {
            refresh();
        }
        if (snapshot == null) {
            throw ApiAccessException.unavailable("Bearer tokens cannot be checked now: the signing keys of the Entra ID tenant "
                    + "cannot be read (see the server log)");
        }
        return snapshot;
    }

    private boolean mayRefresh() {
        return !clock.instant().isBefore(lastAttempt.plus(MIN_REFRESH_INTERVAL));
    }

    private Optional<Snapshot> refresh() {
        lastAttempt = clock.instant();
        try {
            JsonNode v2 = document(URI.create(authority + "/v2.0/.well-known/openid-configuration"));
            JsonNode v1 = document(URI.create(authority + "/.well-known/openid-configuration"));
            URI jwksUri = httpsUri(v2.path("jwks_uri").asText(""), "jwks_uri");
            Set<String> issuers = new LinkedHashSet<>();
            issuers.add(required(v2, "issuer"));
            issuers.add(required(v1, "issuer"));
            snapshot = new Snapshot(verifiers(JWKSet.parse(text(jwksUri))), Set.copyOf(issuers), clock.instant());
            LOG.info("Read {} signing keys of the Entra ID tenant at {}", snapshot.verifiers().size(), authority);
            return Optional.of(snapshot);
        } catch (IOException | ParseException | IllegalArgumentException e) {
            LOG.warn("Cannot read the signing keys of the Entra ID tenant at {}: {}", authority, e.getMessage());
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** RSA signing keys by key id; other keys (encryption, other types) cannot sign our tokens. */
    private static Map<String, JWSVerifier> verifiers(JWKSet set) {
        Map<String, JWSVerifier> verifiers = new HashMap<>();
        for (JWK key : set.getKeys()) {
            if (key instanceof RSAKey rsa && key.getKeyID() != null && (key.getKeyUse() == null || KeyUse.SIGNATURE.equals(key.getKeyUse()))) {
                try {
                    verifiers.put(key.getKeyID(), new RSASSAVerifier(rsa.toRSAPublicKey()));
                } catch (JOSEException e) {
                    LOG.warn("Ignoring signing key {} of the Entra ID tenant: {}", key.getKeyID(), e.getMessage());
                }
            }
        }
        return Map.copyOf(verifiers);
    }

    private JsonNode document(URI uri) throws IOException, InterruptedException {
        JsonNode node = JSON.readTree(text(uri));
        if (node == null || !node.isObject()) {
            throw new IOException(uri + " is not a JSON object");
        }
        return node;
    }

    private String text(URI uri) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException(uri + " answered " + response.statusCode());
            }
            byte[] bytes = body.readNBytes(MAX_DOCUMENT_BYTES + 1);
            if (bytes.length > MAX_DOCUMENT_BYTES) {
                throw new IOException(uri + " answered more than " + MAX_DOCUMENT_BYTES + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static String required(JsonNode document, String field) throws IOException {
        String value = document.path(field).asText("");
        if (value.isEmpty()) {
            throw new IOException("the discovery document has no " + field);
        }
        return value;
    }

    private static URI httpsUri(String value, String field) throws IOException {
        URI uri = URI.create(value);
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IOException("the discovery document's " + field + " is not an https URL: '" + value + "'");
        }
        return uri;
    }
}
