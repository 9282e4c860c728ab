package io.dvbridge.sandbox.dataverse;

/** Percent-encoding for the query strings of links the Web API hands out. */
final class SandboxPaths {

    private SandboxPaths() {
    }

    /** Percent-encodes a query value: everything but unreserved characters, spaces as %20. */
    static String encodeQueryValue(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
