package io.dvbridge.export;

/**
 * The result of a key reconciliation: sink rows the source no longer has (deleted), and source rows the sink
 * lacks or holds in an older version (missing: they land when the table is read again from the start).
 */
public record KeyRepair(long deleted, long missing) {
}
