package io.dvbridge.push;

/** How rows are written: CreateMultiple, UpdateMultiple or UpsertMultiple. */
public enum WriteMode {
    CREATE, UPDATE, UPSERT;

    /** The dataverse: operation, e.g. {@code upsertMultiple}. */
    public String operation() {
        return name().toLowerCase(java.util.Locale.ROOT) + "Multiple";
    }
}
