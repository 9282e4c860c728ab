package io.dvbridge.rebind;

/** Whether a run rebinds reports or undoes an earlier rebind from its journal. */
public enum RunKind {
    REBIND,
    UNDO
}
