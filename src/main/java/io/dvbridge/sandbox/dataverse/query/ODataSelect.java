package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.Column;
import io.dvbridge.sandbox.dataverse.TableSchema;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Checks an OData {@code $select} list against a table. */
public final class ODataSelect {

    private ODataSelect() {
    }

    /**
     * The selected Web API property names in the order given ({@code *} selects every property).
     *
     * @throws ODataQueryException for an empty item, an unknown property (lookups must be selected as
     *                             {@code _<name>_value}) or a property named twice
     */
    public static List<String> parse(String select, TableSchema schema) {
        Objects.requireNonNull(select, "select");
        Objects.requireNonNull(schema, "schema");
        Set<String> properties = new LinkedHashSet<>();
        int position = 0;
        for (String raw : select.split(",", -1)) {
            String item = raw.strip();
            int itemEnd = position + raw.length();
            if (item.isEmpty()) {
                throw Errors.syntaxError(itemEnd, select);
            }
            if (item.equals("*")) {
                schema.columns().stream().map(Column::valueProperty).forEach(properties::add);
            } else {
                String name = item.contains("/") ? item.substring(0, item.indexOf('/')) : item;
                if (schema.property(name).isEmpty() || !name.equals(item)) {
                    throw Errors.propertyNotFound(name, schema.logicalName());
                }
                if (!properties.add(name)) {
                    throw Errors.duplicateSelect(name);
                }
            }
            position = itemEnd + 1;
        }
        return new ArrayList<>(properties);
    }
}
