package io.dvbridge.cmt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming XML writer that escapes the way .NET's XmlWriter (and so the Configuration
 * Migration tool) does.
 *
 * <p>Why not {@code XMLStreamWriter}: the JDK's writer leaves CR, LF and TAB raw inside attribute
 * values, and every XML reader normalises those to spaces, so a multi-line text column would not
 * survive a round trip through {@code <field value="...">}. Here they become {@code &#xA;} etc.
 * Characters XML 1.0 cannot hold at all are refused instead of being written into a file that no
 * tool could read back.
 *
 * <p>State is the stack of open element names only: memory does not grow with the document.
 */
final class XmlOut {

    private final Writer out;
    private final Deque<String> open = new ArrayDeque<>();
    private boolean startTagOpen;
    private boolean lastWasText;

    XmlOut(Writer out) {
        this.out = out;
    }

    void declaration() {
        write("<?xml version=\"1.0\" encoding=\"utf-8\"?>");
    }

    XmlOut start(String name) {
        closeStartTag();
        newline(open.size());
        write("<");
        write(name);
        open.push(name);
        startTagOpen = true;
        lastWasText = false;
        return this;
    }

    XmlOut attribute(String name, String value) {
        if (!startTagOpen) {
            throw new IllegalStateException("attribute '" + name + "' outside a start tag");
        }
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        escapeAttribute(escaped, value);
        write(" ");
        write(name);
        write("=\"");
        write(escaped.toString());
        write("\"");
        return this;
    }

    XmlOut text(String value) {
        closeStartTag();
        StringBuilder escaped = new StringBuilder(value.length() + 16);
        escapeText(escaped, value);
        write(escaped.toString());
        lastWasText = true;
        return this;
    }

    /** Writes {@code <name>value</name>} on its own line. */
    XmlOut element(String name, String value) {
        return start(name).text(value).end();
    }

    XmlOut end() {
        String name = open.pop();
        if (startTagOpen) {
            write(" />");
            startTagOpen = false;
        } else {
            if (!lastWasText) {
                newline(open.size());
            }
            write("</");
            write(name);
            write(">");
        }
        lastWasText = false;
        return this;
    }

    int depth() {
        return open.size();
    }

    void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeStartTag() {
        if (startTagOpen) {
            write(">");
            startTagOpen = false;
        }
    }

    private void newline(int depth) {
        write("\r\n");
        for (int i = 0; i < depth; i++) {
            write("  ");
        }
    }

    private void write(String s) {
        try {
            out.write(s);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void escapeAttribute(StringBuilder to, String value) {
        escape(to, value, true);
    }

    static void escapeText(StringBuilder to, String value) {
        escape(to, value, false);
    }

    private static void escape(StringBuilder to, String value, boolean attribute) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '&' -> to.append("&amp;");
                case '<' -> to.append("&lt;");
                case '>' -> to.append("&gt;");
                case '"' -> to.append(attribute ? "&quot;" : "\"");
                case '\r' -> to.append("&#xD;");
                case '\n' -> to.append(attribute ? "&#xA;" : "\n");
                case '\t' -> to.append(attribute ? "&#x9;" : "\t");
                default -> {
                    if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                        to.append(c).append(value.charAt(++i));
                    } else if (c < 0x20 || Character.isSurrogate(c) || c == 0xFFFE || c == 0xFFFF) {
                        throw new CmtValueException(String.format(
                                "character U+%04X at position %d cannot be stored in XML", (int) c, i));
                    } else {
                        to.append(c);
                    }
                }
            }
        }
    }
}
