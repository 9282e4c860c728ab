package io.dvbridge.sandbox.dataverse.query;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the {@code PropertyValues=[...]} array of Dataverse query functions. It is JSON as OData's reader
 * takes it: strings in double or single quotes (so {@code ["O'Brian"]} works and {@code ['O'Brian']}
 * does not), bare numbers; elements come back as their text.
 */
final class JsonArrayText {

    private final String text;
    private int pos;

    private JsonArrayText(String text) {
        this.text = text;
    }

    static List<String> parse(String text) {
        return new JsonArrayText(text).array();
    }

    private List<String> array() {
        List<String> values = new ArrayList<>();
        expect('[');
        skipSpace();
        if (peek() == ']') {
            pos++;
            return end(values);
        }
        while (true) {
            skipSpace();
            values.add(element());
            skipSpace();
            char c = peek();
            pos++;
            if (c == ']') {
                return end(values);
            }
            if (c != ',') {
                throw Errors.invalidJsonArray();
            }
        }
    }

    private List<String> end(List<String> values) {
        skipSpace();
        if (pos != text.length()) {
            throw Errors.invalidJsonArray();
        }
        return values;
    }

    private String element() {
        char quote = peek();
        if (quote == '"' || quote == '\'') {
            pos++;
            StringBuilder value = new StringBuilder();
            while (pos < text.length() && text.charAt(pos) != quote) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    value.append(escaped(text.charAt(pos++)));
                } else {
                    value.append(c);
                }
            }
            if (pos >= text.length()) {
                throw Errors.invalidJsonArray();
            }
            pos++;
            return value.toString();
        }
        int start = pos;
        while (pos < text.length() && ",] \t\r\n".indexOf(text.charAt(pos)) < 0) {
            pos++;
        }
        if (start == pos) {
            throw Errors.invalidJsonArray();
        }
        return text.substring(start, pos);
    }

    private char escaped(char c) {
        switch (c) {
            case 'n':
                return '\n';
            case 't':
                return '\t';
            case 'r':
                return '\r';
            case 'b':
                return '\b';
            case 'f':
                return '\f';
            case 'u':
                if (pos + 4 <= text.length()) {
                    try {
                        char u = (char) Integer.parseInt(text.substring(pos, pos + 4), 16);
                        pos += 4;
                        return u;
                    } catch (NumberFormatException e) {
                        throw Errors.invalidJsonArray();
                    }
                }
                throw Errors.invalidJsonArray();
            default:
                return c;
        }
    }

    private void expect(char c) {
        if (peek() != c) {
            throw Errors.invalidJsonArray();
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }
}
