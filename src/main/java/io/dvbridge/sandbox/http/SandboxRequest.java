package io.dvbridge.sandbox.http;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP request as the sandbox services see it, independent of the server that received it, so
 * that a request parsed out of a $batch body is handled exactly like one that came over the wire.
 *
 * @param method  upper-case HTTP method
 * @param path    the raw (still percent-encoded) path, without the query string
 * @param rawQuery the raw query string without '?', or empty
 * @param headers header names are case-insensitive
 */
public record SandboxRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {

    public SandboxRequest {
        method = method.toUpperCase(Locale.ROOT);
        rawQuery = rawQuery == null ? "" : rawQuery;
        TreeMap<String, List<String>> ci = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            headers.forEach((k, v) -> ci.computeIfAbsent(k, x -> new java.util.ArrayList<>()).addAll(v));
        }
        headers = ci;
        body = body == null ? new byte[0] : body;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    /** Query parameters, percent-decoded, in order of appearance (first value wins on repeats). */
    public Map<String, String> queryParameters() {
        Map<String, String> params = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return params;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(key, value);
        }
        return params;
    }

    /** The path with percent-escapes decoded (for matching segments such as keys in parentheses). */
    public String decodedPath() {
        return decodePath(path);
    }

    /** The bearer token of the Authorization header, if one was sent. */
    public Optional<String> bearerToken() {
        return header("Authorization")
                .filter(h -> h.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(h -> h.substring(7).trim());
    }

    public String bodyAsString() {
        return new String(body, StandardCharsets.UTF_8);
    }

    static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    /** Decodes %XX escapes but, unlike form decoding, keeps '+' as a plus sign. */
    public static String decodePath(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }
}
