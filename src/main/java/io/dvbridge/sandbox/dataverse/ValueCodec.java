package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.stream.Collectors;

/** Converts column values between JSON (the wire), fixture scalars and the sandbox's stored types. */
final class ValueCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ValueCodec() {
    }

    /** A value from a request body, validated against the column as Dataverse validates it. */
    static Object fromJson(TableSchema table, Column column, JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Object value = switch (column.type()) {
            case STRING, MEMO, ENTITYNAME -> text(table, column, node);
            case INTEGER, PICKLIST, STATE, STATUS -> {
                if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                    throw conversion(table, node, "Edm.Int32");
                }
                yield node.intValue();
            }
            case BIGINT -> {
                if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                    throw conversion(table, node, "Edm.Int64");
                }
                yield node.longValue();
            }
            case DECIMAL, MONEY -> {
                if (!node.isNumber()) {
                    throw conversion(table, node, "Edm.Decimal");
                }
                yield node.decimalValue();
            }
            case DOUBLE -> {
                if (!node.isNumber()) {
                    throw conversion(table, node, "Edm.Double");
                }
                yield node.doubleValue();
            }
            case BOOLEAN -> {
                if (!node.isBoolean()) {
                    throw conversion(table, node, "Edm.Boolean");
                }
                yield node.booleanValue();
            }
            case DATETIME -> {
                if (!node.isTextual()) {
                    throw conversion(table, node, "Edm.DateTimeOffset");
                }
                Instant instant = parseInstant(node.textValue()).orElseThrow(() -> conversion(table, node, "Edm.DateTimeOffset"));
                // A date-only column keeps the date; the Web API answers it as an Edm.Date.
                yield column.dateOnly() ? (Object) LocalDate.ofInstant(instant, ZoneOffset.UTC) : instant;
            }
            case UNIQUEIDENTIFIER -> {
                if (!node.isTextual()) {
                    throw conversion(table, node, "Edm.Guid");
                }
                yield Guids.parse(node.textValue()).orElseThrow(() -> conversion(table, node, "Edm.Guid"));
            }
            case MULTISELECTPICKLIST -> {
                if (!node.isTextual()) {
                    throw conversion(table, node, "Edm.String");
                }
                yield node.textValue();
            }
            case LOOKUP, CUSTOMER, OWNER -> throw DataverseError.payload(table.entitySetName(),
                    "Lookup property '" + column.valueProperty() + "' cannot be set directly; use '"
                            + (column.polymorphic() ? column.schemaName() + "_<table>" : column.schemaName()) + "@odata.bind'.");
        };
        checkRange(table, column, value);
        return value;
    }

    private static String text(TableSchema table, Column column, JsonNode node) {
        if (!node.isTextual()) {
            throw conversion(table, node, "Edm.String");
        }
        String s = node.textValue();
        if (column.maxLength() != null && s.length() > column.maxLength()) {
            throw new DataverseError(400, DataverseError.VALIDATION, "A validation error occurred. The length of the '"
                    + column.name() + "' attribute of the '" + table.logicalName()
                    + "' entity exceeded the maximum allowed length of '" + column.maxLength() + "'.");
        }
        return s;
    }

    /** Choice values must be declared options; numbers must be inside the column's range. */
    static void checkRange(TableSchema table, Column column, Object value) {
        if (value == null) {
            return;
        }
        if (column.type().isChoice() && !column.options().isEmpty()) {
            String text = String.valueOf(value);
            for (String part : column.type() == AttributeType.MULTISELECTPICKLIST ? text.split(",") : new String[]{text}) {
                Integer option;
                try {
                    option = Integer.valueOf(part.trim());
                } catch (NumberFormatException e) {
                    option = null;
                }
                if (option == null || !column.options().containsKey(option)) {
                    throw new DataverseError(400, DataverseError.OUT_OF_RANGE, "A validation error occurred. The value "
                            + part.trim() + " of '" + column.name() + "' on record of type '" + table.logicalName()
                            + "' is outside the valid range. Accepted Values: "
                            + column.options().keySet().stream().sorted().map(String::valueOf).collect(Collectors.joining(",")));
                }
            }
        }
        if (value instanceof Number n && (column.minValue() != null || column.maxValue() != null)) {
            double d = n.doubleValue();
            if ((column.minValue() != null && d < column.minValue()) || (column.maxValue() != null && d > column.maxValue())) {
                throw new DataverseError(400, DataverseError.OUT_OF_RANGE, "A validation error occurred. The value " + value
                        + " of '" + column.name() + "' on record of type '" + table.logicalName() + "' is outside the valid range.");
            }
        }
    }

    private static DataverseError conversion(TableSchema table, JsonNode node, String edmType) {
        return DataverseError.payload(table.entitySetName(), "Cannot convert the literal '" + (node.isTextual() ? node.textValue() : node.toString())
                + "' to the expected type '" + edmType + "'.");
    }

    /** A stored value as JSON, the way the Web API writes it. */
    static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String s) {
            return NODES.textNode(s);
        }
        if (value instanceof Integer i) {
            return NODES.numberNode(i);
        }
        if (value instanceof Long l) {
            return NODES.numberNode(l);
        }
        if (value instanceof BigDecimal d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Double d) {
            return NODES.numberNode(d);
        }
        if (value instanceof Boolean b) {
            return NODES.booleanNode(b);
        }
        if (value instanceof Instant t) {
            return NODES.textNode(formatInstant(t));
        }
        return NODES.textNode(value.toString());
    }

    /** Dataverse writes date-times in UTC without fractions when there are none. */
    static String formatInstant(Instant t) {
        return t.getNano() == 0 ? t.toString() : t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS).toString();
    }

    /** A scalar from a fixture (YAML string, number or boolean) as the column's stored type. */
    static Object fromFixture(TableSchema table, Column column, Object raw) {
        if (raw == null) {
            return null;
        }
        String text = raw.toString().trim();
        try {
            Object value = switch (column.type()) {
                case STRING, MEMO, ENTITYNAME, MULTISELECTPICKLIST -> raw.toString();
                case INTEGER, PICKLIST, STATE, STATUS -> raw instanceof Number n ? n.intValue() : Integer.parseInt(text);
                case BIGINT -> raw instanceof Number n ? n.longValue() : Long.parseLong(text);
                case DECIMAL, MONEY -> new BigDecimal(text);
                case DOUBLE -> raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text);
                case BOOLEAN -> raw instanceof Boolean b ? b : parseBoolean(text);
                case DATETIME -> {
                    Instant instant = parseInstant(text).orElseThrow(() -> new IllegalArgumentException("not a date/time"));
                    yield column.dateOnly() ? (Object) LocalDate.ofInstant(instant, ZoneOffset.UTC) : instant;
                }
                case UNIQUEIDENTIFIER, LOOKUP, CUSTOMER, OWNER -> Guids.parse(text).orElseThrow(() -> new IllegalArgumentException("not a GUID"));
            };
            if (value instanceof String s && column.maxLength() != null && s.length() > column.maxLength()) {
                throw new IllegalArgumentException("longer than " + column.maxLength() + " characters");
            }
            return value;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("value '" + raw + "' of column " + table.logicalName() + "." + column.name()
                    + " (" + column.type().attributeType() + "): " + e.getMessage(), e);
        }
    }

    private static boolean parseBoolean(String text) {
        return switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes" -> true;
            case "false", "0", "no" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    static java.util.Optional<Instant> parseInstant(String text) {
        try {
            return java.util.Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            try {
                return java.util.Optional.of(LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException e2) {
                try {
                    return java.util.Optional.of(java.time.LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
                } catch (DateTimeParseException e3) {
                    return java.util.Optional.empty();
                }
            }
        }
    }
}
