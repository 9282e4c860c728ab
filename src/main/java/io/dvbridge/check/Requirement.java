package io.dvbridge.check;

/** A privilege a job needs: on which table, which access, and for what (said in the report). */
public record Requirement(String table, Access access, String purpose) {
}
