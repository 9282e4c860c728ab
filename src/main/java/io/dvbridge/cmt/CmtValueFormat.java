package io.dvbridge.cmt;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Converts field values between their Web API JSON form (what a {@code dataverse:} query returns and
 * a write body takes) and their Configuration Migration tool form (the {@code value} attribute in
 * data.xml), per field type.
 *
 * <table>
 *   <caption>Forms per type</caption>
 *   <tr><th>type</th><th>Web API (Java)</th><th>data.xml</th></tr>
 *   <tr><td>string</td><td>String</td><td>HTML-encoded as the tool does ({@link HtmlText}): {@code a &amp; b} is {@code a &amp;amp; b} in the file</td></tr>
 *   <tr><td>imagedata</td><td>String, base64</td><td>as is</td></tr>
 *   <tr><td>number, optionsetvalue, state, status</td><td>Integer</td><td>{@code 42}</td></tr>
 *   <tr><td>bigint</td><td>Long</td><td>{@code 9999999999}</td></tr>
 *   <tr><td>decimal, money</td><td>BigDecimal</td><td>invariant, at least the tool's ten decimals: {@code 1000.5000000000}</td></tr>
 *   <tr><td>float</td><td>Double</td><td>invariant, shortest: {@code 3.14159}</td></tr>
 *   <tr><td>bool</td><td>Boolean</td><td>{@code True} / {@code False}</td></tr>
 *   <tr><td>guid, entityreference, owner, customer</td><td>String, lowercase GUID</td><td>lowercase GUID</td></tr>
 *   <tr><td>datetime</td><td>String, ISO instant ({@code 2024-06-15T14:30:00Z}); a date-only column's {@code 2024-06-15}</td><td>UTC, 7 fractional digits: {@code 2024-06-15T14:30:00.0000000Z}; date only without a zone: {@code 2024-06-15T00:00:00.0000000}</td></tr>
 *   <tr><td>optionsetvaluecollection</td><td>String {@code "100000000,100000001"}</td><td>{@code [-1,100000000,100000001,-1]}</td></tr>
 * </table>
 *
 * <p>Inputs are accepted in the forms a JSON library produces (any {@link Number}, numeric strings,
 * {@link Instant}/{@link OffsetDateTime}/{@link LocalDate}, collections for multi-select). partylist
 * and filedata values are refused (see {@link CmtFieldType#valuesSupported()}).
 */
public final class CmtValueFormat {

    private static final DateTimeFormatter CMT_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CMT_LOCAL_DATE_TIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSS", Locale.ROOT);
    /**
     * The decimals the tool writes for money and decimal columns: it prints the value with the scale of
     * the column's SQL storage, decimal(23,10) ({@code 11.5000000000} in a real export,
     * TALXIS/platform-metadata tests/.../CmtPackage/live-export/data.xml).
     */
    public static final int TOOL_DECIMAL_SCALE = 10;
    private static final Pattern GUID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern INTEGER = Pattern.compile("-?[0-9]+");
    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]+(\\.[0-9]+)?");
    private static final Pattern FLOAT = Pattern.compile("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    private static final String SENTINEL = "-1";

    private CmtValueFormat() {
    }

    /** The data.xml form of a Web API value. */
    public static String toCmt(CmtFieldType type, Object webApiValue) {
        Objects.requireNonNull(webApiValue, "null values are omitted from data.xml, not converted");
        requireSupported(type);
        return switch (type) {
            case STRING -> HtmlText.encode(string(webApiValue));
            case IMAGEDATA -> base64(string(webApiValue));
            case NUMBER, OPTIONSETVALUE, STATE, STATUS -> Integer.toString(int32(webApiValue));
            case BIGINT -> Long.toString(int64(webApiValue));
            case DECIMAL, MONEY -> decimalText(webApiValue, TOOL_DECIMAL_SCALE);
            case FLOAT -> floatText(float64(webApiValue));
            case BOOL -> bool(webApiValue) ? "True" : "False";
            case GUID, ENTITYREFERENCE, OWNER, CUSTOMER -> guid(webApiValue);
            case DATETIME -> dateOnly(webApiValue) ? dateOnlyText(webApiValue) : timestamp(instant(webApiValue));
            case OPTIONSETVALUECOLLECTION -> multiSelectToCmt(webApiValue);
            case PARTYLIST, FILEDATA -> throw new IllegalStateException("unreachable");
        };
    }

    /** The Web API value for a data.xml value. */
    public static Object toWebApi(CmtFieldType type, String cmtValue) {
        Objects.requireNonNull(cmtValue, "cmtValue");
        requireSupported(type);
        return switch (type) {
            case STRING -> HtmlText.decode(cmtValue);
            case IMAGEDATA -> base64(cmtValue);
            case NUMBER, OPTIONSETVALUE, STATE, STATUS -> int32(cmtValue);
            case BIGINT -> int64(cmtValue);
            case DECIMAL, MONEY -> decimal(cmtValue);
            case FLOAT -> float64(cmtValue);
            case BOOL -> bool(cmtValue);
            case GUID, ENTITYREFERENCE, OWNER, CUSTOMER -> guid(cmtValue);
            case DATETIME -> instant(cmtValue).toString();
            case OPTIONSETVALUECOLLECTION -> String.join(",", multiSelectFromCmt(cmtValue).stream().map(String::valueOf).toList());
            case PARTYLIST, FILEDATA -> throw new IllegalStateException("unreachable");
        };
    }

    /**
     * A canonical form for comparing a value from the file with a value read from the target:
     * numbers ignore scale, dates compare as instants, GUIDs ignore case, multi-select ignores order.
     * Text is compared exactly.
     */
    public static Object canonical(CmtFieldType type, Object webApiValue) {
        requireSupported(type);
        return switch (type) {
            case STRING, IMAGEDATA -> string(webApiValue);
            case NUMBER, OPTIONSETVALUE, STATE, STATUS, BIGINT, DECIMAL, MONEY ->
                    decimal(webApiValue).stripTrailingZeros();
            case FLOAT -> BigDecimal.valueOf(float64(webApiValue)).stripTrailingZeros();
            case BOOL -> bool(webApiValue);
            case GUID, ENTITYREFERENCE, OWNER, CUSTOMER -> guid(webApiValue);
            case DATETIME -> instant(webApiValue);
            case OPTIONSETVALUECOLLECTION -> new TreeSet<>(multiSelect(webApiValue));
            case PARTYLIST, FILEDATA -> throw new IllegalStateException("unreachable");
        };
    }

    /**
     * A number as the tool writes it: invariant, with at least {@code scale} decimals (more are kept,
     * never rounded away). The tool's scale is the column's storage scale: {@link #TOOL_DECIMAL_SCALE}, and
     * 12 for {@code exchangerate} ({@code 1.000000000000} in the same real export).
     */
    public static String decimalText(Object webApiValue, int scale) {
        BigDecimal value = decimal(webApiValue);
        return (value.scale() < scale ? value.setScale(scale) : value).toPlainString();
    }

    // A date-only column reads as an Edm.Date ("2024-06-15"), a time-zone-independent one is handed over as a
    // LocalDateTime; the tool writes both without a zone.
    private static boolean dateOnly(Object value) {
        return value instanceof LocalDate || value instanceof LocalDateTime || value instanceof String s && s.trim().length() == 10;
    }

    private static String dateOnlyText(Object value) {
        LocalDateTime local = value instanceof LocalDateTime l ? l
                : (value instanceof LocalDate d ? d : LocalDate.ofInstant(instant(value), ZoneOffset.UTC)).atStartOfDay();
        return CMT_LOCAL_DATE_TIME.format(local.minusNanos(local.getNano() % 100));
    }

    /** The data.xml root timestamp form: UTC with seven fractional digits. */
    public static String timestamp(Instant instant) {
        // .NET ticks are 100 ns; finer digits cannot be written in seven places.
        return CMT_DATE_TIME.format(instant.minusNanos(instant.getNano() % 100));
    }

    /** Parses a date value in any of the accepted forms (see {@link #toCmt}). */
    public static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        if (value instanceof ZonedDateTime z) {
            return z.toInstant();
        }
        if (value instanceof LocalDate d) {
            return d.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        if (value instanceof LocalDateTime l) {
            return l.toInstant(ZoneOffset.UTC);
        }
        String text = string(value).trim();
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-][0-9]{2}:[0-9]{2}$")) {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            }
            // No zone: the tool always writes UTC, so a zoneless hand-written value is read as UTC.
            return LocalDateTime.parse(text, DateTimeFormatter.ISO_LOCAL_DATE_TIME).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new CmtValueException("'" + text + "' is not a date and time (expected e.g. 2024-06-15T14:30:00.0000000Z)");
        }
    }

    private static void requireSupported(CmtFieldType type) {
        if (!type.valuesSupported()) {
            throw new CmtValueException(type.schemaName() + " values are not supported by dvbridge yet"
                    + (type == CmtFieldType.FILEDATA ? " (file columns travel beside data.xml)" : " (activity parties)"));
        }
    }

    private static String string(Object value) {
        if (value instanceof String s) {
            return s;
        }
        throw new CmtValueException("expected text, found " + describe(value));
    }

    private static String base64(String value) {
        try {
            Base64.getDecoder().decode(value);
            return value;
        } catch (IllegalArgumentException e) {
            throw new CmtValueException("image data is not valid base64");
        }
    }

    private static int int32(Object value) {
        BigDecimal number = decimal(value);
        try {
            return number.intValueExact();
        } catch (ArithmeticException e) {
            throw new CmtValueException("'" + number.toPlainString() + "' is not a 32-bit whole number");
        }
    }

    private static long int64(Object value) {
        BigDecimal number = decimal(value);
        try {
            return number.longValueExact();
        } catch (ArithmeticException e) {
            throw new CmtValueException("'" + number.toPlainString() + "' is not a 64-bit whole number");
        }
    }

    private static BigDecimal decimal(Object value) {
        if (value instanceof BigDecimal d) {
            return d;
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        if (value instanceof BigInteger b) {
            return new BigDecimal(b);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (!Double.isFinite(d)) {
                throw new CmtValueException("'" + d + "' is not a finite number");
            }
            return BigDecimal.valueOf(d);
        }
        String text = string(value).trim();
        if (!DECIMAL.matcher(text).matches()) {
            throw new CmtValueException("'" + text + "' is not a number in invariant format (digits, optional '.' and decimals)");
        }
        return new BigDecimal(text);
    }

    private static double float64(Object value) {
        if (value instanceof Number n && !(value instanceof BigDecimal) && !(value instanceof BigInteger)) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new CmtValueException("'" + d + "' is not a finite number");
            }
            return d;
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        String text = string(value).trim();
        if (!FLOAT.matcher(text).matches()) {
            throw new CmtValueException("'" + text + "' is not a floating-point number in invariant format");
        }
        return Double.parseDouble(text);
    }

    private static String floatText(double d) {
        return BigDecimal.valueOf(d).stripTrailingZeros().toPlainString();
    }

    private static boolean bool(Object value) {
        if (value instanceof Boolean b) {
            return b;
        }
        String text = string(value).trim();
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> true;
            case "false", "0" -> false;
            default -> throw new CmtValueException("'" + text + "' is not a boolean (True or False)");
        };
    }

    private static String guid(Object value) {
        if (value instanceof UUID u) {
            return u.toString();
        }
        String text = string(value).trim();
        if (text.length() == 38 && text.startsWith("{") && text.endsWith("}")) {
            text = text.substring(1, 37);
        }
        if (!GUID.matcher(text).matches()) {
            throw new CmtValueException("'" + text + "' is not a GUID");
        }
        return text.toLowerCase(Locale.ROOT);
    }

    private static String multiSelectToCmt(Object value) {
        List<Integer> values = multiSelect(value);
        StringBuilder text = new StringBuilder("[").append(SENTINEL);
        values.forEach(v -> text.append(',').append(v));
        return text.append(',').append(SENTINEL).append(']').toString();
    }

    private static List<Integer> multiSelect(Object value) {
        if (value instanceof Collection<?> items) {
            List<Integer> values = new ArrayList<>();
            items.forEach(item -> values.add(int32(item)));
            return values;
        }
        String text = string(value).trim();
        if (text.startsWith("[")) {
            return multiSelectFromCmt(text);
        }
        List<Integer> values = new ArrayList<>();
        if (!text.isEmpty()) {
            for (String part : text.split(",")) {
                values.add(int32(part.trim()));
            }
        }
        return values;
    }

    private static List<Integer> multiSelectFromCmt(String text) {
        String trimmed = text.trim();
        if (!trimmed.startsWith("[") || !trimmed.endsWith("]")) {
            throw new CmtValueException("'" + text + "' is not a multi-select value (expected e.g. [-1,100000000,-1])");
        }
        List<String> parts = new ArrayList<>();
        for (String part : trimmed.substring(1, trimmed.length() - 1).split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        // The tool wraps the chosen values in -1 sentinels; they are not options.
        if (parts.size() < 2 || !parts.get(0).equals(SENTINEL) || !parts.get(parts.size() - 1).equals(SENTINEL)) {
            throw new CmtValueException("'" + text + "' lacks the -1 sentinels the tool writes around multi-select values");
        }
        List<Integer> values = new ArrayList<>();
        for (String part : parts.subList(1, parts.size() - 1)) {
            if (!INTEGER.matcher(part).matches()) {
                throw new CmtValueException("'" + part + "' in '" + text + "' is not an option value");
            }
            values.add(int32(part));
        }
        return values;
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
