package io.dvbridge.push;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns one source value into the JSON-ready value its column takes, or says why it cannot. Limits are
 * Dataverse's documented ones where the metadata gives none (shared/reference/dataverse-export-and-push.md §E).
 */
final class ValueConverter {

    static final int MAX_MULTI_CHOICES = 150;
    private static final LocalDate EARLIEST = LocalDate.of(1753, 1, 1);
    private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern INTEGER_TEXT = Pattern.compile("[+-]?\\d+");
    private static final BigDecimal MONEY_LIMIT = new BigDecimal("922337203685477");
    private static final BigDecimal DECIMAL_LIMIT = new BigDecimal("100000000000");

    private ValueConverter() {
    }

    /** The value to write; {@code value} is neither null nor blank text. Lookups are handled by {@link RowValidator}. */
    static Object convert(TargetColumn column, Object value) throws ValueRejected {
        String text = value instanceof String s ? s : String.valueOf(value);
        return switch (column.type()) {
            case STRING, MEMO -> text(column, text);
            case INTEGER -> whole(column, text, Integer.MIN_VALUE, Integer.MAX_VALUE, "a whole number");
            case BIGINT -> whole(column, text, Long.MIN_VALUE, Long.MAX_VALUE, "a whole number (big integer)");
            case DECIMAL -> decimal(column, value, text, 10, DECIMAL_LIMIT, "a decimal number");
            case MONEY -> decimal(column, value, text, 4, MONEY_LIMIT, "an amount of money");
            case DOUBLE -> floating(column, value, text);
            case BOOLEAN -> bool(value, text);
            case DATETIME -> dateTime(column, text);
            case UNIQUEIDENTIFIER -> guid(text).toString();
            case CHOICE -> choice(column, text);
            case MULTI_CHOICE -> multiChoice(column, text);
            case LOOKUP, UNSUPPORTED -> throw new ValueRejected(Rejection.Reason.NOT_WRITABLE, "push does not write this column's type");
        };
    }

    static UUID guid(String text) throws ValueRejected {
        String trimmed = text.strip();
        if (trimmed.startsWith("{") && trimmed.endsWith("}")) {
            trimmed = trimmed.substring(1, trimmed.length() - 1);
        }
        if (!GUID.matcher(trimmed).matches()) {
            throw new ValueRejected(Rejection.Reason.TYPE, "not a GUID");
        }
        return UUID.fromString(trimmed);
    }

    private static String text(TargetColumn column, String text) throws ValueRejected {
        int length = text.codePointCount(0, text.length());
        int max = column.maxLength().orElse(column.type() == ColumnType.MEMO ? 1_048_576 : 4000);
        if (length > max) {
            throw new ValueRejected(Rejection.Reason.MAX_LENGTH, length + " characters, more than the column's maximum of " + max);
        }
        return text;
    }

    private static long whole(TargetColumn column, String text, long typeMin, long typeMax, String what) throws ValueRejected {
        String trimmed = text.strip();
        if (!INTEGER_TEXT.matcher(trimmed).matches()) {
            throw new ValueRejected(Rejection.Reason.TYPE, "not " + what);
        }
        BigInteger number = new BigInteger(trimmed);
        if (number.compareTo(BigInteger.valueOf(typeMin)) < 0 || number.compareTo(BigInteger.valueOf(typeMax)) > 0) {
            throw new ValueRejected(Rejection.Reason.RANGE, "outside the range of " + what);
        }
        long result = number.longValue();
        checkRange(column, new BigDecimal(result));
        return result;
    }

    private static BigDecimal decimal(TargetColumn column, Object value, String text, int defaultPrecision, BigDecimal limit,
                                      String what) throws ValueRejected {
        BigDecimal number = number(value, text, what);
        int precision = column.precision().orElse(defaultPrecision);
        if (Math.max(0, number.stripTrailingZeros().scale()) > precision) {
            throw new ValueRejected(Rejection.Reason.PRECISION, "more than " + precision + " decimal places");
        }
        if (column.minValue().isEmpty() && column.maxValue().isEmpty() && number.abs().compareTo(limit) > 0) {
            throw new ValueRejected(Rejection.Reason.RANGE, "outside the range of " + what);
        }
        checkRange(column, number);
        return number;
    }

    private static double floating(TargetColumn column, Object value, String text) throws ValueRejected {
        BigDecimal number = number(value, text, "a number");
        int precision = column.precision().orElse(5);
        if (Math.max(0, number.stripTrailingZeros().scale()) > precision) {
            throw new ValueRejected(Rejection.Reason.PRECISION, "more than " + precision + " decimal places");
        }
        checkRange(column, number);
        return number.doubleValue();
    }

    private static BigDecimal number(Object value, String text, String what) throws ValueRejected {
        if (value instanceof Boolean) {
            throw new ValueRejected(Rejection.Reason.TYPE, "not " + what);
        }
        try {
            BigDecimal number = new BigDecimal(text.strip());
            if (text.strip().matches(".*[eE].*") && !(value instanceof Number)) {
                throw new NumberFormatException("exponent");
            }
            return number;
        } catch (NumberFormatException e) {
            throw new ValueRejected(Rejection.Reason.TYPE, "not " + what);
        }
    }

    private static void checkRange(TargetColumn column, BigDecimal number) throws ValueRejected {
        if (column.minValue().isPresent() && number.compareTo(BigDecimal.valueOf(column.minValue().getAsDouble())) < 0) {
            throw new ValueRejected(Rejection.Reason.RANGE, "less than the column's minimum of " + plain(column.minValue().getAsDouble()));
        }
        if (column.maxValue().isPresent() && number.compareTo(BigDecimal.valueOf(column.maxValue().getAsDouble())) > 0) {
            throw new ValueRejected(Rejection.Reason.RANGE, "more than the column's maximum of " + plain(column.maxValue().getAsDouble()));
        }
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }

    private static boolean bool(Object value, String text) throws ValueRejected {
        if (value instanceof Boolean b) {
            return b;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new ValueRejected(Rejection.Reason.TYPE, "not a yes/no value (true, false, 1, 0, yes, no)");
        };
    }

    /**
     * DateOnly columns take a date ({@code 2026-04-01}); UserLocal columns a date and time, with an offset or
     * taken as UTC (as the Web API takes it), written in UTC; TimeZoneIndependent columns a date and time
     * written as given.
     */
    private static String dateTime(TargetColumn column, String text) throws ValueRejected {
        String trimmed = text.strip();
        if (column.dateOnly()) {
            LocalDate date;
            try {
                date = LocalDate.parse(trimmed);
            } catch (DateTimeParseException e) {
                throw new ValueRejected(Rejection.Reason.TYPE, "not a date (yyyy-MM-dd; the column holds dates only)");
            }
            checkEarliest(date);
            return date.toString();
        }
        LocalDateTime local;
        try {
            if (column.zoneless()) {
                local = trimmed.endsWith("Z") ? LocalDateTime.parse(trimmed.substring(0, trimmed.length() - 1)) : LocalDateTime.parse(trimmed);
            } else {
                local = offsetDateTime(trimmed).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
            }
        } catch (DateTimeParseException e) {
            throw new ValueRejected(Rejection.Reason.TYPE, column.zoneless()
                    ? "not a date and time without time zone (yyyy-MM-ddTHH:mm:ss)"
                    : "not a date and time (yyyy-MM-ddTHH:mm:ss with an offset such as Z or +02:00, else taken as UTC)");
        }
        checkEarliest(local.toLocalDate());
        return local.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME) + "Z";
    }

    private static OffsetDateTime offsetDateTime(String text) {
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeParseException e) {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        }
    }

    private static void checkEarliest(LocalDate date) throws ValueRejected {
        if (date.isBefore(EARLIEST)) {
            throw new ValueRejected(Rejection.Reason.RANGE, "before 1753-01-01, the earliest date Dataverse stores");
        }
    }

    private static int choice(TargetColumn column, String text) throws ValueRejected {
        String trimmed = text.strip();
        if (INTEGER_TEXT.matcher(trimmed).matches() && trimmed.length() < 11) {
            int number = Integer.parseInt(trimmed);
            if (column.choices().stream().anyMatch(c -> c.value() == number)) {
                return number;
            }
        }
        List<Choice> byLabel = column.choices().stream().filter(c -> c.label().equalsIgnoreCase(trimmed)).toList();
        if (byLabel.size() == 1) {
            return byLabel.get(0).value();
        }
        throw new ValueRejected(Rejection.Reason.CHOICE, byLabel.isEmpty()
                ? "not one of the column's choices (" + choices(column) + ")"
                : "the label names " + byLabel.size() + " choices; give the value");
    }

    /** {@code "1,9"} or labels, separated by commas or semicolons; written as Dataverse takes them: {@code "1,9"}. */
    private static String multiChoice(TargetColumn column, String text) throws ValueRejected {
        Set<Integer> chosen = new LinkedHashSet<>();
        for (String part : text.split("[,;]")) {
            if (!part.isBlank()) {
                chosen.add(choice(column, part));
            }
        }
        if (chosen.size() > MAX_MULTI_CHOICES) {
            throw new ValueRejected(Rejection.Reason.CHOICE, chosen.size() + " choices, more than the " + MAX_MULTI_CHOICES + " allowed");
        }
        return chosen.stream().map(String::valueOf).collect(Collectors.joining(","));
    }

    private static String choices(TargetColumn column) {
        List<String> shown = new ArrayList<>();
        for (Choice c : column.choices()) {
            if (shown.size() == 10) {
                shown.add("...");
                break;
            }
            shown.add(c.value() + " " + c.label());
        }
        return String.join(", ", shown);
    }
}
