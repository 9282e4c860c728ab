package io.dvbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads multipart/mixed bodies and the HTTP messages inside them, as OData $batch uses them. */
final class Multipart {

    /** One body part: its MIME headers (case-insensitive) and its content. */
    record Part(Map<String, String> headers, String content) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    /** An HTTP request carried inside a part. */
    record EmbeddedRequest(String method, String target, Map<String, List<String>> headers, String body) {
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    private Multipart() {
    }

    static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/mixed")) {
            return Optional.empty();
        }
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
    }

    static List<Part> parse(String body, String boundary) {
        String text = body.replace("\r\n", "\n");
        String delimiter = "--" + boundary;
        List<Part> parts = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        StringBuilder current = null;
        boolean closed = false;
        for (String line : lines) {
            String trimmed = stripTrailing(line);
            if (trimmed.equals(delimiter) || trimmed.equals(delimiter + "--")) {
                if (current != null) {
                    parts.add(part(current.toString()));
                }
                if (trimmed.endsWith("--") && trimmed.length() == delimiter.length() + 2) {
                    closed = true;
                    current = null;
                    break;
                }
                current = new StringBuilder();
            } else if (current != null) {
                current.append(line).append('\n');
            }
        }
        if (!closed) {
            throw DataverseError.badRequest("The batch body is not terminated by the closing boundary '--" + boundary + "--'.");
        }
        return parts;
    }

    private static Part part(String raw) {
        String content = raw.endsWith("\n") ? raw.substring(0, raw.length() - 1) : raw;
        int blank = content.indexOf("\n\n");
        String headerBlock = blank < 0 ? content : content.substring(0, blank);
        String rest = blank < 0 ? "" : content.substring(blank + 2);
        return new Part(headers(headerBlock), rest);
    }

    private static Map<String, String> headers(String block) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line : block.split("\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return headers;
    }

    static EmbeddedRequest request(String content) {
        String text = content.startsWith("\n") ? content.substring(1) : content;
        int blank = text.indexOf("\n\n");
        String head = blank < 0 ? text : text.substring(0, blank);
        String body = blank < 0 ? "" : text.substring(blank + 2).strip();
        String[] lines = head.split("\n");
        String[] requestLine = lines[0].trim().split(" ");
        if (requestLine.length < 2) {
            throw DataverseError.badRequest("The batch part's request line '" + lines[0].trim() + "' is not 'METHOD URL HTTP/1.1'.");
        }
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).trim(), k -> new ArrayList<>()).add(lines[i].substring(colon + 1).trim());
            }
        }
        return new EmbeddedRequest(requestLine[0], requestLine[1], headers, body);
    }

    private static String stripTrailing(String s) {
        return s.replaceAll("[ \\t]+$", "");
    }
}
