package io.dvbridge.push;

/**
 * A lookup value waiting for its existence check: column {@code column} points at the row of {@code target}
 * whose {@code byColumn} (the target's primary id, or one of its single-column alternate keys) is {@code value}.
 */
public record LookupRef(String column, LookupTarget target, String byColumn, String value) {

    /** The same target row, however the value was spelled (GUIDs and key values compare ignoring case, as Dataverse does). */
    public String identity() {
        return target.table() + "|" + byColumn + "|" + value.toLowerCase(java.util.Locale.ROOT);
    }
}
