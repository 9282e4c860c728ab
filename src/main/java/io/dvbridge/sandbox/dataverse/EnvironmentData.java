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
    /** Associations by relationship SchemaName: pairs of [Entity1 row id, Entity2 row id]. */
    private final Map<String, Set<List<UUID>>> associations = new ConcurrentHashMap<>();

    /** The bulk messages each standard table supports (sdkmessagefilters), by logical name. */
    private final Map<String, Set<String>> bulkMessages = new ConcurrentHashMap<>();

    void supportBulk(String logicalName, Set<String> messages) {
        bulkMessages.put(logicalName, Set.copyOf(messages));
    }

    /**
     * Whether the table answers {@code message} (CreateMultiple, UpdateMultiple, UpsertMultiple, DeleteMultiple):
     * an elastic table answers them all; a standard table the ones its fixture lists (both by default), UpsertMultiple
     * when it supports both, never DeleteMultiple.
     */
    public boolean supportsBulk(Table table, String message) {
        if (table.schema().elastic()) {
            return true;
        }
        Set<String> declared = bulkMessages.getOrDefault(table.schema().logicalName(), Set.of());
        return switch (message) {
            case "UpsertMultiple" -> declared.contains("CreateMultiple") && declared.contains("UpdateMultiple");
            case "DeleteMultiple" -> false;
            default -> declared.contains(message);
        };
    }

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
