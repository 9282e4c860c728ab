package io.dvbridge.dataverse;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row for {@code dataverse:createMultiple}, {@code updateMultiple} or {@code upsertMultiple}.
 *
 * @param rowNumber where the row came from (e.g. its line in the input), repeated in its {@link BulkRowResult}
 * @param key       the row's identity: the primary id column and its value, or the columns of an alternate key and
 *                  their values (for an elastic table the primary id and {@code partitionid}); empty for a create
 *                  that lets Dataverse choose the id
 * @param values    the other column values, JSON-ready (lookups already as {@code <navigation>@odata.bind} strings)
 */
public record BulkRow(long rowNumber, Map<String, Object> key, Map<String, Object> values) {

    public BulkRow {
        key = Collections.unmodifiableMap(new LinkedHashMap<>(key == null ? Map.of() : key));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
    }
}
