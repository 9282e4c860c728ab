package io.dvbridge.cli;

/**
 * A job request from REST, a queue message or a schedule that cannot be run as it stands: the JSON is
 * not valid, a field is missing or of the wrong type, or it names an environment configuration does not
 * define. It names the field, so the caller can fix the request; it never echoes a secret.
 */
public final class TriggerRequestException extends RuntimeException {

    private final String field;

    public TriggerRequestException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The request field at fault, or {@code ""} when the request as a whole is (e.g. not JSON). */
    public String field() {
        return field;
    }
}
