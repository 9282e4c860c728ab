package io.dvbridge.dataverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads multipart/mixed bodies as $batch uses them: parts with headers, either a nested multipart
 * (changeset) or an embedded HTTP message. Tolerates LF as well as CRLF line endings.
 */
final class Multipart {

    private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?", Pattern.CASE_INSENSITIVE);

    record Part(Map<String, String> headers, String content) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        Optional<String> nestedBoundary() {
            return header("Content-Type").filter(type -> type.toLowerCase(Locale.ROOT).startsWith("multipart/"))
                    .flatMap(Multipart::boundaryOf);
        }
    }

    /** An HTTP message inside a part: a request or a status line, headers, body. */
    record HttpMessage(String startLine, Map<String, String> headers, String body) {
        Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }

        int status() {
            String[] words = startLine.split(" ");
            if (words.length < 2 || !words[0].startsWith("HTTP/")) {
                throw new IllegalStateException("Not an HTTP status line in the batch response: " + startLine);
            }
            return Integer.parseInt(words[1]);
        }
    }

    private Multipart() {
    }

    static Optional<String> boundaryOf(String contentType) {
        Matcher m = BOUNDARY.matcher(contentType);
        return m.find() ? Optional.of(m.group(1).trim()) : Optional.empty();
    }

    static List<Part> parts(String body, String boundary) {
        String normalized = body.replace("\r\n", "\n");
        String delimiter = "--" + boundary;
        List<Part> parts = new ArrayList<>();
        int at = normalized.indexOf(delimiter);
        if (at < 0) {
            throw new IllegalStateException("The multipart body does not contain its boundary " + boundary);
        }
        while (true) {
            int lineEnd = normalized.indexOf('\n', at);
            if (normalized.startsWith(delimiter + "--", at) || lineEnd < 0) {
                return parts;
            }
            int next = normalized.indexOf("\n" + delimiter, lineEnd);
            if (next < 0) {
                throw new IllegalStateException("The multipart body ends without its closing boundary " + boundary);
            }
            parts.add(part(normalized.substring(lineEnd + 1, next)));
            at = next + 1;
        }
    }

    static HttpMessage httpMessage(String content) {
        String text = content.replace("\r\n", "\n");
        int lineEnd = text.indexOf('\n');
        String startLine = (lineEnd < 0 ? text : text.substring(0, lineEnd)).trim();
        Part rest = part(lineEnd < 0 ? "" : text.substring(lineEnd + 1));
        return new HttpMessage(startLine, rest.headers(), rest.content().strip());
    }

    /** Headers up to the first blank line, then the content. */
    private static Part part(String text) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int i = 0;
        while (i < text.length()) {
            int end = text.indexOf('\n', i);
            String line = end < 0 ? text.substring(i) : text.substring(i, end);
            i = end < 0 ? text.length() : end + 1;
            if (line.isBlank()) {
                break;
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        return new Part(headers, text.substring(Math.min(i, text.length())));
    }
}
