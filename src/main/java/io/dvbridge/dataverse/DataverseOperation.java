package io.dvbridge.dataverse;

/** The first path segment of a {@code dataverse:} URI. */
public enum DataverseOperation {
    query, fetch, get, create, update, upsert, delete, batch, metadata, whoAmI, privileges, changes, countChanges;

    boolean needsTarget() {
        return this != batch && this != whoAmI && this != privileges;
    }
}
