package io.dvbridge.sandbox.entra;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * Authenticates the client of a token request by exactly one of: {@code client_secret} in the body
 * ({@code client_secret_post}), an {@code Authorization: Basic} header ({@code client_secret_basic}),
 * or a {@code client_assertion} signed with a registered certificate ({@code private_key_jwt}).
 */
final class ClientAuthenticator {

    /** How the client proved itself; {@code acr} is the token's {@code appidacr}/{@code azpacr} value. */
    enum Method {
        SECRET("1"), CERTIFICATE("2");

        final String acr;

        Method(String acr) {
            this.acr = acr;
        }
    }

    private final ClientAssertionVerifier assertions;

    ClientAuthenticator(ClientAssertionVerifier assertions) {
        this.assertions = assertions;
    }

    Method authenticate(TokenRequest request, RegisteredApp app, Set<String> tokenEndpoints) throws EntraError {
        Optional<String> postedSecret = request.parameter("client_secret");
        Optional<String> basicSecret = request.basicSecret();
        Optional<String> assertion = request.parameter("client_assertion");
        int presented = (postedSecret.isPresent() ? 1 : 0) + (basicSecret.isPresent() ? 1 : 0) + (assertion.isPresent() ? 1 : 0);
        if (presented == 0) {
            throw EntraErrors.missingCredential();
        }
        if (presented > 1) {
            throw EntraErrors.ambiguousCredentials();
        }
        if (assertion.isPresent()) {
            assertions.verify(request.parameter("client_assertion_type").orElse(""), assertion.get(), app, tokenEndpoints);
            return Method.CERTIFICATE;
        }
        String secret = postedSecret.or(() -> basicSecret).orElseThrow();
        if (app.secrets().stream().noneMatch(known -> constantTimeEquals(known, secret))) {
            throw EntraErrors.invalidSecret(app.clientId());
        }
        return Method.SECRET;
    }

    private static boolean constantTimeEquals(String expected, String actual) {
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), actual.getBytes(StandardCharsets.UTF_8));
    }
}
