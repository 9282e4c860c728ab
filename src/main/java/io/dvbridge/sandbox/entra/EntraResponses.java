package io.dvbridge.sandbox.entra;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.SandboxResponse;

import java.util.LinkedHashMap;
import java.util.Map;

/** JSON responses with the headers Entra ID sends: no caching, request and correlation ids. */
final class EntraResponses {

    private EntraResponses() {
    }

    static SandboxResponse json(int status, Map<String, ?> body, String requestId, String correlationId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json; charset=utf-8");
        headers.put("Cache-Control", "no-store, no-cache");
        headers.put("Pragma", "no-cache");
        headers.put("x-ms-request-id", requestId);
        headers.put("client-request-id", correlationId);
        try {
            return SandboxResponse.of(status, headers, Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an Entra response", e);
        }
    }

    static SandboxResponse notFound(String path) {
        return SandboxResponse.of(404, Map.of("Content-Type", "text/plain; charset=utf-8"),
                ("Not found: " + path).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
