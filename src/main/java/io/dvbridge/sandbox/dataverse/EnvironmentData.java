package io.dvbridge.sandbox.dataverse;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
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

        void rollback() {
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
