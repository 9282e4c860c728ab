package io.dvbridge.sandbox.dataverse;

import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.SandboxResponse;

/**
 * An error the sandbox's Web API answers with, in Dataverse's shape:
 * {@code {"error":{"code":"0x80040217","message":"..."}}}.
 */
public final class DataverseError extends RuntimeException {

    public static final String NOT_FOUND = "0x80040217";
    public static final String RESOURCE_NOT_FOUND = "0x80060888";
    public static final String VERSION_MISMATCH = "0x80060882";
    public static final String DUPLICATE_RECORD = "0x80040237";
    public static final String DUPLICATE_KEY = "0x80060892";
    public static final String VALIDATION = "0x80044331";
    public static final String OUT_OF_RANGE = "0x8004431a";
    public static final String PAYLOAD = "0x80048d19";
    public static final String REQUIRED = "0x80040203";
    public static final String UNEXPECTED = "0x80040216";

    private final int status;
    private final String code;

    public DataverseError(int status, String code, String message) {
        super(message);
        this.status = status;
        this.code = code;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public SandboxResponse toResponse() {
        return SandboxResponse.json(status, Json.errorBody(code, getMessage()));
    }

    public static DataverseError notFound(String logicalName, Object id) {
        return new DataverseError(404, NOT_FOUND, logicalName + " With Id = " + id + " Does Not Exist");
    }

    public static DataverseError badRequest(String message) {
        return new DataverseError(400, RESOURCE_NOT_FOUND, message);
    }

    public static DataverseError segmentNotFound(String segment) {
        return new DataverseError(404, RESOURCE_NOT_FOUND, "Resource not found for the segment '" + segment + "'.");
    }

    /** A payload problem, worded the way Dataverse wraps OData deserialisation errors. */
    public static DataverseError payload(String entitySet, String detail) {
        return new DataverseError(400, PAYLOAD, "Error identified in Payload provided by the user for Entity :'" + entitySet
                + "', For more information on this error please follow this help link https://go.microsoft.com/fwlink/?linkid=2195293"
                + "  ----> InnerException : Microsoft.OData.ODataException: " + detail);
    }
}
