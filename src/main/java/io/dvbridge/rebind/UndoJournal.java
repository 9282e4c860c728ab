package io.dvbridge.rebind;

import java.time.Instant;
import java.util.List;

/**
 * What a rebind run changed, kept so the run can be undone: for every UPDATED row, the ids it held before
 * and the ids we wrote. Dry runs and rows that were not written leave no entry.
 */
public record UndoJournal(String runId, String environment, Instant createdAt, List<Entry> entries) {

    /**
     * @param previous       the ids before our write: what undo restores
     * @param written        the ids our write set: undo only restores a row that still holds them
     * @param etagAfterWrite nullable: the row's ETag after our write, when the write response carried it
     */
    public record Entry(String rowId, String name, Feature feature, ReportBinding previous, ReportBinding written,
                        String etagAfterWrite) {
        public Entry {
            rowId = Ids.required(rowId, "row id");
            if (previous == null || written == null) {
                throw new IllegalArgumentException("previous and written ids are required for row " + rowId);
            }
        }
    }

    public UndoJournal {
        runId = Ids.required(runId, "run id");
        entries = Ids.list(entries);
    }

    /** The journal of a finished run: one entry per UPDATED row of its report. */
    public static UndoJournal of(RebindReport report, Instant createdAt) {
        List<Entry> entries = report.rows().stream().filter(r -> r.outcome() == RebindOutcome.UPDATED)
                .map(r -> new Entry(r.rowId(), r.name(), r.feature(), r.before(), r.after(), r.etagAfterWrite()))
                .toList();
        return new UndoJournal(report.runId(), report.environment(), createdAt, entries);
    }
}
