package io.dvbridge.cmt;

/** How existing target rows are looked for, in the order the tool tries them. */
public enum MatchKind {
    /** The record id: {@code primaryid eq <guid>}. */
    BY_ID,
    /** The entity's {@code updateCompare} fields, all equal. */
    BY_UPDATE_COMPARE,
    /** The primary name field (only when nothing else matched; several candidates fail the record). */
    BY_PRIMARY_NAME
}
