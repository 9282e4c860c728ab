package io.dvbridge.push;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What identifies a pushed row, so that a re-run writes the same rows again rather than new ones: the
 * table's primary id column, one of its alternate keys, or a UUID v5 of an identifier column
 * ({@code uuid5:<column>}, see {@link Uuid5}); none for plain creates.
 */
public sealed interface Identity {

    record None() implements Identity {
    }

    record PrimaryId(String column) implements Identity {
    }

    record AlternateKey(String name, List<String> columns) implements Identity {
        public AlternateKey {
            columns = List.copyOf(columns);
        }
    }

    record Derived(String sourceColumn, String primaryId) implements Identity {
    }

    /**
     * Reads {@code --key}: {@code id}, an alternate key's logical name, or {@code uuid5:<column>}; without one,
     * the primary id when the source has that column, else none (allowed for creates only).
     *
     * @throws PushSetupException when the key names nothing of the table, or an update or upsert has no identity
     */
    static Identity resolve(Optional<String> key, TargetTable table, WriteMode mode, List<String> sourceColumns) {
        Identity identity;
        if (key.isEmpty()) {
            identity = sourceColumns.contains(table.primaryId()) ? new PrimaryId(table.primaryId()) : new None();
        } else if (key.get().equals("id")) {
            identity = new PrimaryId(table.primaryId());
        } else if (key.get().toLowerCase(Locale.ROOT).startsWith("uuid5:")) {
            String column = key.get().substring("uuid5:".length()).strip();
            if (column.isEmpty()) {
                throw new PushSetupException("--key uuid5: needs the identifier column, e.g. uuid5:customerid");
            }
            identity = new Derived(column, table.primaryId());
        } else {
            TableKey alternate = table.key(key.get()).orElseThrow(() -> new PushSetupException("Table " + table.logicalName()
                    + " has no alternate key '" + key.get() + "'; its keys: " + (table.keys().isEmpty() ? "none"
                    : String.join(", ", table.keys().stream().map(TableKey::name).toList())) + " (or use id or uuid5:<column>)"));
            identity = new AlternateKey(alternate.name(), alternate.columns());
        }
        if (identity instanceof None && mode != WriteMode.CREATE) {
            throw new PushSetupException("An " + mode.name().toLowerCase(Locale.ROOT) + " needs --key (id, an alternate key of "
                    + table.logicalName() + ", or uuid5:<column>) or a " + table.primaryId() + " column in the source");
        }
        return identity;
    }
}
