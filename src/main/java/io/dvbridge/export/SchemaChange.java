package io.dvbridge.export;

import java.util.List;

/**
 * What preparing a sink table did or would do.
 *
 * @param created    the table did not exist
 * @param added      columns added to an existing table: the table needs a new initial sync (a delta link fixes its $select)
 * @param removed    columns the sink has and the source no longer exports: kept, reported
 * @param statements the DDL run (or, in a dry run, that would run)
 */
public record SchemaChange(boolean created, List<String> added, List<String> removed, List<String> statements) {

    public SchemaChange {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        statements = List.copyOf(statements);
    }

    /** Whether the table's saved position is no longer valid. */
    public boolean needsInitialSync() {
        return created || !added.isEmpty();
    }
}
