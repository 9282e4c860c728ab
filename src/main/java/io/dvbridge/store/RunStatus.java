package io.dvbridge.store;

/** Where a run stands. A run moves QUEUED -> RUNNING -> one final status, or is recorded final at once. */
public enum RunStatus {
    QUEUED, RUNNING, SUCCEEDED, NEEDS_ATTENTION, FAILED, REFUSED, ABANDONED;

    /** True for the statuses a run keeps for good. */
    public boolean finished() {
        return this != QUEUED && this != RUNNING;
    }
}
