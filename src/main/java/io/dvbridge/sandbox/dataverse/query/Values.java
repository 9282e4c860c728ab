package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.AttributeType;
import io.dvbridge.sandbox.dataverse.Column;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;

/**
 * Values as the evaluator compares them: every number as BigDecimal, date-times as Instant, GUIDs as UUID,
 * text as String, flags as Boolean; null means "no value" and makes comparisons unknown (SQL semantics).
 */
final class Values {

    private Values() {
    }

    /** A stored row value in comparable form (numbers widened; tolerant of a GUID or instant kept as text). */
    static Object normalize(Object raw) {
        if (raw == null) {
            return null;
        }
        if (raw instanceof BigDecimal || raw instanceof String || raw instanceof Boolean || raw instanceof Instant
                || raw instanceof UUID) {
            return raw;
        }
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
            return BigDecimal.valueOf(((Number) raw).longValue());
        }
        if (raw instanceof Double || raw instanceof Float) {
            return new BigDecimal(raw.toString());
        }
        if (raw instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        if (raw instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        return raw.toString();
    }

    /** A row value read as a column of the given type (a UUID stored as text still compares as a GUID). */
    static Object read(Object raw, EdmType type) {
        Object value = normalize(raw);
        if (value instanceof String s && type == EdmType.GUID) {
            return parseGuid(s);
        }
        if (value instanceof String s && type == EdmType.DATETIMEOFFSET) {
            return parseInstant(s);
        }
        return value;
    }

    /** Order of two values of compatible types; both non-null. */
    static int compare(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return Collation.compare(x, y);
        }
        if (a instanceof BigDecimal x && b instanceof BigDecimal y) {
            return x.compareTo(y);
        }
        if (a instanceof UUID x && b instanceof UUID y) {
            return Collation.compare(x, y);
        }
        if (a instanceof Instant x && b instanceof Instant y) {
            return x.compareTo(y);
        }
        if (a instanceof Boolean x && b instanceof Boolean y) {
            return x.compareTo(y);
        }
        if (a instanceof LocalTime x && b instanceof LocalTime y) {
            return x.compareTo(y);
        }
        throw new IllegalStateException("values of different types compared: " + a.getClass().getSimpleName()
                + " and " + b.getClass().getSimpleName());
    }

    static boolean equal(Object a, Object b) {
        return compare(a, b) == 0;
    }

    /**
     * A condition value written as text (FetchXML, query-function arrays) read as the column's type; the
     * error is worded as Dataverse's query builder words it.
     */
    static Object fromText(Column column, String text, String entityLogicalName) {
        AttributeType type = column.type();
        String t = text.trim();
        try {
            return switch (EdmType.of(type)) {
                case STRING -> text;
                case INT32 -> BigDecimal.valueOf(Integer.parseInt(t));
                case INT64 -> BigDecimal.valueOf(Long.parseLong(t));
                case DECIMAL, DOUBLE -> new BigDecimal(t);
                case BOOLEAN -> parseBoolean(t);
                case DATETIMEOFFSET -> requireInstant(t);
                case GUID -> requireGuid(t);
                default -> throw new IllegalStateException("no text form for " + type);
            };
        } catch (NumberFormatException | DateTimeParseException e) {
            throw Errors.wrongValueType(entityLogicalName, column.name(), clrType(type));
        }
    }

    private static String clrType(AttributeType type) {
        return switch (EdmType.of(type)) {
            case INT32 -> "System.Int32";
            case INT64 -> "System.Int64";
            case DECIMAL -> "System.Decimal";
            case DOUBLE -> "System.Double";
            case BOOLEAN -> "System.Boolean";
            case DATETIMEOFFSET -> "System.DateTime";
            case GUID -> "System.Guid";
            default -> "System.String";
        };
    }

    private static Boolean parseBoolean(String t) {
        return switch (t.toLowerCase(Locale.ROOT)) {
            case "1", "true" -> Boolean.TRUE;
            case "0", "false" -> Boolean.FALSE;
            default -> throw new NumberFormatException(t);
        };
    }

    private static UUID requireGuid(String t) {
        UUID id = parseGuid(t);
        if (id == null) {
            throw new NumberFormatException(t);
        }
        return id;
    }

    private static Instant requireInstant(String t) {
        Instant instant = parseInstant(t);
        if (instant == null) {
            throw new DateTimeParseException("not a date-time", t, 0);
        }
        return instant;
    }

    /** A GUID in its usual forms: bare, in braces, with surrounding spaces; null when it is none. */
    static UUID parseGuid(String text) {
        return io.dvbridge.sandbox.dataverse.Guids.parse(text).orElse(null);
    }

    /** ISO date-time with offset, without (read as UTC) or a date alone (midnight UTC); null when none. */
    static Instant parseInstant(String text) {
        String t = text.trim();
        OffsetDateTime withOffset = ExpressionLexer.parseDateTimeOffset(t);
        if (withOffset != null) {
            return withOffset.toInstant();
        }
        try {
            return LocalDateTime.parse(t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // a date alone, below
        }
        try {
            return LocalDate.parse(t).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
