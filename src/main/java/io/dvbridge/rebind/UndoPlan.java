package io.dvbridge.rebind;

import java.util.ArrayList;
import java.util.List;

/**
 * What undoing a run would do: {@link #changes()} restore rows to their previous ids (matchKind
 * {@link MatchKind#JOURNAL}); {@link #unchanged()} already hold them; {@link #conflicts()} were changed by
 * someone else since the run (or deleted) and are left alone.
 */
public record UndoPlan(String undoneRunId, List<PlannedChange> changes, List<RebindPlan.Unchanged> unchanged,
                       List<Conflict> conflicts) implements WritePlan {

    /**
     * @param expected the ids our run wrote
     * @param current  nullable: the ids the row holds now; null when the row no longer exists
     */
    public record Conflict(String rowId, String name, Feature feature, ReportBinding expected, ReportBinding current,
                           String reason) {
    }

    public UndoPlan {
        changes = Ids.list(changes);
        unchanged = Ids.list(unchanged);
        conflicts = Ids.list(conflicts);
    }

    @Override
    public List<RowResult> rowsWithoutWrites() {
        List<RowResult> rows = new ArrayList<>();
        unchanged.forEach(u -> rows.add(RowResult.withoutWrite(u.rowId(), u.name(), u.feature(), RebindOutcome.UNCHANGED,
                u.matchKind(), u.binding(), u.binding(), List.of(), "already holds the values from before the run")));
        conflicts.forEach(c -> rows.add(RowResult.withoutWrite(c.rowId(), c.name(), c.feature(), RebindOutcome.CONFLICT,
                null, c.current(), null, List.of(), c.reason())));
        return List.copyOf(rows);
    }
}
