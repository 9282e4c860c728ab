package io.dvbridge.sandbox.dataverse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The rows of one sandbox table. Reads are lock-free over immutable row versions; writes go through
 * {@link EnvironmentData}, which serialises them and journals them for changeset rollback.
 */
public final class Table {

    private volatile TableSchema schema;
    /** The environment's row version when the columns last changed: older delta tokens of this table are void. */
    private volatile long schemaVersion;
    private final ConcurrentSkipListMap<UUID, StoredRow> rows = new ConcurrentSkipListMap<>();
    /**
     * The same rows by id, for point reads: a create looks its id up twice (duplicate check, journal), and a skip list
     * of a million UUIDs costs some twenty comparisons and cache misses a lookup, most of a bulk write's time under the
     * writer lock. Both maps change together under that lock, in {@link #store} and {@link #remove}.
     */
    private final ConcurrentHashMap<UUID, StoredRow> byId = new ConcurrentHashMap<>();
    /** Deleted row ids by the row version of their deletion, for change tracking's deleted entities. */
    private final ConcurrentSkipListMap<Long, UUID> tombstones = new ConcurrentSkipListMap<>();
    /**
     * Live row ids by (version, id), so a delta page walks only the changes it returns instead of the whole table.
     * A reader checks the row still carries that version: a concurrent write may have replaced it.
     */
    private final ConcurrentSkipListMap<VersionedId, UUID> byVersion = new ConcurrentSkipListMap<>();

    private record VersionedId(long version, UUID id) implements Comparable<VersionedId> {
        @Override
        public int compareTo(VersionedId o) {
            int c = Long.compare(version, o.version);
            return c != 0 ? c : id.compareTo(o.id);
        }
    }

    Table(TableSchema schema) {
        this.schema = schema;
    }

    public TableSchema schema() {
        return schema;
    }

    public Optional<StoredRow> row(UUID id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** A snapshot of all rows in primary key order. */
    public List<StoredRow> rows() {
        return new ArrayList<>(rows.values());
    }

    public int size() {
        return byId.size(); // a skip list counts its entries one by one
    }

    /** The row whose alternate key columns hold exactly these values. */
    public Optional<StoredRow> findByKey(Map<String, Object> keyValues) {
        if (keyValues.get(schema.primaryId()) instanceof UUID id) {
            // a key holding the primary id (an elastic table's id + partitionid) names at most that row
            return row(id).filter(r -> keyValues.entrySet().stream().allMatch(e -> sameKeyValue(r.get(e.getKey()), e.getValue())));
        }
        return rows.values().stream()
                .filter(r -> keyValues.entrySet().stream().allMatch(e -> sameKeyValue(r.get(e.getKey()), e.getValue())))
                .findFirst();
    }

    /** A row other than {@code self} that already holds the same values for one of the alternate keys. */
    Optional<List<String>> duplicateKey(UUID self, Map<String, Object> values) {
        for (List<String> key : schema.keys()) {
            if (key.contains(schema.primaryId())) {
                continue; // rows are stored by primary id: the same id is the same row, never a clash
            }
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
        byVersion.put(new VersionedId(row.version(), row.id()), row.id());
        byId.put(row.id(), row);
        StoredRow old = rows.put(row.id(), row);
        if (old != null && old.version() != row.version()) {
            byVersion.remove(new VersionedId(old.version(), old.id()));
        }
    }

    void remove(UUID id) {
        StoredRow old = rows.remove(id);
        byId.remove(id);
        if (old != null) {
            byVersion.remove(new VersionedId(old.version(), old.id()));
        }
    }

    void tombstone(long version, UUID id) {
        tombstones.put(version, id);
    }

    /** Forgets deletions of {@code id} after {@code version}: a rolled-back changeset restored the row. */
    void dropTombstones(UUID id, long afterVersion) {
        tombstones.tailMap(afterVersion, false).entrySet().removeIf(e -> e.getValue().equals(id));
    }

    /** Changes the columns (a metadata change): delta tokens issued before {@code version} no longer hold. */
    void alter(TableSchema changed, long version) {
        schema = changed;
        schemaVersion = version;
    }

    long schemaVersion() {
        return schemaVersion;
    }

    /** Up to {@code limit} rows in primary key order after {@code after} (from the first when empty), without copying the table. */
    List<StoredRow> rowsAfter(Optional<UUID> after, int limit) {
        var tail = after.isPresent() ? rows.tailMap(after.get(), false) : rows;
        List<StoredRow> page = new ArrayList<>(Math.min(limit, 1024));
        for (StoredRow row : tail.values()) {
            if (page.size() == limit) {
                break;
            }
            page.add(row);
        }
        return page;
    }

    /** Up to {@code limit} rows whose version is in ({@code after}, {@code upTo}], oldest change first. */
    List<StoredRow> changedBetween(long after, long upTo, int limit) {
        List<StoredRow> page = new ArrayList<>(Math.min(limit, 1024));
        for (VersionedId key : versionsBetween(after, upTo)) {
            if (page.size() == limit) {
                break;
            }
            StoredRow row = rows.get(key.id());
            if (row != null && row.version() == key.version()) {
                page.add(row);
            }
        }
        return page;
    }

    /** Rows whose version is in ({@code after}, {@code upTo}]. */
    long countChangedBetween(long after, long upTo) {
        long count = 0;
        for (VersionedId key : versionsBetween(after, upTo)) {
            StoredRow row = rows.get(key.id());
            if (row != null && row.version() == key.version()) {
                count++;
            }
        }
        return count;
    }

    /** The index entries with a version in ({@code after}, {@code upTo}], oldest first (ties in primary key order). */
    private java.util.NavigableSet<VersionedId> versionsBetween(long after, long upTo) {
        if (after >= upTo) {
            return java.util.Collections.emptyNavigableSet();
        }
        // (after, upTo] over every id: from just past the last id of {@code after} to the last id of {@code upTo}
        UUID max = new UUID(Long.MAX_VALUE, Long.MAX_VALUE); // the greatest UUID in UUID.compareTo's (signed) order
        return byVersion.navigableKeySet().subSet(new VersionedId(after, max), false, new VersionedId(upTo, max), true);
    }

    /** Deletions with a version in ({@code after}, {@code upTo}] of ids that do not exist again, oldest first, as version to id. */
    List<Map.Entry<Long, UUID>> deletedBetween(long after, long upTo, int limit) {
        List<Map.Entry<Long, UUID>> out = new ArrayList<>();
        java.util.Set<UUID> seen = new java.util.HashSet<>();
        for (Map.Entry<Long, UUID> e : tombstones.subMap(after, false, upTo, true).entrySet()) {
            if (out.size() == limit) {
                break;
            }
            if (!byId.containsKey(e.getValue()) && seen.add(e.getValue())) {
                out.add(Map.entry(e.getKey(), e.getValue()));
            }
        }
        return out;
    }
}
