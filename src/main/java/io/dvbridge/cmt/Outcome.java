package io.dvbridge.cmt;

/** What happened to one record of the file. */
public enum Outcome {
    CREATED,
    UPDATED,
    UNCHANGED,
    FAILED
}
