package io.dvbridge.rebind;

import java.util.List;

/**
 * Row counts of a report. {@code matched} counts rows whose report was found (all outcomes except
 * MISMATCHED, AMBIGUOUS and UNMATCHED, and except undo conflicts, which have no match); {@code failed} counts
 * FAILED only, {@code rolledBack} ROLLED_BACK.
 */
public record RebindCounts(int total, int matched, int planned, int updated, int unchanged, int mismatched,
                           int ambiguous, int unmatched, int conflicts, int failed, int rolledBack) {

    public static RebindCounts of(List<RowResult> rows) {
        return new RebindCounts(rows.size(),
                (int) rows.stream().filter(r -> r.matchKind() != null).count(),
                count(rows, RebindOutcome.PLANNED), count(rows, RebindOutcome.UPDATED),
                count(rows, RebindOutcome.UNCHANGED), count(rows, RebindOutcome.MISMATCHED),
                count(rows, RebindOutcome.AMBIGUOUS),
                count(rows, RebindOutcome.UNMATCHED), count(rows, RebindOutcome.CONFLICT),
                count(rows, RebindOutcome.FAILED), count(rows, RebindOutcome.ROLLED_BACK));
    }

    private static int count(List<RowResult> rows, RebindOutcome outcome) {
        return (int) rows.stream().filter(r -> r.outcome() == outcome).count();
    }
}
