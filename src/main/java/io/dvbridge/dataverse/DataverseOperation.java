package io.dvbridge.dataverse;

/** The first path segment of a {@code dataverse:} URI. */
public enum DataverseOperation {
    query, fetch, get, create, update, upsert, delete, batch, metadata, whoAmI, privileges, changes, count, countChanges,
    createMultiple, updateMultiple, upsertMultiple;

    boolean needsTarget() {
        return this != batch && this != whoAmI && this != privileges;
    }

    /** The bulk writes, whose target is the table's logical name. */
    boolean bulk() {
        return this == createMultiple || this == updateMultiple || this == upsertMultiple;
    }
}
