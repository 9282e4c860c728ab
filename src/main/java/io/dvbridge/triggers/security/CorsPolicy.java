package io.dvbridge.triggers.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which browser origins may call the API from script: none unless configured, then exactly the
 * listed origins ({@code scheme://host[:port]}); no wildcard, and no credentials mode since the API
 * takes its credentials from headers, never cookies. A request from any other origin gets no CORS
 * header at all, so the browser keeps the answer from the page.
 */
final class CorsPolicy {

    static final String ALLOW_METHODS = "GET, POST";
    static final String ALLOW_HEADERS = "Authorization, Content-Type, X-API-Key";
    static final String EXPOSE_HEADERS = "Location";
    static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;

    private CorsPolicy(Set<String> origins) {
        this.origins = Set.copyOf(origins);
    }

    /** @throws SecurityConfigurationException naming an entry that is not an origin */
    static CorsPolicy of(List<String> configured) {
        return new CorsPolicy(configured.stream().map(CorsPolicy::origin).collect(Collectors.toSet()));
    }

    boolean isOff() {
        return origins.isEmpty();
    }

    List<String> origins() {
        return origins.stream().sorted().toList();
    }

    /** The CORS headers to answer a request from {@code origin} with; empty when it may not call us. */
    Map<String, String> headers(Optional<String> origin, boolean preflight) {
        Optional<String> allowed = origin.map(o -> o.trim().toLowerCase(Locale.ROOT)).filter(origins::contains);
        if (allowed.isEmpty()) {
            return Map.of();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Access-Control-Allow-Origin", origin.get().trim());
        headers.put("Vary", "Origin");
        if (preflight) {
            headers.put("Access-Control-Allow-Methods", ALLOW_METHODS);
            headers.put("Access-Control-Allow-Headers", ALLOW_HEADERS);
            headers.put("Access-Control-Max-Age", MAX_AGE_SECONDS);
        } else {
            headers.put("Access-Control-Expose-Headers", EXPOSE_HEADERS);
        }
        return Map.copyOf(headers);
    }

    private static String origin(String value) {
        String property = SecuritySettings.CORS_ALLOWED_ORIGINS;
        if (value.equals("*") || value.equalsIgnoreCase("null")) {
            throw new SecurityConfigurationException(property + " lists '" + value + "': name each origin allowed to call the API "
                    + "from a browser, e.g. https://portal.example.com");
        }
        try {
            URI uri = new URI(value);
            boolean bare = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) && uri.getRawQuery() == null
                    && uri.getRawFragment() == null && uri.getRawUserInfo() == null;
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null && bare) {
                return value.toLowerCase(Locale.ROOT);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        throw new SecurityConfigurationException(property + " lists '" + value + "', which is not an origin "
                + "(scheme://host[:port], no path), e.g. https://portal.example.com");
    }
}
