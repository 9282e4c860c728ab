package io.dvbridge.store;

import java.util.Objects;

/**
 * Where the state store lives and how big its connection pool may grow.
 *
 * @param url         a JDBC URL: {@code jdbc:postgresql://host:port/db} in production, or the embedded default
 *                    {@code jdbc:h2:file:./state/dvbridge;AUTO_SERVER=FALSE}
 * @param username    may be empty (H2, or credentials carried by the driver's own configuration)
 * @param password    may be empty; never printed
 * @param maxPoolSize the most connections this process holds open at once
 */
public record StoreSettings(String url, String username, String password, int maxPoolSize) {

    /** The embedded default: one H2 file beside the working directory, for a single instance. */
    public static final String EMBEDDED_URL = "jdbc:h2:file:./state/dvbridge;AUTO_SERVER=FALSE";

    public StoreSettings {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(password, "password");
        if (url.isBlank()) {
            throw new IllegalArgumentException("The state store URL is empty");
        }
        if (maxPoolSize < 1) {
            throw new IllegalArgumentException("The state store pool needs at least one connection, not " + maxPoolSize);
        }
    }

    /**
     * The URL as it may be shown to people: without query string or driver settings (either may carry a user
     * or password, e.g. {@code ?password=} or {@code ;PASSWORD=}) and without a {@code user:password@} part.
     */
    public String safeUrl() {
        String shown = url;
        int settings = indexOfAny(shown, '?', ';');
        if (settings >= 0) {
            shown = shown.substring(0, settings);
        }
        int scheme = shown.indexOf("//");
        int at = shown.indexOf('@', Math.max(scheme, 0));
        if (scheme >= 0 && at > scheme) {
            shown = shown.substring(0, scheme + 2) + shown.substring(at + 1);
        }
        return shown;
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        if (a < 0) {
            return b;
        }
        return b < 0 ? a : Math.min(a, b);
    }

    @Override
    public String toString() {
        return "StoreSettings[url=" + safeUrl() + ", username=" + username + ", password=" + (password.isEmpty() ? "" : "***")
                + ", maxPoolSize=" + maxPoolSize + "]";
    }
}
