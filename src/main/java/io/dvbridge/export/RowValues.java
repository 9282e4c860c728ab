package io.dvbridge.export;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Turns a Web API row (JSON as maps) into the values of a layout's columns, as Java values every JDBC driver and
 * file writer understands: UUID, String, Integer, Long, BigDecimal, Double, Boolean, OffsetDateTime (UTC), LocalDate.
 */
public final class RowValues {

    private final TableLayout layout;

    public RowValues(TableLayout layout) {
        this.layout = layout;
    }

    /**
     * @param now the sink time stamp of this page
     * @throws RecordRejectedException when a value does not fit its column (names the record and the column)
     */
    public SinkRow of(Map<String, Object> row, Instant now) {
        Object rawId = row.get(layout.source().primaryId());
        UUID id = guid(String.valueOf(rawId), layout.source().primaryId(), rawId);
        String recordId = id.toString();
        Object[] values = new Object[layout.columns().size()];
        long version = 0;
        int i = 0;
        for (SinkColumn column : layout.columns()) {
            Object value = column.kind() == ColumnKind.SINK_TIME ? OffsetDateTime.ofInstant(now, ZoneOffset.UTC)
                    : convert(recordId, column, row.get(column.source()));
            if (column.name().equals(TableLayout.VERSION)) {
                if (value == null) {
                    throw new RecordRejectedException(recordId, TableLayout.VERSION, "the row has no versionnumber");
                }
                version = (Long) value;
            }
            values[i++] = value;
        }
        return new SinkRow(id, version, values);
    }

    private static Object convert(String recordId, SinkColumn column, Object raw) {
        if (raw == null) {
            return null;
        }
        try {
            return switch (column.kind()) {
                case GUID, LOOKUP -> guid(recordId, column.name(), raw);
                case TEXT, ENTITY_TYPE, PARTITION -> text(recordId, column, raw);
                case MEMO -> raw.toString();
                case INTEGER, CHOICE -> raw instanceof Number n ? Integer.valueOf(Math.toIntExact(exact(n).longValueExact()))
                        : Integer.valueOf(raw.toString());
                case BIGINT -> raw instanceof Number n ? Long.valueOf(exact(n).longValueExact()) : Long.valueOf(raw.toString());
                case DECIMAL -> raw instanceof Number n ? exact(n) : new BigDecimal(raw.toString());
                case DOUBLE -> raw instanceof Number n ? Double.valueOf(n.doubleValue()) : Double.valueOf(raw.toString());
                case BOOLEAN -> raw instanceof Boolean b ? b : Boolean.valueOf(bool(raw.toString()));
                case DATETIME -> OffsetDateTime.parse(raw.toString()).withOffsetSameInstant(ZoneOffset.UTC);
                case DATE -> LocalDate.parse(raw.toString().length() > 10 ? raw.toString().substring(0, 10) : raw.toString());
                case SINK_TIME -> throw new IllegalStateException("sink times are not read from rows");
            };
        } catch (NumberFormatException | ArithmeticException | DateTimeParseException e) {
            throw new RecordRejectedException(recordId, column.name(), "'" + shortText(raw) + "' is not a valid "
                    + column.kind().name().toLowerCase(Locale.ROOT) + " value");
        }
    }

    private static BigDecimal exact(Number n) {
        return n instanceof BigDecimal b ? b : n instanceof Double || n instanceof Float ? BigDecimal.valueOf(n.doubleValue())
                : BigDecimal.valueOf(n.longValue());
    }

    private static boolean bool(String text) {
        if (text.equalsIgnoreCase("true") || text.equals("1")) {
            return true;
        }
        if (text.equalsIgnoreCase("false") || text.equals("0")) {
            return false;
        }
        throw new NumberFormatException(text);
    }

    private static String text(String recordId, SinkColumn column, Object raw) {
        String text = raw.toString();
        if (column.maxLength() > 0 && text.length() > column.maxLength()) {
            throw new RecordRejectedException(recordId, column.name(), "the text has " + text.length()
                    + " characters; the column holds " + column.maxLength());
        }
        return text;
    }

    private static UUID guid(String recordId, String column, Object raw) {
        try {
            return UUID.fromString(raw.toString());
        } catch (IllegalArgumentException e) {
            throw new RecordRejectedException(recordId, column, "'" + shortText(raw) + "' is not a GUID");
        }
    }

    private static String shortText(Object raw) {
        String text = String.valueOf(raw);
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
