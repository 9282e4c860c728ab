package io.dvbridge.sandbox.dataverse;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The key in parentheses of an entity URL: a GUID ({@code accounts(00000000-...)}) or alternate key
 * values ({@code accounts(accountnumber='AB''1',region=2)}).
 */
record EntityKey(Optional<UUID> id, Map<String, Object> alternate) {

    static EntityKey parse(TableSchema table, String text) {
        String t = text.trim();
        Optional<UUID> guid = Guids.parse(t);
        if (guid.isPresent()) {
            return new EntityKey(guid, Map.of());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        int i = 0;
        while (i < t.length()) {
            int eq = t.indexOf('=', i);
            if (eq < 0) {
                throw DataverseError.badRequest("Bad Request - Error in query syntax. The key '" + text + "' is not valid.");
            }
            String name = t.substring(i, eq).trim();
            int j = eq + 1;
            Object value;
            if (j < t.length() && t.charAt(j) == '\'') {
                StringBuilder s = new StringBuilder();
                j++;
                while (true) {
                    if (j >= t.length()) {
                        throw DataverseError.badRequest("There is an unterminated literal at position " + eq + " in '" + text + "'.");
                    }
                    char c = t.charAt(j);
                    if (c == '\'') {
                        if (j + 1 < t.length() && t.charAt(j + 1) == '\'') {
                            s.append('\'');
                            j += 2;
                            continue;
                        }
                        j++;
                        break;
                    }
                    s.append(c);
                    j++;
                }
                value = s.toString();
            } else {
                int end = t.indexOf(',', j);
                String literal = (end < 0 ? t.substring(j) : t.substring(j, end)).trim();
                j = end < 0 ? t.length() : end;
                value = Guids.parse(literal).<Object>map(u -> u).orElseGet(() -> number(literal, text));
            }
            Column column = table.property(name).or(() -> table.column(name)).orElseThrow(() -> DataverseError.badRequest(
                    "Could not find a property named '" + name + "' on type 'Microsoft.Dynamics.CRM." + table.logicalName() + "'."));
            values.put(column.valueProperty(), coerce(column, value));
            while (j < t.length() && (t.charAt(j) == ',' || t.charAt(j) == ' ')) {
                j++;
            }
            i = j;
        }
        boolean declared = table.keys().stream().anyMatch(k -> k.size() == values.size()
                && k.stream().map(c -> table.column(c).map(Column::valueProperty).orElse(c)).allMatch(values::containsKey));
        if (!declared) {
            throw DataverseError.badRequest("The key " + values.keySet() + " is not an alternate key of the '"
                    + table.logicalName() + "' entity.");
        }
        return new EntityKey(Optional.empty(), values);
    }

    private static Object coerce(Column column, Object value) {
        if (value instanceof BigDecimal d) {
            return switch (column.type()) {
                case INTEGER, PICKLIST, STATE, STATUS -> d.intValue();
                case BIGINT -> d.longValue();
                case DOUBLE -> d.doubleValue();
                default -> d;
            };
        }
        return value;
    }

    private static BigDecimal number(String literal, String text) {
        try {
            return new BigDecimal(literal);
        } catch (NumberFormatException e) {
            throw DataverseError.badRequest("Bad Request - Error in query syntax. The key '" + text + "' is not valid.");
        }
    }

    String describe() {
        return id.map(UUID::toString).orElseGet(alternate::toString);
    }
}
