package io.dvbridge.rebind;

import java.util.Set;

/**
 * What the writer reports for one {@link PlannedChange}: the route's write component creates these.
 *
 * @param rowId          the changed row
 * @param outcome        {@link RebindOutcome#UPDATED}, {@link RebindOutcome#CONFLICT},
 *                       {@link RebindOutcome#FAILED} or {@link RebindOutcome#ROLLED_BACK}
 * @param message        why it did not succeed (the service's error message, never a token); null for UPDATED
 * @param etagAfterWrite the row's ETag after a successful write when the response carried one, else null
 */
public record WriteOutcome(String rowId, RebindOutcome outcome, String message, String etagAfterWrite) {

    private static final Set<RebindOutcome> WRITE_OUTCOMES =
            Set.of(RebindOutcome.UPDATED, RebindOutcome.CONFLICT, RebindOutcome.FAILED, RebindOutcome.ROLLED_BACK);

    public WriteOutcome {
        rowId = Ids.required(rowId, "row id");
        if (!WRITE_OUTCOMES.contains(outcome)) {
            throw new IllegalArgumentException("a write ends " + WRITE_OUTCOMES + ", not " + outcome + " (row " + rowId + ")");
        }
        etagAfterWrite = etagAfterWrite == null || etagAfterWrite.isBlank() ? null : etagAfterWrite;
    }

    public static WriteOutcome updated(String rowId, String etagAfterWrite) {
        return new WriteOutcome(rowId, RebindOutcome.UPDATED, null, etagAfterWrite);
    }

    /** The row's ETag no longer matched (HTTP 412): someone changed it after we read it. */
    public static WriteOutcome conflict(String rowId, String message) {
        return new WriteOutcome(rowId, RebindOutcome.CONFLICT, message, null);
    }

    public static WriteOutcome failed(String rowId, String message) {
        return new WriteOutcome(rowId, RebindOutcome.FAILED, message, null);
    }

    /** This row's write was rolled back because another write of the same changeset failed. */
    public static WriteOutcome rolledBack(String rowId, String message) {
        return new WriteOutcome(rowId, RebindOutcome.ROLLED_BACK, message, null);
    }
}
