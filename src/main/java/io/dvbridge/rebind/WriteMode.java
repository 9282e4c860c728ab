package io.dvbridge.rebind;

/** How the planned writes are sent. */
public enum WriteMode {
    /** All writes in one {@code $batch} changeset: all succeed or none is kept. */
    ATOMIC,
    /** One write per row: a failing row does not stop the others. */
    ROW_BY_ROW
}
