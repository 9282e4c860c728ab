package io.dvbridge.sandbox.entra;

import io.dvbridge.sandbox.http.SandboxResponse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The errors the sandbox's token endpoints answer with, worded and numbered as Microsoft Entra ID
 * does (learn.microsoft.com/entra/identity-platform/reference-error-codes), and the JSON body they
 * travel in: {@code error}, {@code error_description} ending in the trace id, correlation id and
 * timestamp lines, {@code error_codes}, {@code timestamp}, {@code trace_id}, {@code correlation_id},
 * {@code error_uri}.
 */
final class EntraErrors {

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private EntraErrors() {
    }

    /** The token endpoints answer an unknown tenant with {@code invalid_request}, discovery documents with {@code invalid_tenant}. */
    static EntraError tenantNotFound(String tenant, String error) {
        return new EntraError(400, error, 90002, "Tenant '" + tenant + "' not found. Check to make sure you have "
                + "the correct tenant ID and are signing into the correct cloud. Check with your subscription administrator, "
                + "this may happen if there are no active subscriptions for the tenant.");
    }

    static EntraError onlyPost(String method) {
        return new EntraError(400, "invalid_request", 900561,
                "The endpoint only accepts POST, OPTIONS requests. Received a " + method + " request.");
    }

    static EntraError missingParameter(String name) {
        return new EntraError(400, "invalid_request", 900144, "The request body must contain the following parameter: '"
                + name + "'.");
    }

    static EntraError unsupportedGrantType(String grantType) {
        return new EntraError(400, "unsupported_grant_type", 70003, "The app requested an unsupported grant type '"
                + grantType + "'.");
    }

    static EntraError scopeWithoutDefault(String scope) {
        return new EntraError(400, "invalid_scope", 1002012, "The provided value for scope " + scope + " is not valid. "
                + "Client credential flows must have a scope value with /.default suffixed to the resource identifier "
                + "(application ID URI).");
    }

    static EntraError incompatibleScopes(String scope) {
        return new EntraError(400, "invalid_scope", 70011, "The provided value for the input parameter 'scope' is not valid. "
                + "One or more scopes in '" + scope + "' are not compatible with each other.");
    }

    static EntraError applicationNotFound(String clientId, String tenant) {
        return new EntraError(400, "unauthorized_client", 700016, "Application with identifier '" + clientId
                + "' was not found in the directory '" + tenant + "'. This can happen if the application has not been installed "
                + "by the administrator of the tenant or consented to by any user in the tenant. You may have sent your "
                + "authentication request to the wrong tenant.");
    }

    static EntraError missingCredential() {
        return new EntraError(401, "invalid_client", 7000218,
                "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    static EntraError invalidSecret(String clientId) {
        return new EntraError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent "
                + "in the request is the client secret value, not the client secret ID, for a secret added to app '"
                + clientId + "'.");
    }

    static EntraError ambiguousCredentials() {
        return new EntraError(400, "invalid_request", 9002313, "Invalid request. Request is malformed or invalid: "
                + "a request must authenticate the client with exactly one of 'client_secret', 'client_assertion' "
                + "or an Authorization header.");
    }

    static EntraError unexpectedAssertionType() {
        return new EntraError(400, "invalid_request", 90011, "Unexpected client assertion type.");
    }

    static EntraError malformedAssertion() {
        return new EntraError(400, "invalid_request", 50027, "JWT token is invalid or malformed.");
    }

    static EntraError assertionAudience(String audience) {
        return new EntraError(400, "invalid_request", 50027, "JWT token is invalid or malformed. The audience '" + audience
                + "' of the client assertion is not the token endpoint of this tenant.");
    }

    static EntraError assertionClientMismatch() {
        return new EntraError(401, "invalid_client", 700021,
                "Client assertion application identifier doesn't match 'client_id' parameter.");
    }

    static EntraError assertionSubjectMismatch() {
        return new EntraError(401, "invalid_client", 50048, "Subject mismatches Issuer claim in the client assertion.");
    }

    static EntraError assertionTimeRange(Instant now, Instant notBefore, Instant expiry) {
        return new EntraError(401, "invalid_client", 700024, "Client assertion is not within its valid time range. Current time: "
                + now + ", assertion valid from " + notBefore + ", expiry time of assertion " + expiry + ".");
    }

    static EntraError assertionKeyNotFound(String thumbprint, String clientId) {
        return new EntraError(401, "invalid_client", 700027, "Client assertion contains an invalid signature. [Reason - The key "
                + "was not found., Thumbprint of key used by client: '" + thumbprint + "', Please visit the Azure Portal, Graph "
                + "Explorer or directly use MS Graph to see configured keys for app Id '" + clientId + "'.]");
    }

    static EntraError assertionBadSignature(String thumbprint, String clientId) {
        return new EntraError(401, "invalid_client", 700027, "Client assertion contains an invalid signature. [Reason - The "
                + "provided signature value did not match the expected signature value., Thumbprint of key used by client: '"
                + thumbprint + "', Please visit the Azure Portal, Graph Explorer or directly use MS Graph to see configured keys "
                + "for app Id '" + clientId + "'.]");
    }

    /** The response body and headers Entra sends with an error. */
    static SandboxResponse render(EntraError error, String correlationId, Clock clock) {
        String traceId = UUID.randomUUID().toString();
        String timestamp = TIMESTAMP.format(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error.error());
        body.put("error_description", error.description() + "\r\nTrace ID: " + traceId + "\r\nCorrelation ID: " + correlationId
                + "\r\nTimestamp: " + timestamp);
        body.put("error_codes", List.of(error.code()));
        body.put("timestamp", timestamp);
        body.put("trace_id", traceId);
        body.put("correlation_id", correlationId);
        body.put("error_uri", "https://login.microsoftonline.com/error?code=" + error.code());
        return EntraResponses.json(error.status(), body, traceId, correlationId);
    }
}
