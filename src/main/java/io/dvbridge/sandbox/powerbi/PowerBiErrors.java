package io.dvbridge.sandbox.powerbi;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.limits.ServiceProtection.Rejection;

/**
 * The error responses of the Power BI REST API. Entity errors carry the {@code pbi.error} envelope
 * the live service sends; request-validation errors carry the plain OData {@code error} object.
 */
final class PowerBiErrors {

    /** Where the live service tells a client without a valid token to sign in. */
    static final String AUTHORIZATION_URI = "https://login.microsoftonline.com/common/oauth2/authorize";

    private PowerBiErrors() {
    }

    /** 401: no token, or a token that is expired, badly signed or meant for another resource. */
    static SandboxResponse notAuthorized(boolean tokenSent) {
        String challenge = "Bearer authorization_uri=\"" + AUTHORIZATION_URI + "\"" + (tokenSent ? ", error=\"invalid_token\"" : "");
        return pbiError(401, "PowerBINotAuthorizedException").withHeader("WWW-Authenticate", challenge);
    }

    /** 401 for an authenticated app that lacks the permission an operation needs. */
    static SandboxResponse forbiddenOperation() {
        return pbiError(401, "PowerBINotAuthorizedException");
    }

    /** 404: the workspace, report, dataset, pipeline or operation does not exist or is hidden from the caller. */
    static SandboxResponse entityNotFound() {
        return pbiError(404, "PowerBIEntityNotFound");
    }

    /** 400 from request validation: a malformed id in the path, a bad body or query option. */
    static SandboxResponse badRequest(String target, String message) {
        ObjectNode detail = Json.MAPPER.createObjectNode().put("message", message).put("target", target);
        ObjectNode error = Json.MAPPER.createObjectNode().put("code", "BadRequest").put("message", "Bad Request");
        error.putArray("details").add(detail);
        return json(400, Json.MAPPER.createObjectNode().set("error", error));
    }

    /** 400 for a well-formed request the service refuses (e.g. rebinding a paginated report). */
    static SandboxResponse invalidRequest(String message) {
        ObjectNode error = Json.MAPPER.createObjectNode().put("code", "InvalidRequest").put("message", message);
        return json(400, Json.MAPPER.createObjectNode().set("error", error));
    }

    /** 429 as the live service sends it: a bare message and the wait in Retry-After. */
    static SandboxResponse throttled(Rejection rejection) {
        long seconds = rejection.retryAfterSeconds();
        ObjectNode body = Json.MAPPER.createObjectNode().put("message", "You have exceeded the amount of requests allowed"
                + " in the current time frame and further requests will fail. Retry in " + seconds + " seconds.");
        return json(429, body).withHeader("Retry-After", Long.toString(seconds));
    }

    static SandboxResponse noRoute(String uri) {
        ObjectNode error = Json.MAPPER.createObjectNode().put("code", "NoRoute")
                .put("message", "No HTTP resource was found that matches the request URI '" + uri + "'.");
        return json(404, Json.MAPPER.createObjectNode().set("error", error));
    }

    static SandboxResponse methodNotAllowed(String method, String allowed) {
        ObjectNode error = Json.MAPPER.createObjectNode().put("code", "MethodNotAllowed")
                .put("message", "The requested resource does not support http method '" + method + "'.");
        return json(405, Json.MAPPER.createObjectNode().set("error", error)).withHeader("Allow", allowed);
    }

    private static SandboxResponse pbiError(int status, String code) {
        ObjectNode pbi = Json.MAPPER.createObjectNode().put("code", code);
        pbi.putObject("parameters");
        pbi.putArray("details");
        pbi.put("exceptionCulprit", 1);
        ObjectNode error = Json.MAPPER.createObjectNode().put("code", code);
        error.set("pbi.error", pbi);
        return json(status, Json.MAPPER.createObjectNode().set("error", error));
    }

    static SandboxResponse json(int status, ObjectNode body) {
        return SandboxResponse.json(status, body.toString());
    }
}
