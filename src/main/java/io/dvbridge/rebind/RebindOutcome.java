package io.dvbridge.rebind;

/** What happened to one row in a run. */
public enum RebindOutcome {
    /** The row was written. */
    UPDATED,
    /** The row already held the right ids; no write. */
    UNCHANGED,
    /**
     * The row's report id is a report of the target workspace whose name is not the row's; nothing written
     * (unless the run rebinds mismatched rows by name); a person should look.
     */
    MISMATCHED,
    /** Several reports fit; nothing written; a person must decide. */
    AMBIGUOUS,
    /** No report fits; nothing written. */
    UNMATCHED,
    /** The row changed after it was read (ETag mismatch) or, for undo, since the run being undone; not written. */
    CONFLICT,
    /** The write failed (message says why). */
    FAILED,
    /** The row's write was valid but its atomic changeset failed because of another row; nothing was kept. */
    ROLLED_BACK,
    /** Dry run: the row would be written. */
    PLANNED;

    /** Finished without a failure, but a person has to look at the row. */
    public boolean needsAttention() {
        return this == MISMATCHED || this == AMBIGUOUS || this == UNMATCHED || this == CONFLICT;
    }

    /** A write that should have happened did not. */
    public boolean failure() {
        return this == FAILED || this == ROLLED_BACK;
    }
}
