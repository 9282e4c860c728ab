package io.dvbridge.cmt;

/** What a planned write does in the target. */
public enum WriteKind {
    /** Create the record with its file id (POST, or PATCH with {@code If-None-Match: *}). */
    CREATE,
    /** Change some fields of an existing record (PATCH with {@code If-Match: *}). */
    UPDATE,
    /** Set statecode/statuscode once the record and its lookups are in place (PATCH with {@code If-Match: *}). */
    SET_STATE
}
