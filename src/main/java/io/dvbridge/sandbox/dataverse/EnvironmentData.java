package io.dvbridge.sandbox.dataverse;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * All tables of one environment and the single writer lock that makes every write, and every
 * changeset, atomic. Row versions come from one counter, like Dataverse's RowVersion.
 */
public final class EnvironmentData {

    private final Map<String, Table> byLogicalName = new LinkedHashMap<>();
    private final Map<String, Table> bySetName = new LinkedHashMap<>();
    private final AtomicLong versions = new AtomicLong(1_000_000);
    private final ReentrantLock writer = new ReentrantLock();
    private final List<ManyToManyRelationship> manyToMany = new ArrayList<>();
    /** How far the environment's clock runs ahead of the real one (tests age change-tracking tokens with it). */
    private volatile java.time.Duration clockOffset = java.time.Duration.ZERO;
    /** Associations by relationship SchemaName: pairs of [Entity1 row id, Entity2 row id]. */
    private final Map<String, Set<List<UUID>>> associations = new ConcurrentHashMap<>();

    void add(Table table) {
        byLogicalName.put(table.schema().logicalName(), table);
        bySetName.put(table.schema().entitySetName(), table);
    }

    public Optional<Table> table(String logicalName) {
        return Optional.ofNullable(byLogicalName.get(logicalName));
    }

    public Optional<Table> tableBySet(String entitySetName) {
        return Optional.ofNullable(bySetName.get(entitySetName));
    }

    void relate(ManyToManyRelationship relationship) {
        manyToMany.add(relationship);
        associations.put(relationship.schemaName(), ConcurrentHashMap.newKeySet());
    }

    /** The N:N relationships that {@code logicalName} takes part in, on either side. */
    List<ManyToManyRelationship> manyToMany(String logicalName) {
        return manyToMany.stream().filter(r -> r.entity1().equals(logicalName) || r.entity2().equals(logicalName)).toList();
    }

    /** The relationship whose collection-valued navigation property on rows of {@code logicalName} is {@code navigation}. */
    Optional<ManyToManyRelationship> navigation(String logicalName, String navigation) {
        return manyToMany.stream().filter(r -> r.hasNavigation(logicalName, navigation)).findFirst();
    }

    /** The ids associated with row {@code id} of {@code table} through the relationship's navigation from that table. */
    List<UUID> associated(ManyToManyRelationship relationship, String table, String navigation, UUID id) {
        boolean first = relationship.fromEntity1(table, navigation);
        return associations.get(relationship.schemaName()).stream().filter(p -> p.get(first ? 0 : 1).equals(id))
                .map(p -> p.get(first ? 1 : 0)).sorted().toList();
    }

    /** Associates two rows (journaled); false when they already are. */
    boolean associate(Journal journal, ManyToManyRelationship relationship, UUID entity1Id, UUID entity2Id) {
        List<UUID> pair = List.of(entity1Id, entity2Id);
        Set<List<UUID>> pairs = associations.get(relationship.schemaName());
        if (!pairs.add(pair)) {
            return false;
        }
        journal.undo(() -> pairs.remove(pair));
        return true;
    }

    /** Associates two rows in-process (fixtures and tests). */
    public void associate(String schemaName, UUID entity1Id, UUID entity2Id) {
        ManyToManyRelationship relationship = manyToMany.stream().filter(r -> r.schemaName().equals(schemaName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no many-to-many relationship " + schemaName));
        atomically(journal -> associate(journal, relationship, entity1Id, entity2Id));
    }

    /** The associations of relationship {@code schemaName}: pairs of [Entity1 row id, Entity2 row id]. */
    public Set<List<UUID>> associations(String schemaName) {
        return Set.copyOf(associations.getOrDefault(schemaName, Set.of()));
    }

    public Collection<Table> tables() {
        return byLogicalName.values();
    }

    long nextVersion() {
        return versions.incrementAndGet();
    }

    /** The newest row version: a change-tracking watermark. */
    long currentVersion() {
        return versions.get();
    }

    /**
     * The newest version of committed writes: taken under the writer lock, because a write takes its version
     * before it stores its row, and a change-tracking snapshot must never pass a row that is not there yet.
     */
    long committedVersion() {
        writer.lock();
        try {
            return versions.get();
        } finally {
            writer.unlock();
        }
    }

    /** The environment's clock: real time plus any {@link #advanceClock} offset. Change-tracking tokens age by it. */
    public java.time.Instant now() {
        return java.time.Instant.now().plus(clockOffset);
    }

    /** Moves the environment's clock forward, so that delta tokens issued before become older (test hook). */
    public void advanceClock(java.time.Duration by) {
        clockOffset = clockOffset.plus(by);
    }

    /**
     * How long change-tracking tokens live: the {@code organizations} row's {@code expirechangetrackingindays}
     * when the fixture has that table (readable and writable like any row), else Dataverse's default of 7 days.
     */
    java.time.Duration changeTrackingRetention() {
        return table("organization").flatMap(t -> t.rows().stream().findFirst())
                .map(row -> row.get("expirechangetrackingindays")).filter(Number.class::isInstance)
                .map(days -> java.time.Duration.ofDays(((Number) days).longValue()))
                .orElse(java.time.Duration.ofDays(7));
    }

    /**
     * Adds a column to a table in-process, as a maker changing the table's metadata would (tests): delta tokens
     * of that table issued before are then refused, as Dataverse refuses them after a metadata change.
     */
    public void addColumn(String entitySet, Column column) {
        Table table = tableBySet(entitySet).orElseThrow(() -> new IllegalArgumentException("no entity set " + entitySet));
        atomically(journal -> {
            TableSchema old = table.schema();
            List<Column> columns = new ArrayList<>(old.columns());
            columns.add(column);
            table.alter(new TableSchema(old.logicalName(), old.entitySetName(), old.displayName(), old.primaryId(),
                    old.primaryName().orElse(null), old.changeTracking(), old.elastic(), old.objectTypeCode(), columns, old.keys()),
                    nextVersion());
            return null;
        });
    }

    /** Runs writes under the environment's writer lock; a failing unit is rolled back entirely. */
    public <T> T atomically(java.util.function.Function<Journal, T> unit) {
        writer.lock();
        Journal journal = new Journal(versions.get());
        try {
            T result = unit.apply(journal);
            return result;
        } catch (RuntimeException e) {
            journal.rollback();
            throw e;
        } finally {
            writer.unlock();
        }
    }

    /** Stores a new version of a row (journaled). */
    StoredRow write(Journal journal, Table table, UUID id, Map<String, Object> values, Map<String, String> lookupTargets) {
        journal.remember(table, id);
        StoredRow row = new StoredRow(id, values, lookupTargets, nextVersion());
        table.store(row);
        return row;
    }

    void delete(Journal journal, Table table, UUID id) {
        journal.remember(table, id);
        table.remove(id);
        table.tombstone(nextVersion(), id);
    }

    /**
     * Changes a row in-process, as another user would (tests and benchmarks): the values are Web API
     * property names with stored types; the row gets a new version and so a new ETag.
     */
    public StoredRow modify(String entitySet, UUID id, Map<String, Object> changes) {
        Table table = tableBySet(entitySet).orElseThrow(() -> new IllegalArgumentException("no entity set " + entitySet));
        return atomically(journal -> {
            StoredRow row = table.row(id).orElseThrow(() -> new IllegalArgumentException("no row " + id + " in " + entitySet));
            Map<String, Object> values = new java.util.HashMap<>(row.values());
            values.putAll(changes);
            return write(journal, table, id, values, row.lookupTargets());
        });
    }

    /** Adds a row in-process; {@code values} must hold the primary id. */
    public StoredRow add(String entitySet, Map<String, Object> values, Map<String, String> lookupTargets) {
        Table table = tableBySet(entitySet).orElseThrow(() -> new IllegalArgumentException("no entity set " + entitySet));
        UUID id = (UUID) values.get(table.schema().primaryId());
        return atomically(journal -> write(journal, table, id, values, lookupTargets));
    }

    /** Deletes a row in-process. */
    public void remove(String entitySet, UUID id) {
        Table table = tableBySet(entitySet).orElseThrow(() -> new IllegalArgumentException("no entity set " + entitySet));
        atomically(journal -> {
            delete(journal, table, id);
            return null;
        });
    }

    /** The previous versions of rows touched by one atomic unit, to restore on failure. */
    public static final class Journal {
        private record Before(Table table, UUID id, StoredRow row) {
        }

        private final Deque<Before> befores = new ArrayDeque<>();
        private final Deque<Runnable> undos = new ArrayDeque<>();
        private final long startVersion;

        /** A journal for reads, which never roll back. */
        public Journal() {
            this(Long.MAX_VALUE);
        }

        Journal(long startVersion) {
            this.startVersion = startVersion;
        }

        void remember(Table table, UUID id) {
            befores.push(new Before(table, id, table.row(id).orElse(null)));
        }

        void undo(Runnable action) {
            undos.push(action);
        }

        void rollback() {
            while (!undos.isEmpty()) {
                undos.pop().run();
            }
            while (!befores.isEmpty()) {
                Before b = befores.pop();
                if (b.row() == null) {
                    b.table().remove(b.id());
                } else {
                    b.table().store(b.row());
                    b.table().dropTombstones(b.id(), startVersion);
                }
            }
        }
    }
}
