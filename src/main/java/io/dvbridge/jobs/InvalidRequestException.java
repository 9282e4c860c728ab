package io.dvbridge.jobs;

/**
 * A job request that cannot run as it stands, from any trigger (command line, REST, queue, schedule): a
 * field is missing, of the wrong type or out of range, it names an environment configuration does not
 * define, or an output would overwrite an input. It names the field, so the caller can fix the request;
 * it never echoes a secret or a server path. Callers map it to exit code 64 / HTTP 400, and no job starts.
 */
public final class InvalidRequestException extends RuntimeException {

    private final String field;

    public InvalidRequestException(String field, String message) {
        super(message);
        this.field = field == null ? "" : field;
    }

    /** The request field at fault, or {@code ""} when the request as a whole is (e.g. not JSON). */
    public String field() {
        return field;
    }
}
