package io.dvbridge.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Percent-encoding for the two places values enter a URL: a query value and a path segment. */
public final class UriText {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UriText() {
    }

    /** Encodes a query parameter value; spaces become %20 (not '+', which OData servers may read literally). */
    public static String queryValue(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Encodes one path segment, keeping the RFC 3986 pchar set (unreserved, sub-delims, ':' and '@') so
     * OData key syntax such as {@code accounts(accountnumber='A 1')} stays readable; '/' '?' '#' '%' and
     * everything outside ASCII are escaped.
     */
    public static String pathSegment(String value) {
        StringBuilder out = new StringBuilder(value.length() + 8);
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (isPchar(c)) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }

    private static boolean isPchar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~!$&'()*+,;=:@".indexOf(c) >= 0;
    }
}
