package io.dvbridge.auth;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Entra ID did not give a token: it refused the request (then {@link #status()} is the HTTP status and
 * {@link #errorCode()} the OAuth error such as {@code invalid_client}), or it could not be reached.
 * The message names the client, authority, scope, the AADSTS code and first line of Entra's
 * description and the correlation id to quote to Microsoft; it never holds a secret or a token.
 */
public class AuthenticationException extends RuntimeException {

    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");

    private final String authority;
    private final String clientId;
    private final String scope;
    private final String errorCode;
    private final int status;
    private final Optional<String> correlationId;
    private final String description;

    /**
     * @param status      HTTP status of Entra's answer, 0 when there was none (network, TLS, local error)
     * @param description Entra's {@code error_description} (or the local failure), already free of secrets
     */
    public AuthenticationException(String authority, String clientId, String scope, String errorCode, int status,
                                   Optional<String> correlationId, String description, Throwable cause) {
        super(message(authority, clientId, scope, errorCode, status, correlationId, description), cause);
        this.authority = authority;
        this.clientId = clientId;
        this.scope = scope;
        this.errorCode = errorCode;
        this.status = status;
        this.correlationId = correlationId;
        this.description = description;
    }

    private static String message(String authority, String clientId, String scope, String errorCode, int status,
                                  Optional<String> correlationId, String description) {
        String firstLine = description.lines().findFirst().orElse("").trim();
        return (status > 0 ? "Entra ID refused a token" : "No token could be obtained") + " for client '" + clientId
                + "' from " + authority + " (scope " + scope + "): "
                + (status > 0 ? "HTTP " + status + " " : "") + errorCode + ": " + firstLine
                + correlationId.map(id -> " [correlation id " + id + "]").orElse("");
    }

    public String authority() {
        return authority;
    }

    public String clientId() {
        return clientId;
    }

    public String scope() {
        return scope;
    }

    /** The OAuth error (e.g. {@code invalid_client}, {@code unauthorized_client}) or MSAL's client error code. */
    public String errorCode() {
        return errorCode;
    }

    /** The HTTP status of Entra's answer; 0 when no answer came. */
    public int status() {
        return status;
    }

    public Optional<String> correlationId() {
        return correlationId;
    }

    /** The AADSTS code of Entra's description, e.g. {@code AADSTS7000215}. */
    public Optional<String> aadstsCode() {
        Matcher m = AADSTS.matcher(description);
        return m.find() ? Optional.of(m.group()) : Optional.empty();
    }

    /** Entra's full {@code error_description} (trace id, correlation id and timestamp lines included). */
    public String description() {
        return description;
    }

    /** Worth retrying later: Entra was unreachable, overloaded (429) or failing (5xx); a refusal (4xx) is not. */
    public boolean transientFailure() {
        return status == 0 || status == 429 || status >= 500;
    }
}
