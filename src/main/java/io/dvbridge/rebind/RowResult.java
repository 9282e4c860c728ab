package io.dvbridge.rebind;

import java.util.List;
import java.util.Optional;

/**
 * One row of a {@link RebindReport}. Nullable components (JSON {@code null}) are marked.
 *
 * @param rowId          {@code msdyn_dataanalyticsreportid}
 * @param name           the row's label
 * @param feature        nullable: unknown feature
 * @param outcome        what happened
 * @param matchKind      nullable: how the report was found; null for AMBIGUOUS, UNMATCHED and undo conflicts
 * @param before         the ids the row held when read; nullable only for an undo row that no longer exists
 * @param after          nullable: the ids written or to be written; null when nothing was to be written
 * @param candidates     reports to choose from (AMBIGUOUS); empty otherwise
 * @param reason         nullable: why the row needs attention or failed, or how it matched
 * @param etagAfterWrite nullable: the row's ETag after our write (UPDATED), for the undo journal
 * @param batch          nullable: the 1-based {@code $batch} request (changeset in atomic mode) that carries or
 *                       would carry the row's write ({@link WriteBatches}); null for rows without a write
 */
public record RowResult(String rowId, String name, Feature feature, RebindOutcome outcome, MatchKind matchKind,
                        ReportBinding before, ReportBinding after, List<ReportCandidate> candidates, String reason,
                        String etagAfterWrite, Integer batch) {

    public RowResult {
        rowId = Ids.required(rowId, "row id");
        if (outcome == null) {
            throw new IllegalArgumentException("outcome is required for row " + rowId);
        }
        candidates = Ids.list(candidates);
    }

    public Optional<String> reasonIfPresent() {
        return Optional.ofNullable(reason);
    }

    /** A row that has no write: unchanged or needing attention. */
    static RowResult withoutWrite(String rowId, String name, Feature feature, RebindOutcome outcome, MatchKind matchKind,
                                  ReportBinding before, ReportBinding after, List<ReportCandidate> candidates,
                                  String reason) {
        return new RowResult(rowId, name, feature, outcome, matchKind, before, after, candidates, reason, null, null);
    }

    static RowResult planned(PlannedChange change, int batch) {
        return new RowResult(change.rowId(), change.name(), change.feature(), RebindOutcome.PLANNED, change.matchKind(),
                change.before(), change.after(), List.of(), describe(change.matchKind()), null, batch);
    }

    static RowResult written(PlannedChange change, WriteOutcome write, int batch) {
        String reason = write.outcome() == RebindOutcome.UPDATED ? describe(change.matchKind()) : write.message();
        return new RowResult(change.rowId(), change.name(), change.feature(), write.outcome(), change.matchKind(),
                change.before(), change.after(), List.of(), reason, write.etagAfterWrite(), batch);
    }

    static String describe(MatchKind kind) {
        return switch (kind) {
            case REPORT_ID -> "report id already in target workspace";
            case PIPELINE -> "matched by deployment pipeline";
            case EXACT_NAME -> "matched by exact name";
            case NORMALISED_NAME -> "matched by name ignoring case/spacing/Unicode form";
            case JOURNAL -> "restoring values from undo journal";
        };
    }
}
