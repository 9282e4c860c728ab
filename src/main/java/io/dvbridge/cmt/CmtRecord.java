package io.dvbridge.cmt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code <record>} of data.xml: the entity, the record id (lowercase GUID), its non-null fields
 * in text form, and the line it started on (0 when it did not come from a file).
 */
public record CmtRecord(String entity, String id, List<CmtFieldValue> fields, int line) {

    public CmtRecord {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(id, "id");
        fields = List.copyOf(fields);
    }

    public Optional<CmtFieldValue> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }
}
