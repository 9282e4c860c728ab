package io.dvbridge.sandbox.entra;

import io.dvbridge.sandbox.http.SandboxRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The parameters of a token request: the form-encoded body (first value wins on repeats) and the
 * client credentials of an {@code Authorization: Basic} header ({@code client_secret_basic}, whose
 * id and secret are form-encoded before base64 as RFC 6749 section 2.3.1 says).
 * {@link #toString()} names no secret or assertion.
 */
final class TokenRequest {

    private final Map<String, String> form;
    private final Optional<String> basicClientId;
    private final Optional<String> basicSecret;
    private final String correlationId;

    private TokenRequest(Map<String, String> form, Optional<String> basicClientId, Optional<String> basicSecret,
                         String correlationId) {
        this.form = form;
        this.basicClientId = basicClientId;
        this.basicSecret = basicSecret;
        this.correlationId = correlationId;
    }

    static TokenRequest parse(SandboxRequest request) {
        Map<String, String> form = new LinkedHashMap<>();
        String body = request.bodyAsString();
        for (String pair : body.split("&")) {
            if (pair.isBlank()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            form.putIfAbsent(name, eq < 0 ? "" : decode(pair.substring(eq + 1)));
        }
        Optional<String> basicId = Optional.empty();
        Optional<String> basicSecret = Optional.empty();
        Optional<String> authorization = request.header("Authorization")
                .filter(h -> h.regionMatches(true, 0, "Basic ", 0, 6));
        if (authorization.isPresent()) {
            String decoded = decodeBase64(authorization.get().substring(6).trim());
            int colon = decoded.indexOf(':');
            if (colon > 0) {
                basicId = Optional.of(decode(decoded.substring(0, colon)));
                basicSecret = Optional.of(decode(decoded.substring(colon + 1)));
            }
        }
        // Entra echoes the client's request id as the correlation id when it is a GUID.
        String correlationId = request.header("client-request-id").filter(TokenRequest::isGuid)
                .orElseGet(() -> UUID.randomUUID().toString());
        return new TokenRequest(form, basicId, basicSecret, correlationId);
    }

    private static String decodeBase64(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }

    private static boolean isGuid(String value) {
        try {
            UUID.fromString(value);
            return value.length() == 36;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    /** A non-blank form parameter. */
    Optional<String> parameter(String name) {
        return Optional.ofNullable(form.get(name)).map(String::trim).filter(v -> !v.isEmpty());
    }

    /** {@code client_id} of the body, else of the Basic header. */
    Optional<String> clientId() {
        return parameter("client_id").or(() -> basicClientId);
    }

    Optional<String> basicSecret() {
        return basicSecret;
    }

    String correlationId() {
        return correlationId;
    }

    @Override
    public String toString() {
        return "TokenRequest[parameters=" + form.keySet() + ", basic=" + basicSecret.isPresent() + "]";
    }
}
