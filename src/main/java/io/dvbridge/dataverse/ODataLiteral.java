package io.dvbridge.dataverse;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Formats Java values as OData literals for {@code $filter} text and key segments. Routes never
 * concatenate values into filters: a quote in a name (O'Bryan) would end the literal early.
 */
public final class ODataLiteral {

    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private ODataLiteral() {
    }

    /**
     * String -> {@code 'O''Bryan'}; UUID -> unquoted GUID; Number and Boolean as written; null -> {@code null};
     * Instant / OffsetDateTime / ZonedDateTime -> unquoted ISO-8601 with offset; LocalDate -> {@code 2024-06-15};
     * Collection -> {@code ["a","b"]} (the form {@code Microsoft.Dynamics.CRM.In(..., PropertyValues=...)} takes:
     * double-quoted JSON strings, so an apostrophe is not a literal's end; it and square brackets are written as
     * JSON escapes all the same, see {@link #jsonString}).
     *
     * @throws IllegalArgumentException for types with no OData literal form (and NaN / infinite numbers)
     */
    public static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String text) {
            return quoted(text);
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        if (value instanceof Boolean bool) {
            return bool.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
                || value instanceof BigInteger) {
            return value.toString();
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("A filter value must be a finite number, not " + d);
            }
            return BigDecimal.valueOf(d).toPlainString();
        }
        if (value instanceof Instant instant) {
            return DateTimeFormatter.ISO_INSTANT.format(instant);
        }
        if (value instanceof OffsetDateTime dateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime);
        }
        if (value instanceof ZonedDateTime dateTime) {
            return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(dateTime.toOffsetDateTime());
        }
        if (value instanceof LocalDate date) {
            return DateTimeFormatter.ISO_LOCAL_DATE.format(date);
        }
        if (value instanceof Collection<?> values) {
            return values.stream().map(ODataLiteral::jsonString).collect(Collectors.joining(",", "[", "]"));
        }
        throw new IllegalArgumentException("No OData literal form for a value of type " + value.getClass().getName());
    }

    /** A string literal: single quotes, an embedded quote doubled. */
    public static String quoted(String text) {
        return "'" + text.replace("'", "''") + "'";
    }

    /**
     * A string that must be a GUID, written unquoted.
     *
     * @throws IllegalArgumentException when the text is not a GUID (so it cannot smuggle filter syntax)
     */
    public static String guid(String text) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (!GUID.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("Not a GUID: '" + text + "'");
        }
        return trimmed.toLowerCase(java.util.Locale.ROOT);
    }

    public static boolean isGuid(String text) {
        return GUID.matcher(text).matches();
    }

    private static String jsonString(Object element) {
        if (element == null) {
            throw new IllegalArgumentException("A collection filter value must not contain null");
        }
        String text = element instanceof String s ? s : format(element);
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // The list is first found as a bracket expression by a lexer that counts brackets and skips
                // single-quoted literals (the sandbox's does), before any JSON is read: written as escapes,
                // these cannot end it early. The JSON reader turns them back into the characters.
                case '\'' -> out.append("\\u0027");
                case '[' -> out.append("\\u005b");
                case ']' -> out.append("\\u005d");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
