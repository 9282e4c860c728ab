package io.dvbridge.sandbox.entra;

/**
 * A token request Entra ID refuses: the HTTP status, the OAuth {@code error} string and the AADSTS
 * number with its text. Thrown inside the sandbox's Entra service and rendered by {@link EntraErrors}.
 * The text never holds a secret or an assertion, only identifiers the caller sent in the clear.
 */
final class EntraError extends Exception {

    private final int status;
    private final String error;
    private final int code;

    EntraError(int status, String error, int code, String text) {
        super("AADSTS" + code + ": " + text, null, false, false);
        this.status = status;
        this.error = error;
        this.code = code;
    }

    int status() {
        return status;
    }

    /** The OAuth 2.0 error, e.g. {@code invalid_client}. */
    String error() {
        return error;
    }

    /** The AADSTS number, e.g. 7000215. */
    int code() {
        return code;
    }

    /** "AADSTSnnnn: text", the first line of Entra's {@code error_description}. */
    String description() {
        return getMessage();
    }
}
