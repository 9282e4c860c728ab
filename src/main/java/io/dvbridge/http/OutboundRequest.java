package io.dvbridge.http;

import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP request before authorization. {@code idempotent} decides whether a 5xx or a lost
 * connection may be retried: repeating a non-idempotent POST could create a row twice.
 */
public record OutboundRequest(String method, URI uri, Map<String, String> headers, Optional<byte[]> body,
                              boolean idempotent) {

    public OutboundRequest {
        headers = Map.copyOf(headers);
        body = body.map(bytes -> Arrays.copyOf(bytes, bytes.length));
    }

    public static OutboundRequest get(URI uri, Map<String, String> headers) {
        return new OutboundRequest("GET", uri, headers, Optional.empty(), true);
    }

    public OutboundRequest withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new OutboundRequest(method, uri, copy, body, idempotent);
    }

    @Override
    public String toString() {
        return "OutboundRequest[" + method + " " + uri.getRawPath() + "]";
    }
}
