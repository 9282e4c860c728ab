package io.dvbridge.cmt;

/**
 * The HTML encoding the Configuration Migration tool applies to text values on top of XML escaping:
 * a {@code &} in a value is {@code &amp;} after encoding and so {@code &amp;amp;} in data.xml, a quote
 * {@code &amp;quot;}, an apostrophe {@code &amp;#39;} (seen in real exports, e.g.
 * TALXIS/platform-metadata tests/.../CmtPackage/real-export/data.xml). The tool is a .NET application
 * and decodes like .NET's HtmlDecode: character references (decimal and hexadecimal) and named
 * entities; of the named ones dvbridge knows those the tool writes ({@code amp lt gt quot}) and
 * {@code apos nbsp}. Anything that is not an entity stays as it is, so a lone {@code &} in a
 * hand-written file survives. Lookup names ({@code lookupentityname}) are not encoded by the tool and not decoded here.
 */
public final class HtmlText {

    private HtmlText() {
    }

    /** The value as the tool writes it before XML escaping. */
    public static String encode(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            String entity = switch (text.charAt(i)) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (entity != null && out == null) {
                out = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (out != null) {
                if (entity != null) {
                    out.append(entity);
                } else {
                    out.append(text.charAt(i));
                }
            }
        }
        return out == null ? text : out.toString();
    }

    /** The value the tool imports for a data.xml value (after XML unescaping). */
    public static String decode(String text) {
        int amp = text.indexOf('&');
        if (amp < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length()).append(text, 0, amp);
        int i = amp;
        while (i < text.length()) {
            char c = text.charAt(i);
            int semicolon = c == '&' ? text.indexOf(';', i + 1) : -1;
            // .NET reads at most a short run of characters as an entity name; longer runs are plain text.
            if (semicolon > i + 1 && semicolon - i <= 12) {
                String decoded = entity(text.substring(i + 1, semicolon));
                if (decoded != null) {
                    out.append(decoded);
                    i = semicolon + 1;
                    continue;
                }
            }
            out.append(c);
            i++;
        }
        return out.toString();
    }

    private static String entity(String name) {
        if (name.startsWith("#")) {
            try {
                int codePoint = name.length() > 1 && (name.charAt(1) == 'x' || name.charAt(1) == 'X')
                        ? Integer.parseInt(name.substring(2), 16) : Integer.parseInt(name.substring(1));
                return Character.isValidCodePoint(codePoint) && codePoint != 0 ? new String(Character.toChars(codePoint)) : null;
            } catch (NumberFormatException notANumber) {
                return null;
            }
        }
        return switch (name) {
            case "amp" -> "&";
            case "lt" -> "<";
            case "gt" -> ">";
            case "quot" -> "\"";
            case "apos" -> "'";
            case "nbsp" -> "\u00a0";
            default -> null;
        };
    }
}
