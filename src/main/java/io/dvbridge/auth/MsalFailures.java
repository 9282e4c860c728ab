package io.dvbridge.auth;

import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;

import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns what msal4j throws into an {@link AuthenticationException}, with any known secret blanked out. */
final class MsalFailures {

    private MsalFailures() {
    }

    static AuthenticationException translate(Throwable failure, String authority, String clientId, String scope,
                                             Optional<String> secret) {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        String description = redact(String.valueOf(cause.getMessage()), secret);
        if (cause instanceof MsalServiceException service) {
            int status = service.statusCode() == null ? 0 : service.statusCode();
            return new AuthenticationException(authority, clientId, scope, service.errorCode(), status,
                    Optional.ofNullable(service.correlationId()).filter(s -> !s.isBlank()), description, null);
        }
        String code = cause instanceof MsalException msal ? msal.errorCode() : cause.getClass().getSimpleName();
        // The cause of a local failure stays attached only when its text cannot hold the secret.
        boolean causeIsSafe = secret.map(s -> !String.valueOf(failure).contains(s)).orElse(true);
        return new AuthenticationException(authority, clientId, scope, code == null ? "client_error" : code, 0, Optional.empty(),
                description, causeIsSafe ? cause : null);
    }

    static String redact(String text, Optional<String> secret) {
        return secret.filter(s -> !s.isEmpty()).map(s -> text.replace(s, "<redacted>")).orElse(text);
    }
}
