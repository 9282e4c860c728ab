package io.dvbridge.sandbox.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.UUID;

/**
 * Signs access tokens with an RSA key made when the sandbox starts (RS256, {@code kid} header), in
 * the shape Entra ID gives app-only tokens: {@code aud} the resource, {@code iss} and {@code tid} the
 * tenant, {@code appid}/{@code azp} the client, {@code oid}/{@code sub} its service principal,
 * {@code iat}/{@code nbf}/{@code exp}, {@code ver}, and {@code roles} when the client holds app roles
 * on the API the token is for (omitted when it holds none, as Entra does). Version 1.0 tokens carry
 * the v1 issuer, version 2.0 tokens the issuer of the v2 discovery document. For the sandbox's own
 * resources the endpoint picks the version (v1 endpoint 1.0, v2 endpoint 2.0); for an API registered
 * in the fixture its {@code requestedAccessTokenVersion} does, as in Entra. The signing key can be rolled over: the previous key stays published
 * in the key set, as Entra keeps several keys there, so tokens it signed stay verifiable.
 */
final class TokenIssuer {

    /** One issued token. {@link #toString()} never shows the token. */
    record IssuedToken(String value, Instant issuedAt, Instant expiresAt, Duration lifetime) {
        @Override
        public String toString() {
            return "IssuedToken[issuedAt=" + issuedAt + ", expiresAt=" + expiresAt + ", value=<redacted>]";
        }
    }

    enum Version {
        V1("1.0"), V2("2.0");

        final String claim;

        Version(String claim) {
            this.claim = claim;
        }
    }

    /** The key that signs new tokens and the keys the key set publishes (current first) with their verifiers. */
    private record SigningKeys(RSAKey current, JWSSigner signer, List<RSAKey> published, Map<String, JWSVerifier> verifiers) {
        static SigningKeys of(RSAKey current, List<RSAKey> published) {
            Map<String, JWSVerifier> verifiers = new java.util.HashMap<>();
            for (RSAKey key : published) {
                try {
                    verifiers.put(key.getKeyID(), new RSASSAVerifier(key));
                } catch (JOSEException e) {
                    throw new IllegalStateException("Cannot use the sandbox's token verification key", e);
                }
            }
            return new SigningKeys(current, TokenIssuer.signer(current), List.copyOf(published), Map.copyOf(verifiers));
        }
    }

    private final String baseUrl;
    private final Clock clock;
    // Key material is decoded once per key; nimbus signers and verifiers are thread-safe.
    private volatile SigningKeys keys;
    private volatile Duration lifetime = Duration.ofMinutes(60);

    TokenIssuer(String baseUrl, Clock clock) {
        this.baseUrl = baseUrl;
        this.clock = clock;
        RSAKey first = SigningKeyFile.firstKey(TokenIssuer::newKey);
        this.keys = SigningKeys.of(first, List.of(first.toPublicJWK()));
    }

    private static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot generate the sandbox's token signing key", e);
        }
    }

    private static JWSSigner signer(RSAKey key) {
        try {
            return new RSASSASigner(key);
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot use the sandbox's token signing key", e);
        }
    }

    /** Signs new tokens with a fresh key (new {@code kid}); the previous key stays in the key set. */
    synchronized void rollOverSigningKey() {
        RSAKey next = newKey();
        this.keys = SigningKeys.of(next, List.of(next.toPublicJWK(), keys.current().toPublicJWK()));
    }

    /** Applies to tokens issued from now on. */
    void lifetime(Duration value) {
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("A token lifetime must be positive, not " + value);
        }
        this.lifetime = value;
    }

    /** The issuer claim of tokens of a version: {@code <base>/<tid>/} (v1, like sts.windows.net) or {@code <base>/<tid>/v2.0}. */
    String issuer(String tenantId, Version version) {
        return version == Version.V1 ? baseUrl + "/" + tenantId + "/" : baseUrl + "/" + tenantId + "/v2.0";
    }

    IssuedToken issue(RegisteredApp app, String resource, Version version, ClientAuthenticator.Method method,
                      List<String> roles) {
        Duration validFor = lifetime;
        SigningKeys signing = keys;
        Instant now = Instant.ofEpochSecond(clock.instant().getEpochSecond());
        Instant expires = now.plusSeconds(Math.max(1, validFor.toSeconds()));
        String servicePrincipal = servicePrincipalId(app);
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .audience(resource)
                .issuer(issuer(app.tenantId(), version))
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(expires))
                .claim("appid", app.clientId())
                .claim("appidacr", method.acr)
                .claim("azp", app.clientId())
                .claim("azpacr", method.acr)
                .claim("idp", issuer(app.tenantId(), Version.V1))
                .claim("idtyp", "app")
                .claim("oid", servicePrincipal)
                .subject(servicePrincipal)
                .claim("tid", app.tenantId())
                .claim("uti", UUID.randomUUID().toString().replace("-", "").substring(0, 22))
                .claim("ver", version.claim)
                .jwtID(UUID.randomUUID().toString());
        if (!roles.isEmpty()) {
            claims.claim("roles", List.copyOf(roles));
        }
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT)
                .keyID(signing.current().getKeyID()).build(), claims.build());
        try {
            jwt.sign(signing.signer());
        } catch (JOSEException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
        return new IssuedToken(jwt.serialize(), now, expires, Duration.between(now, expires));
    }

    /** The object id of the app's service principal: stable for a tenant and client id. */
    private static String servicePrincipalId(RegisteredApp app) {
        return UUID.nameUUIDFromBytes(("sp:" + app.tenantId() + ":" + app.clientId()).toLowerCase(java.util.Locale.ROOT)
                .getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** Checks signatures made with the published key of this key id, if there is one. */
    Optional<JWSVerifier> verifier(String keyId) {
        return Optional.ofNullable(keys.verifiers().get(keyId));
    }

    /** The JWKS document: {@code {"keys":[...]}} with the public halves of the published keys. */
    Map<String, Object> jwks() {
        return Map.of("keys", keys.published().stream().map(RSAKey::toJSONObject).toList());
    }

    Clock clock() {
        return clock;
    }
}
