package io.dvbridge.triggers.security;

import java.util.Optional;

/**
 * A request the API refuses: 421 for a Host this server does not answer for, 401 for missing or
 * invalid credentials (with the {@code WWW-Authenticate} challenge to send), 403 for a caller
 * without the needed permission, 503 when bearer tokens cannot be checked because the tenant's
 * signing keys cannot be read. The message is safe to show the client: it never contains a
 * credential, nor the Host or token it refused.
 */
public final class ApiAccessException extends RuntimeException {

    private final int status;
    private final Optional<String> wwwAuthenticate;

    ApiAccessException(int status, String message, Optional<String> wwwAuthenticate) {
        super(message, null, false, false);
        this.status = status;
        this.wwwAuthenticate = wwwAuthenticate;
    }

    static ApiAccessException misdirected(String message) {
        return new ApiAccessException(421, message, Optional.empty());
    }

    static ApiAccessException unauthorized(String message, String challenge) {
        return new ApiAccessException(401, message, Optional.of(challenge));
    }

    static ApiAccessException forbidden(String message, Optional<String> challenge) {
        return new ApiAccessException(403, message, challenge);
    }

    static ApiAccessException unavailable(String message) {
        return new ApiAccessException(503, message, Optional.empty());
    }

    public int status() {
        return status;
    }

    /** The {@code WWW-Authenticate} header value to answer with, if any. */
    public Optional<String> wwwAuthenticate() {
        return wwwAuthenticate;
    }
}
