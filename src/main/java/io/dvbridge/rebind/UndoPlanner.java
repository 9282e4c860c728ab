package io.dvbridge.rebind;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Plans the writes that undo a rebind run. A row is restored only while it still holds exactly what the run
 * wrote (ids compared case-insensitively); if it holds anything else someone changed it since, and
 * overwriting their change would lose work, so it is a conflict. A row that already holds the previous ids
 * is unchanged. The restore writes are conditional on the row's current ETag, like any other write. The
 * ETag after our write is not required to match: a change to other columns (e.g. display order) does not
 * make restoring our three columns wrong.
 */
public final class UndoPlanner {

    /**
     * @param journal     the journal of the run to undo
     * @param currentRows the journal's rows as they are now (read with their ETags); missing rows are conflicts
     */
    public UndoPlan plan(UndoJournal journal, List<AnalyticsReportRow> currentRows) {
        Map<String, AnalyticsReportRow> byId = Ids.list(currentRows).stream()
                .collect(Collectors.toMap(r -> Ids.key(r.id()), Function.identity(), (a, b) -> a));
        List<PlannedChange> changes = new ArrayList<>();
        List<RebindPlan.Unchanged> unchanged = new ArrayList<>();
        List<UndoPlan.Conflict> conflicts = new ArrayList<>();

        for (UndoJournal.Entry entry : journal.entries()) {
            AnalyticsReportRow row = byId.get(Ids.key(entry.rowId()));
            if (row == null) {
                conflicts.add(new UndoPlan.Conflict(entry.rowId(), entry.name(), entry.feature(), entry.written(), null,
                        "row no longer exists"));
                continue;
            }
            ReportBinding current = row.binding();
            if (current.sameAs(entry.previous())) {
                unchanged.add(new RebindPlan.Unchanged(row.id(), row.label(), entry.feature(), current, MatchKind.JOURNAL));
            } else if (current.sameAs(entry.written())) {
                changes.add(new PlannedChange(row.id(), row.label(), entry.feature(), current, entry.previous(), row.etag(),
                        MatchKind.JOURNAL));
            } else {
                conflicts.add(new UndoPlan.Conflict(row.id(), row.label(), entry.feature(), entry.written(), current,
                        "changed since run " + journal.runId() + ": it holds report/dataset " + current.shortForm()
                                + " in workspace " + Ids.shortId(current.workspaceId()) + ", the run wrote "
                                + entry.written().shortForm() + " in workspace " + Ids.shortId(entry.written().workspaceId())));
            }
        }
        return new UndoPlan(journal.runId(), changes, unchanged, conflicts);
    }
}
