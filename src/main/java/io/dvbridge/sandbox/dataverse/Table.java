package io.dvbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The rows of one sandbox table. Reads are lock-free over immutable row versions; writes go through
 * {@link EnvironmentData}, which serialises them and journals them for changeset rollback.
 */
public final class Table {

    private final TableSchema schema;
    private final ConcurrentSkipListMap<UUID, StoredRow> rows = new ConcurrentSkipListMap<>();
    /** Deleted row ids by the row version of their deletion, for change tracking's deleted entities. */
    private final ConcurrentSkipListMap<Long, UUID> tombstones = new ConcurrentSkipListMap<>();

    Table(TableSchema schema) {
        this.schema = schema;
    }

    public TableSchema schema() {
        return schema;
    }

    public Optional<StoredRow> row(UUID id) {
        return Optional.ofNullable(rows.get(id));
    }

    /** A snapshot of all rows in primary key order. */
    public List<StoredRow> rows() {
        return new ArrayList<>(rows.values());
    }

    public int size() {
        return rows.size();
    }

    /** The row whose alternate key columns hold exactly these values. */
    public Optional<StoredRow> findByKey(Map<String, Object> keyValues) {
        return rows.values().stream()
                .filter(r -> keyValues.entrySet().stream().allMatch(e -> sameKeyValue(r.get(e.getKey()), e.getValue())))
                .findFirst();
    }

    /** A row other than {@code self} that already holds the same values for one of the alternate keys. */
    Optional<List<String>> duplicateKey(UUID self, Map<String, Object> values) {
        for (List<String> key : schema.keys()) {
            if (key.stream().anyMatch(c -> values.get(propertyOf(c)) == null)) {
                continue;
            }
            boolean clash = rows.values().stream().anyMatch(r -> !r.id().equals(self)
                    && key.stream().allMatch(c -> sameKeyValue(r.get(propertyOf(c)), values.get(propertyOf(c)))));
            if (clash) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }

    String propertyOf(String column) {
        return schema.column(column).map(Column::valueProperty).orElse(column);
    }

    private static boolean sameKeyValue(Object a, Object b) {
        if (a instanceof String x && b instanceof String y) {
            return x.equalsIgnoreCase(y);
        }
        if (a instanceof Number x && b instanceof Number y) {
            return new java.math.BigDecimal(x.toString()).compareTo(new java.math.BigDecimal(y.toString())) == 0;
        }
        return Objects.equals(a, b);
    }

    void store(StoredRow row) {
        rows.put(row.id(), row);
    }

    void remove(UUID id) {
        rows.remove(id);
    }

    void tombstone(long version, UUID id) {
        tombstones.put(version, id);
    }

    /** Forgets deletions of {@code id} after {@code version}: a rolled-back changeset restored the row. */
    void dropTombstones(UUID id, long afterVersion) {
        tombstones.tailMap(afterVersion, false).entrySet().removeIf(e -> e.getValue().equals(id));
    }

    /** Rows written after {@code version}, oldest change first. */
    public List<StoredRow> changedSince(long version) {
        return rows.values().stream().filter(r -> r.version() > version)
                .sorted(java.util.Comparator.comparingLong(StoredRow::version)).toList();
    }

    /** Ids deleted after {@code version} that do not exist again. */
    public List<UUID> deletedSince(long version) {
        return tombstones.tailMap(version, false).values().stream().distinct().filter(id -> !rows.containsKey(id)).toList();
    }
}
