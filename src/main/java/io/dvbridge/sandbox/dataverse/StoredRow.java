package io.dvbridge.sandbox.dataverse;

import java.util.Collections;
import java.util.Map;
import java.util.UUID;

/**
 * One immutable version of a row: values keyed by Web API property name (lookups under
 * {@code _x_value}), the lookup targets' table names, and the row version behind its ETag.
 */
public record StoredRow(UUID id, Map<String, Object> values, Map<String, String> lookupTargets, long version) {

    public StoredRow {
        values = Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
        lookupTargets = Map.copyOf(lookupTargets);
    }

    /** The weak ETag Dataverse shows for this version, e.g. {@code W/"468026"}. */
    public String etag() {
        return "W/\"" + version + "\"";
    }

    public Object get(String property) {
        return values.get(property);
    }
}
