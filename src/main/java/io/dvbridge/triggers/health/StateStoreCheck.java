package io.dvbridge.triggers.health;

import io.dvbridge.store.StateStore;

import java.time.Duration;

/** Ready while the state store answers: a valid pooled connection (the database's own cheap check), within the timeout. */
public final class StateStoreCheck extends BoundedReadinessCheck {

    private final StateStore store;

    public StateStoreCheck(StateStore store, Duration timeout) {
        super("state-store", timeout);
        this.store = store;
    }

    @Override
    protected String probe() {
        if (!store.isReachable()) {
            throw new IllegalStateException("the state store does not answer");
        }
        return "the state store answers";
    }
}
