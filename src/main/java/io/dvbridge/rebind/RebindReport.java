package io.dvbridge.rebind;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * The result of a rebind or undo run, for machines (JSON via Jackson) and people ({@link TerminalSummary}).
 * {@code counts} and {@code exitCode} are derived from the rows; they are written to JSON for readers and
 * ignored when reading back.
 */
@JsonIgnoreProperties(value = {"counts", "exitCode"}, allowGetters = true)
public record RebindReport(String runId, String environment, RunKind kind, List<Feature> features,
                           List<WorkspaceChoice> workspaces, Instant startedAt, Instant finishedAt, boolean dryRun,
                           WriteMode mode, List<RowResult> rows) {

    public RebindReport {
        runId = Ids.required(runId, "run id");
        features = Ids.list(features);
        workspaces = Ids.list(workspaces);
        rows = Ids.list(rows);
    }

    @JsonProperty("counts")
    public RebindCounts counts() {
        return RebindCounts.of(rows);
    }

    /** See {@link ExitCodes}. */
    @JsonProperty("exitCode")
    public int exitCode() {
        return ExitCodes.forOutcomes(rows.stream().map(RowResult::outcome).toList());
    }

    /** The report of a dry run: planned writes are PLANNED, nothing was written. */
    public static RebindReport dryRun(RunInfo run, WritePlan plan, Instant finishedAt) {
        List<RowResult> rows = new ArrayList<>();
        plan.changes().forEach(c -> rows.add(RowResult.planned(c)));
        rows.addAll(plan.rowsWithoutWrites());
        return of(run, finishedAt, true, rows);
    }

    /**
     * The report after the writer ran. A planned change without a write outcome is reported FAILED:
     * we cannot claim a write we did not see.
     *
     * @throws IllegalArgumentException when an outcome names a row the plan did not change, or a row twice
     */
    public static RebindReport afterWrites(RunInfo run, WritePlan plan, List<WriteOutcome> writes, Instant finishedAt) {
        Map<String, WriteOutcome> byRow = new HashMap<>();
        for (WriteOutcome write : Ids.list(writes)) {
            if (byRow.put(Ids.key(write.rowId()), write) != null) {
                throw new IllegalArgumentException("two write outcomes for row " + write.rowId());
            }
        }
        var planned = new HashSet<String>();
        List<RowResult> rows = new ArrayList<>();
        for (PlannedChange change : plan.changes()) {
            planned.add(Ids.key(change.rowId()));
            WriteOutcome write = byRow.get(Ids.key(change.rowId()));
            rows.add(RowResult.written(change, write != null ? write
                    : WriteOutcome.failed(change.rowId(), "no write result was recorded for this row")));
        }
        byRow.keySet().stream().filter(k -> !planned.contains(k)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("write outcome for row " + byRow.get(k).rowId() + " that the plan did not change");
        });
        rows.addAll(plan.rowsWithoutWrites());
        return of(run, finishedAt, false, rows);
    }

    private static RebindReport of(RunInfo run, Instant finishedAt, boolean dryRun, List<RowResult> rows) {
        return new RebindReport(run.runId(), run.environment(), run.kind(), run.features(), run.workspaces(),
                run.startedAt(), finishedAt, dryRun, run.mode(), rows);
    }
}
