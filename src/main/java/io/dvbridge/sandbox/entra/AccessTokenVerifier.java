package io.dvbridge.sandbox.entra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.net.URI;
import java.net.URISyntaxException;
import java.text.ParseException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies bearer tokens for the sandbox's resources: signed by this sandbox's key, issued by one of
 * its tenants, inside its validity window by the injected clock (no skew), and meant for the expected
 * audience. Messages say what is wrong with a token and never contain the token.
 */
final class AccessTokenVerifier implements TokenVerifier {

    private final TokenIssuer issuer;
    private final Set<String> tenantIds;
    private final Clock clock;

    AccessTokenVerifier(TokenIssuer issuer, Set<String> tenantIds, Clock clock) {
        this.issuer = issuer;
        this.tenantIds = Set.copyOf(tenantIds);
        this.clock = clock;
    }

    @Override
    public VerifiedToken verify(Optional<String> bearer, String expectedAudience) throws InvalidTokenException {
        String token = bearer.map(String::trim).filter(t -> !t.isEmpty())
                .orElseThrow(() -> new InvalidTokenException("No bearer token was presented"));
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidTokenException("The bearer token is not a signed JWT");
        }
        checkSignature(jwt);
        String tenantId = checkIssuer(claims);
        Instant expiresAt = checkValidity(claims);
        String audience = checkAudience(claims, expectedAudience);
        String appId = Optional.ofNullable(stringClaim(claims, "appid")).or(() -> Optional.ofNullable(stringClaim(claims, "azp")))
                .orElseThrow(() -> new InvalidTokenException("The bearer token names no client application (appid)"));
        return new VerifiedToken(tenantId, appId, audience, expiresAt);
    }

    private void checkSignature(SignedJWT jwt) throws InvalidTokenException {
        String keyId = jwt.getHeader().getKeyID();
        JWSVerifier verifier = JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm()) && keyId != null
                ? issuer.verifier(keyId).orElse(null) : null;
        if (verifier == null) {
            throw new InvalidTokenException("The bearer token was not signed by this sandbox's Entra ID (unknown key "
                    + "or algorithm)");
        }
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidTokenException("The bearer token's signature is invalid");
            }
        } catch (JOSEException e) {
            throw new InvalidTokenException("The bearer token's signature cannot be checked: " + e.getMessage());
        }
    }

    private String checkIssuer(JWTClaimsSet claims) throws InvalidTokenException {
        String tenantId = stringClaim(claims, "tid");
        if (tenantId == null || !tenantIds.contains(tenantId.toLowerCase(Locale.ROOT))) {
            throw new InvalidTokenException("The bearer token was not issued by a tenant of this sandbox");
        }
        String iss = claims.getIssuer();
        if (!issuer.issuer(tenantId, TokenIssuer.Version.V1).equals(iss) && !issuer.issuer(tenantId, TokenIssuer.Version.V2).equals(iss)) {
            throw new InvalidTokenException("The bearer token has issuer '" + iss + "', not this sandbox's tenant " + tenantId);
        }
        return tenantId;
    }

    private Instant checkValidity(JWTClaimsSet claims) throws InvalidTokenException {
        Instant now = clock.instant();
        if (claims.getExpirationTime() == null) {
            throw new InvalidTokenException("The bearer token has no expiry");
        }
        Instant expiresAt = claims.getExpirationTime().toInstant();
        if (!now.isBefore(expiresAt)) {
            throw new InvalidTokenException("The bearer token expired at " + expiresAt + " (now " + now + ")");
        }
        if (claims.getNotBeforeTime() != null && now.isBefore(claims.getNotBeforeTime().toInstant())) {
            throw new InvalidTokenException("The bearer token is not valid before " + claims.getNotBeforeTime().toInstant());
        }
        return expiresAt;
    }

    private static String checkAudience(JWTClaimsSet claims, String expectedAudience) throws InvalidTokenException {
        List<String> audiences = claims.getAudience();
        String expected = canonical(expectedAudience);
        for (String audience : audiences) {
            if (canonical(audience).equals(expected)) {
                return audience;
            }
        }
        throw new InvalidTokenException("The bearer token is for audience " + audiences + ", not " + expectedAudience);
    }

    /** Drops one trailing slash and lower-cases scheme and host; everything else must match exactly. */
    static String canonical(String audience) {
        String trimmed = audience.endsWith("/") ? audience.substring(0, audience.length() - 1) : audience;
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || uri.getRawAuthority() == null) {
                return trimmed;
            }
            String rest = trimmed.substring(uri.getScheme().length() + 3 + uri.getRawAuthority().length());
            return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getRawAuthority().toLowerCase(Locale.ROOT) + rest;
        } catch (URISyntaxException e) {
            return trimmed;
        }
    }

    private static String stringClaim(JWTClaimsSet claims, String name) {
        try {
            return claims.getStringClaim(name);
        } catch (ParseException e) {
            return null;
        }
    }
}
