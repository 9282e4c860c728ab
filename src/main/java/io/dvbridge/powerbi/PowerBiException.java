package io.dvbridge.powerbi;

/**
 * A Power BI REST call failed: HTTP status (0 when no response arrived), Power BI's error code
 * (e.g. {@code PowerBIEntityNotFound}; empty when none was sent), a message, the operation, and the raw body.
 */
public final class PowerBiException extends RuntimeException {

    private final int status;
    private final String errorCode;
    private final String operation;
    private final String responseBody;

    public PowerBiException(int status, String errorCode, String message, String operation, String responseBody,
                            Throwable cause) {
        super("Power BI " + operation + " failed: " + (status == 0 ? "no response" : "HTTP " + status)
                + (errorCode.isEmpty() ? "" : " " + errorCode) + (message.isEmpty() ? "" : " - " + message), cause);
        this.status = status;
        this.errorCode = errorCode;
        this.operation = operation;
        this.responseBody = responseBody;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public String operation() {
        return operation;
    }

    public String responseBody() {
        return responseBody;
    }
}
