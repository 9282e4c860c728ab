package io.dvbridge.rebind;

import java.util.ArrayList;
import java.util.List;

/**
 * What a rebind run would do. Only {@link #changes()} lead to writes; running the planner again over rows
 * that were updated puts them all in {@link #unchanged()}.
 */
public record RebindPlan(List<PlannedChange> changes, List<Unchanged> unchanged, List<Mismatched> mismatched,
                         List<Ambiguous> ambiguous, List<Unmatched> unmatched, List<Ignored> ignored) implements WritePlan {

    /** The row already holds the ids of its report. */
    public record Unchanged(String rowId, String name, Feature feature, ReportBinding binding, MatchKind matchKind) {
    }

    /**
     * The row's report id is a report of the target workspace, but that report's name is not the row's (not even
     * ignoring case, spacing and Unicode form): the row may point at the wrong report. It keeps its ids until a
     * person looks, or until a run with {@code rebindMismatched} rebinds it by name.
     */
    public record Mismatched(String rowId, String name, Feature feature, ReportBinding before, ReportCandidate boundReport,
                             String reason) {
    }

    /** Several reports fit; the row keeps its ids. */
    public record Ambiguous(String rowId, String name, Feature feature, ReportBinding before,
                            List<ReportCandidate> candidates, String reason) {
        public Ambiguous {
            candidates = Ids.list(candidates);
        }
    }

    /** No report fits; the row keeps its ids. */
    public record Unmatched(String rowId, String name, Feature feature, ReportBinding before, String reason) {
    }

    /** A row outside the run's scope (feature not selected or unknown); not part of the report. */
    public record Ignored(String rowId, String name, String featureId, String reason) {
    }

    public RebindPlan {
        changes = Ids.list(changes);
        unchanged = Ids.list(unchanged);
        mismatched = Ids.list(mismatched);
        ambiguous = Ids.list(ambiguous);
        unmatched = Ids.list(unmatched);
        ignored = Ids.list(ignored);
    }

    @Override
    public List<RowResult> rowsWithoutWrites() {
        List<RowResult> rows = new ArrayList<>();
        unchanged.forEach(u -> rows.add(RowResult.withoutWrite(u.rowId(), u.name(), u.feature(), RebindOutcome.UNCHANGED,
                u.matchKind(), u.binding(), u.binding(), List.of(), RowResult.describe(u.matchKind()))));
        mismatched.forEach(m -> rows.add(RowResult.withoutWrite(m.rowId(), m.name(), m.feature(), RebindOutcome.MISMATCHED,
                null, m.before(), null, List.of(m.boundReport()), m.reason())));
        ambiguous.forEach(a -> rows.add(RowResult.withoutWrite(a.rowId(), a.name(), a.feature(), RebindOutcome.AMBIGUOUS,
                null, a.before(), null, a.candidates(), a.reason())));
        unmatched.forEach(u -> rows.add(RowResult.withoutWrite(u.rowId(), u.name(), u.feature(), RebindOutcome.UNMATCHED,
                null, u.before(), null, List.of(), u.reason())));
        return List.copyOf(rows);
    }
}
