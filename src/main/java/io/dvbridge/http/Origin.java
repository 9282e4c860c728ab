package io.dvbridge.http;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and port of a configured base URL. A token is only ever sent to the origin that
 * configuration named, so every outgoing URL (including server-supplied nextLinks) is checked here.
 */
public record Origin(String scheme, String host, int port) {

    public static Origin of(URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null) {
            throw new IllegalArgumentException("Not an absolute URL with a host: " + uri.getScheme() + "://" + uri.getRawAuthority());
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        return new Origin(scheme, uri.getHost().toLowerCase(Locale.ROOT), effectivePort(scheme, uri.getPort()));
    }

    public boolean contains(URI uri) {
        if (!uri.isAbsolute() || uri.getHost() == null) {
            return false;
        }
        return equals(of(uri));
    }

    /** @throws ForeignHostException when {@code uri} points anywhere but this origin */
    public void requireSame(URI uri) {
        if (!contains(uri)) {
            throw new ForeignHostException(this, uri);
        }
    }

    private static int effectivePort(String scheme, int port) {
        if (port != -1) {
            return port;
        }
        return "http".equals(scheme) ? 80 : 443;
    }

    @Override
    public String toString() {
        return scheme + "://" + host + ":" + port;
    }
}
