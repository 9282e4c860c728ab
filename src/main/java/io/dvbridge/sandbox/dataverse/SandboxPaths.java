package io.dvbridge.sandbox.dataverse;

import io.dvbridge.sandbox.http.SandboxRequest;

/** Small helpers for the percent-encoded paths of the Web API. */
final class SandboxPaths {

    private SandboxPaths() {
    }

    static String decode(String segment) {
        return SandboxRequest.decodePath(segment);
    }

    /** Percent-encodes a query value: everything but unreserved characters, spaces as %20. */
    static String encodeQueryValue(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }
}
