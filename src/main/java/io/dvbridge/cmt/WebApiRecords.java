package io.dvbridge.cmt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a Web API row (as a {@code dataverse:} query returns it: lookups as {@code _x_value} with
 * their annotations) into a data.xml record of a schema entity.
 */
public final class WebApiRecords {

    /** Annotation naming the table a lookup points at. */
    public static final String LOOKUP_LOGICAL_NAME = "@Microsoft.Dynamics.CRM.lookuplogicalname";
    /** Annotation holding the display text of a value (for lookups: the target's primary name). */
    public static final String FORMATTED_VALUE = "@OData.Community.Display.V1.FormattedValue";
    private static final String EXCHANGE_RATE = "exchangerate";
    private static final int EXCHANGE_RATE_SCALE = 12;

    private WebApiRecords() {
    }

    /**
     * The record for {@code row}: schema fields only, in schema order, null or absent values omitted.
     *
     * @throws CmtValueException naming the entity, record and field when a value does not fit its
     *                           type, the row has no id, or a multi-table lookup lacks the
     *                           lookuplogicalname annotation
     */
    public static CmtRecord toRecord(CmtEntity entity, Map<String, Object> row) {
        Object rawId = row.get(entity.primaryIdField());
        if (rawId == null) {
            throw new CmtValueException("the row has no '" + entity.primaryIdField() + "' (the primary id)")
                    .at(entity.name(), "", entity.primaryIdField());
        }
        String id;
        try {
            id = CmtValueFormat.toCmt(CmtFieldType.GUID, rawId);
        } catch (CmtValueException e) {
            throw e.at(entity.name(), "", entity.primaryIdField());
        }
        List<CmtFieldValue> values = new ArrayList<>();
        for (CmtField field : entity.fields()) {
            try {
                fieldValue(field, row).ifPresent(values::add);
            } catch (CmtValueException e) {
                throw e.at(entity.name(), id, field.name());
            }
        }
        return new CmtRecord(entity.name(), id, values, 0);
    }

    /**
     * The Web API row for a data.xml record, shaped like a query result: lookups as {@code _x_value}
     * with their lookuplogicalname and (when the file has it) formatted-value annotations.
     *
     * @throws CmtValueException naming entity, record and field when a value does not fit its type
     */
    public static Map<String, Object> toRow(CmtEntity entity, CmtRecord record) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (CmtFieldValue value : record.fields()) {
            CmtField field = entity.field(value.name()).orElseThrow(() ->
                    new CmtValueException("field is not in the schema").at(entity.name(), record.id(), value.name()));
            try {
                Object converted = CmtValueFormat.toWebApi(field.type(), value.value());
                if (field.type().isLookup()) {
                    String attribute = field.webApiAttribute();
                    row.put(attribute, converted);
                    value.lookupEntity().ifPresent(t -> row.put(attribute + LOOKUP_LOGICAL_NAME, t));
                    value.lookupEntityName().ifPresent(n -> row.put(attribute + FORMATTED_VALUE, n));
                } else {
                    row.put(field.name(), converted);
                }
            } catch (CmtValueException e) {
                throw e.at(entity.name(), record.id(), field.name());
            }
        }
        row.putIfAbsent(entity.primaryIdField(), record.id());
        return row;
    }

    private static Optional<CmtFieldValue> fieldValue(CmtField field, Map<String, Object> row) {
        if (!field.type().isLookup()) {
            Object value = row.get(field.name());
            if (value == null) {
                return Optional.empty();
            }
            // exchangerate is stored as decimal(23,12), and the tool prints the stored scale.
            return Optional.of(CmtFieldValue.of(field.name(), field.name().equals(EXCHANGE_RATE) && field.type() == CmtFieldType.DECIMAL
                    ? CmtValueFormat.decimalText(value, EXCHANGE_RATE_SCALE) : CmtValueFormat.toCmt(field.type(), value)));
        }
        String attribute = field.webApiAttribute();
        Object value = row.get(attribute);
        if (value == null) {
            return Optional.empty();
        }
        Optional<String> table = text(row.get(attribute + LOOKUP_LOGICAL_NAME));
        if (table.isEmpty() && field.lookupTargets().size() == 1) {
            table = Optional.of(field.lookupTargets().get(0));
        }
        if (table.isEmpty()) {
            throw new CmtValueException("the lookup's table is unknown: the row has no '" + attribute + LOOKUP_LOGICAL_NAME
                    + "' annotation (query with Prefer: odata.include-annotations=\"*\")");
        }
        return Optional.of(CmtFieldValue.lookup(field.name(), CmtValueFormat.toCmt(field.type(), value), table.get(),
                text(row.get(attribute + FORMATTED_VALUE))));
    }

    private static Optional<String> text(Object value) {
        return value instanceof String s && !s.isEmpty() ? Optional.of(s) : Optional.empty();
    }
}
