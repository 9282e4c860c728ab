package io.dvbridge.http;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The final answer to a request after retries. {@code gaveUpBecause} says why retrying stopped
 * when the answer is still an error that a retry could in principle have cured (throttled too long,
 * retries exhausted, not idempotent).
 */
public record HttpResult(int status, Map<String, List<String>> headers, byte[] body, int attempts,
                         Optional<String> gaveUpBecause) {

    public HttpResult {
        Map<String, List<String>> caseInsensitive = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.forEach((name, values) -> caseInsensitive.put(name, List.copyOf(values)));
        headers = java.util.Collections.unmodifiableMap(caseInsensitive);
        body = Arrays.copyOf(body, body.length);
    }

    public boolean isSuccess() {
        return status >= 200 && status < 300;
    }

    public Optional<String> header(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}
