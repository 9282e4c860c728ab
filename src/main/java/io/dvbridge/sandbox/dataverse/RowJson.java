package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;

/** Writes a row as the Web API does: {@code @odata.etag}, the selected properties, the primary key. */
final class RowJson {

    private final EnvironmentData data;

    RowJson(EnvironmentData data) {
        this.data = data;
    }

    /** @param select property names, or empty for every column */
    /** The row version column every table has; its value is the stored row's version (the ETag's number). */
    static final String VERSION_NUMBER = "versionnumber";

    ObjectNode render(TableSchema schema, StoredRow row, List<String> select, boolean annotations, boolean omitNulls) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("@odata.etag", row.etag());
        if (select.isEmpty()) {
            for (Column c : schema.columns()) {
                put(node, schema, c, row, annotations, omitNulls);
            }
        } else {
            for (String property : select) {
                schema.property(property).ifPresent(c -> put(node, schema, c, row, annotations, omitNulls));
            }
            if (!select.contains(schema.primaryId())) {
                put(node, schema, schema.column(schema.primaryId()).orElseThrow(), row, annotations, omitNulls);
            }
        }
        return node;
    }

    /**
     * A column of a linked row, as FetchXML results carry it: {@code <alias>.<attribute>} (the logical name, also for
     * lookups), left out when empty; with annotations also {@code @OData.Community.Display.V1.AttributeName} naming the
     * attribute, and the formatted value and lookup annotations a column of the base row gets.
     */
    void putLinked(ObjectNode node, String property, Column column, StoredRow row, boolean annotations) {
        Object value = row.get(column.valueProperty());
        if (value == null) {
            return;
        }
        if (annotations) {
            node.put(property + "@OData.Community.Display.V1.AttributeName", column.name());
            annotate(node, property, column, row, value);
        }
        node.set(property, ValueCodec.toJson(value));
    }

    private void put(ObjectNode node, TableSchema schema, Column column, StoredRow row, boolean annotations, boolean omitNulls) {
        String property = column.valueProperty();
        Object value = property.equals(VERSION_NUMBER) ? Long.valueOf(row.version()) : row.get(property);
        if (value == null && omitNulls) {
            return;
        }
        if (annotations && value != null) {
            annotate(node, property, column, row, value);
        }
        node.set(property, ValueCodec.toJson(value));
    }

    /** Lookup target, navigation property and name, or a choice's label, as annotations of {@code property}. */
    private void annotate(ObjectNode node, String property, Column column, StoredRow row, Object value) {
        if (column.type().isLookup()) {
            String target = row.lookupTargets().getOrDefault(column.valueProperty(), "");
            node.put(property + "@Microsoft.Dynamics.CRM.associatednavigationproperty", column.navigationProperty(target));
            node.put(property + "@Microsoft.Dynamics.CRM.lookuplogicalname", target);
            data.table(target).flatMap(t -> t.row((UUID) value).flatMap(r -> t.schema().primaryName().map(r::get)))
                    .ifPresent(name -> node.put(property + "@OData.Community.Display.V1.FormattedValue", String.valueOf(name)));
        } else if (column.type().isChoice() && !column.options().isEmpty() && value instanceof Integer option
                && column.options().containsKey(option)) {
            node.put(property + "@OData.Community.Display.V1.FormattedValue", column.options().get(option));
        }
    }
}
