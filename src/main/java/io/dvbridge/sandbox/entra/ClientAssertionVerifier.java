package io.dvbridge.sandbox.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a certificate credential (a client assertion, learn.microsoft.com/entra/identity-platform/
 * certificate-credentials): a JWT signed with the private key of one of the app's registered
 * certificates, with {@code aud} the tenant's token endpoint, {@code iss} and {@code sub} the client
 * id, and a current validity window. The {@code x5t} or {@code x5t#S256} header, when present, picks
 * the certificate; without one every registered certificate is tried.
 */
final class ClientAssertionVerifier {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512);
    /** Entra tolerates clients whose clocks run a little ahead when they stamp nbf. */
    private static final Duration NOT_BEFORE_SKEW = Duration.ofMinutes(5);

    private final Clock clock;

    ClientAssertionVerifier(Clock clock) {
        this.clock = clock;
    }

    /**
     * @param acceptedAudiences token endpoint URLs of the tenant, lower case without trailing slash
     */
    void verify(String assertionType, String assertion, RegisteredApp app, Set<String> acceptedAudiences) throws EntraError {
        if (!JWT_BEARER.equals(assertionType)) {
            throw EntraErrors.unexpectedAssertionType();
        }
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(assertion);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw EntraErrors.malformedAssertion();
        }
        if (!ALGORITHMS.contains(jwt.getHeader().getAlgorithm())) {
            throw EntraErrors.malformedAssertion();
        }
        checkIdentity(claims, app);
        checkAudience(claims, acceptedAudiences);
        checkTimeRange(claims);
        checkSignature(jwt, app);
    }

    private static void checkIdentity(JWTClaimsSet claims, RegisteredApp app) throws EntraError {
        String issuer = claims.getIssuer();
        if (issuer == null || !issuer.equalsIgnoreCase(app.clientId())) {
            throw EntraErrors.assertionClientMismatch();
        }
        if (claims.getSubject() == null || !claims.getSubject().equalsIgnoreCase(issuer)) {
            throw EntraErrors.assertionSubjectMismatch();
        }
    }

    private static void checkAudience(JWTClaimsSet claims, Set<String> acceptedAudiences) throws EntraError {
        List<String> audience = claims.getAudience();
        if (audience.size() != 1) {
            throw EntraErrors.malformedAssertion();
        }
        if (!acceptedAudiences.contains(normalize(audience.get(0)))) {
            throw EntraErrors.assertionAudience(audience.get(0));
        }
    }

    static String normalize(String url) {
        String lower = url.trim().toLowerCase(Locale.ROOT);
        return lower.endsWith("/") ? lower.substring(0, lower.length() - 1) : lower;
    }

    private void checkTimeRange(JWTClaimsSet claims) throws EntraError {
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null) {
            throw EntraErrors.malformedAssertion();
        }
        Instant expiry = claims.getExpirationTime().toInstant();
        Instant notBefore = claims.getNotBeforeTime() == null ? Instant.EPOCH : claims.getNotBeforeTime().toInstant();
        if (!now.isBefore(expiry) || now.plus(NOT_BEFORE_SKEW).isBefore(notBefore)) {
            throw EntraErrors.assertionTimeRange(now, notBefore, expiry);
        }
    }

    private static void checkSignature(SignedJWT jwt, RegisteredApp app) throws EntraError {
        JWSHeader header = jwt.getHeader();
        Base64URL x5tS256 = header.getX509CertSHA256Thumbprint();
        @SuppressWarnings("deprecation")
        Base64URL x5t = header.getX509CertThumbprint();
        List<RegisteredApp.RegisteredCertificate> candidates = app.certificates().stream()
                .filter(c -> x5tS256 == null || c.x5tS256().equals(urlSafe(x5tS256)))
                .filter(c -> x5t == null || c.x5t().equals(urlSafe(x5t)))
                .toList();
        String thumbprint = hex(x5t != null ? x5t : x5tS256);
        if (candidates.isEmpty()) {
            throw EntraErrors.assertionKeyNotFound(thumbprint, app.clientId());
        }
        for (RegisteredApp.RegisteredCertificate candidate : candidates) {
            try {
                if (candidate.certificate().getPublicKey() instanceof RSAPublicKey key && jwt.verify(new RSASSAVerifier(key))) {
                    return;
                }
            } catch (JOSEException e) {
                // A key that cannot check this signature did not sign it; try the next one.
            }
        }
        throw EntraErrors.assertionBadSignature(thumbprint, app.clientId());
    }

    /**
     * The thumbprint in unpadded base64url. msal4j 1.26.0 writes it in standard base64 with padding,
     * which Entra accepts, so both alphabets are read.
     */
    private static String urlSafe(Base64URL thumbprint) {
        return thumbprint.toString().replace('+', '-').replace('/', '_').replaceAll("=+$", "");
    }

    /** Entra prints thumbprints as upper-case hex. */
    private static String hex(Base64URL thumbprint) {
        return thumbprint == null ? "" : HexFormat.of().withUpperCase().formatHex(Base64URL.from(urlSafe(thumbprint)).decode());
    }
}
