package io.dvbridge.store;

/**
 * A run that already has its final status (for instance ABANDONED because its lease expired and another
 * instance took the target over) cannot be started or finished again: the first final status stays.
 */
public final class RunAlreadyFinishedException extends StateStoreException {

    private final String runId;
    private final RunStatus status;

    public RunAlreadyFinishedException(String runId, RunStatus status) {
        super("Run " + runId + " is already " + status);
        this.runId = runId;
        this.status = status;
    }

    public String runId() {
        return runId;
    }

    public RunStatus status() {
        return status;
    }
}
