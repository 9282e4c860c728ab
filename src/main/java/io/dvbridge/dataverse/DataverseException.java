package io.dvbridge.dataverse;

/**
 * A Dataverse call failed. Carries what a user needs to act: the HTTP status (0 when no response
 * arrived), Dataverse's error code (often empty), its message, the operation and entity set, and the
 * raw response body. Never the token or request headers.
 */
public final class DataverseException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final String remoteMessage;
    private final String operation;
    private final String entitySet;
    private final String responseBody;

    public DataverseException(int status, String errorCode, String remoteMessage, String operation, String entitySet,
                              String responseBody, Throwable cause) {
        super(describe(status, errorCode, remoteMessage, operation, entitySet), cause);
        this.status = status;
        this.errorCode = errorCode;
        this.remoteMessage = remoteMessage;
        this.operation = operation;
        this.entitySet = entitySet;
        this.responseBody = responseBody;
    }

    /** HTTP status of the final answer; 0 when the call got no answer at all (connection failures). */
    public int status() {
        return status;
    }

    /** Dataverse error code such as {@code 0x80060882}; empty when Dataverse sent none. */
    public String errorCode() {
        return errorCode;
    }

    public String remoteMessage() {
        return remoteMessage;
    }

    public String operation() {
        return operation;
    }

    /** Entity set (or logical name for metadata); empty for calls not aimed at one, such as $batch. */
    public String entitySet() {
        return entitySet;
    }

    public String responseBody() {
        return responseBody;
    }

    public boolean isThrottled() {
        return status == 429;
    }

    private static String describe(int status, String code, String message, String operation, String entitySet) {
        StringBuilder text = new StringBuilder("Dataverse ").append(operation);
        if (!entitySet.isEmpty()) {
            text.append(" on ").append(entitySet);
        }
        text.append(" failed: ");
        text.append(status == 0 ? "no response" : "HTTP " + status);
        if (!code.isEmpty()) {
            text.append(" ").append(code);
        }
        if (!message.isEmpty()) {
            text.append(" - ").append(message);
        }
        return text.toString();
    }
}
