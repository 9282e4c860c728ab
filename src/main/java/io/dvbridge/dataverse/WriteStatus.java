package io.dvbridge.dataverse;

/** What became of one write in a batch. */
public enum WriteStatus {
    /** Dataverse answered 2xx for this write and it was committed. */
    SUCCEEDED,
    /** Dataverse rejected this write; the result carries its code and message. */
    FAILED,
    /** The write was valid on its own but its atomic changeset failed elsewhere, so nothing was committed. */
    ROLLED_BACK,
    /** Dataverse stopped before reaching this write (no answer for it in the response). */
    NOT_EXECUTED
}
