package io.dvbridge.triggers.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Checks an Entra ID access token for this API: RS256 signature by a key the tenant publishes,
 * issuer of the configured tenant (v1.0 or v2.0 form), audience the API's application ID URI or
 * client id, within {@code nbf}..{@code exp} give or take {@link #CLOCK_SKEW}; then maps the
 * {@code roles} claim onto permissions. Every refusal is a short reason fit for a 401 answer; none
 * quotes the token or its claims.
 */
final class EntraTokenValidator {

    /** Clocks of this server and of Entra may differ a little; a minute is the usual tolerance. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private final TenantSigningKeys keys;
    private final String audience;
    private final Optional<String> clientId;
    private final Clock clock;

    EntraTokenValidator(TenantSigningKeys keys, SecuritySettings.EntraSettings settings, Clock clock) {
        this.keys = keys;
        this.audience = withoutTrailingSlash(settings.audience());
        this.clientId = settings.clientId();
        this.clock = clock;
    }

    /** A refusal of a token; the reason goes into the 401's {@code error_description}. */
    static final class InvalidToken extends Exception {
        InvalidToken(String reason) {
            super(reason, null, false, false);
        }
    }

    Caller caller(String token) throws InvalidToken {
        SignedJWT jwt;
        JWTClaimsSet claims;
        try {
            jwt = SignedJWT.parse(token);
            claims = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw new InvalidToken("The token is not a signed JWT");
        }
        // Entra signs access tokens with RS256 only; anything else (none, HS256 with the public key) is forged.
        if (!JWSAlgorithm.RS256.equals(jwt.getHeader().getAlgorithm())) {
            throw new InvalidToken("The token is not signed with RS256");
        }
        String keyId = jwt.getHeader().getKeyID();
        if (keyId == null) {
            throw new InvalidToken("The token names no signing key");
        }
        JWSVerifier verifier = keys.verifier(keyId)
                .orElseThrow(() -> new InvalidToken("The token is signed by a key the tenant does not publish"));
        try {
            if (!jwt.verify(verifier)) {
                throw new InvalidToken("The token signature is invalid");
            }
        } catch (JOSEException e) {
            throw new InvalidToken("The token signature cannot be checked");
        }
        if (claims.getIssuer() == null || !keys.issuers().contains(claims.getIssuer())) {
            throw new InvalidToken("The token was issued by another tenant or authority");
        }
        if (claims.getAudience().stream().noneMatch(this::isOurAudience)) {
            throw new InvalidToken("The token is for another audience");
        }
        checkTimes(claims);
        return new Caller(clientOf(claims), Caller.ENTRA, permissions(claims));
    }

    /** The application ID URI as configured (a trailing slash aside), or the API's client id (a GUID, any case). */
    private boolean isOurAudience(String value) {
        return withoutTrailingSlash(value).equals(audience) || clientId.filter(value::equalsIgnoreCase).isPresent();
    }

    private static String withoutTrailingSlash(String value) {
        return value.endsWith("/") ? value.substring(0, value.length() - 1) : value;
    }

    private void checkTimes(JWTClaimsSet claims) throws InvalidToken {
        Instant now = clock.instant();
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw new InvalidToken("The token has no expiry");
        }
        if (!now.isBefore(expiry.toInstant().plus(CLOCK_SKEW))) {
            throw new InvalidToken("The token has expired");
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now.plus(CLOCK_SKEW).isBefore(notBefore.toInstant())) {
            throw new InvalidToken("The token is not valid yet");
        }
    }

    /**
     * The client application: {@code appid} in v1.0 access tokens, {@code azp} in v2.0 ones. ID tokens
     * carry neither (they may carry {@code roles} and have the app's client id as audience), so
     * requiring one keeps a user's ID token from passing as an access token.
     */
    private static String clientOf(JWTClaimsSet claims) throws InvalidToken {
        return stringClaim(claims, "appid").or(() -> stringClaim(claims, "azp"))
                .orElseThrow(() -> new InvalidToken("The token names no client application: it is not an access token"));
    }

    private static Optional<String> stringClaim(JWTClaimsSet claims, String name) {
        try {
            return Optional.ofNullable(claims.getStringClaim(name)).filter(v -> !v.isBlank());
        } catch (ParseException e) {
            return Optional.empty();
        }
    }

    /** Roles we do not know are ignored: the API may be shared with other apps' roles. */
    private static Set<Permission> permissions(JWTClaimsSet claims) throws InvalidToken {
        List<String> roles;
        try {
            roles = Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of());
        } catch (ParseException e) {
            throw new InvalidToken("The token's roles claim is not a list of strings");
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        roles.forEach(role -> Permission.ofRole(role).ifPresent(permissions::add));
        return permissions;
    }
}
