package io.dvbridge.sandbox.http;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One HTTP response produced by a sandbox service. {@link #connectionReset()} is a marker the front
 * door turns into a dropped connection instead of a response.
 */
public record SandboxResponse(int status, Map<String, String> headers, byte[] body, boolean dropConnection) {

    public SandboxResponse {
        headers = new LinkedHashMap<>(headers);
        body = body == null ? new byte[0] : body;
    }

    public static SandboxResponse of(int status, Map<String, String> headers, byte[] body) {
        return new SandboxResponse(status, headers, body, false);
    }

    public static SandboxResponse json(int status, String json) {
        return of(status, Map.of("Content-Type", "application/json; odata.metadata=minimal"), json.getBytes(StandardCharsets.UTF_8));
    }

    public static SandboxResponse empty(int status) {
        return of(status, Map.of(), new byte[0]);
    }

    public static SandboxResponse connectionReset() {
        return new SandboxResponse(0, Map.of(), new byte[0], true);
    }

    public SandboxResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new SandboxResponse(status, copy, body, dropConnection);
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
