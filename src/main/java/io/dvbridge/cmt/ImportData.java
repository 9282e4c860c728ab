package io.dvbridge.cmt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The records and associations of one data.zip, held for planning. Planning needs every record at
 * once (a child may come before its parent), so this is the one place the import holds the file's
 * content in memory; configuration data is small enough for that.
 */
public final class ImportData {

    private final CmtSchema schema;
    private final Optional<Instant> timestamp;
    private final Map<String, List<CmtRecord>> records;
    private final List<CmtM2M> associations;

    private ImportData(CmtSchema schema, Optional<Instant> timestamp, Map<String, List<CmtRecord>> records, List<CmtM2M> associations) {
        this.schema = schema;
        this.timestamp = timestamp;
        this.records = records;
        this.associations = associations;
    }

    /**
     * Data built in memory.
     *
     * @throws IllegalArgumentException when a record's entity is not in the schema
     */
    public static ImportData of(CmtSchema schema, Optional<Instant> timestamp, Collection<CmtRecord> records,
                                Collection<CmtM2M> associations) {
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(timestamp, "timestamp");
        Map<String, List<CmtRecord>> byEntity = new LinkedHashMap<>();
        for (CmtRecord record : records) {
            if (schema.entity(record.entity()).isEmpty()) {
                throw new IllegalArgumentException("record " + record.id() + " belongs to '" + record.entity() + "', which is not in the schema");
            }
            byEntity.computeIfAbsent(record.entity(), e -> new ArrayList<>()).add(record);
        }
        byEntity.replaceAll((e, list) -> List.copyOf(list));
        return new ImportData(schema, timestamp, byEntity, List.copyOf(associations));
    }

    public CmtSchema schema() {
        return schema;
    }

    public Optional<Instant> timestamp() {
        return timestamp;
    }

    /** The records of one entity in file order; empty when the file has none. */
    public List<CmtRecord> records(String entity) {
        return records.getOrDefault(entity, List.of());
    }

    public List<CmtM2M> associations() {
        return associations;
    }

    public int recordCount() {
        return records.values().stream().mapToInt(List::size).sum();
    }
}
