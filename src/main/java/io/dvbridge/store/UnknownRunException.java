package io.dvbridge.store;

/** A run id the state store has no record of. */
public final class UnknownRunException extends StateStoreException {

    private final String runId;

    public UnknownRunException(String runId) {
        super("The state store has no run " + runId);
        this.runId = runId;
    }

    public String runId() {
        return runId;
    }
}
