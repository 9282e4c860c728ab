package io.dvbridge.http;

import java.net.URI;

/**
 * A URL (typically a server-supplied nextLink) points to a host that configuration did not name.
 * Refused before any token is attached. The message names only scheme, host and port of the
 * offending URL, never its query (which may hold data).
 */
public final class ForeignHostException extends SecurityException {

    private final Origin expected;
    private final String refused;

    public ForeignHostException(Origin expected, URI refused) {
        super("Refusing to call " + describe(refused) + ": only " + expected + " is configured for this environment");
        this.expected = expected;
        this.refused = describe(refused);
    }

    public Origin expected() {
        return expected;
    }

    /** scheme://host:port of the refused URL */
    public String refused() {
        return refused;
    }

    private static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }
}
