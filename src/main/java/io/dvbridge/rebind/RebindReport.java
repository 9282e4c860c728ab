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
 * ignored when reading back. {@code batches} says how the writes were (dry run: will be) grouped into
 * {@code $batch} requests; each written or planned row names its batch.
 */
@JsonIgnoreProperties(value = {"counts", "exitCode"}, allowGetters = true)
public record RebindReport(String runId, String environment, RunKind kind, List<Feature> features,
                           List<WorkspaceChoice> workspaces, Instant startedAt, Instant finishedAt, boolean dryRun,
                           WriteMode mode, WriteBatches batches, List<RowResult> rows) {

    public RebindReport {
        runId = Ids.required(runId, "run id");
        if (batches == null || batches.mode() != mode) {
            throw new IllegalArgumentException("the batches of run " + runId + " must be sent in its mode " + mode);
        }
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

    /** The report of a dry run: planned writes are PLANNED, in the batches the real run would send; nothing was written. */
    public static RebindReport dryRun(RunInfo run, WritePlan plan, WriteBatches batches, Instant finishedAt) {
        requireFits(plan, batches);
        List<RowResult> rows = new ArrayList<>();
        for (int i = 0; i < plan.changes().size(); i++) {
            rows.add(RowResult.planned(plan.changes().get(i), batches.batchOf(i)));
        }
        rows.addAll(plan.rowsWithoutWrites());
        return of(run, batches, finishedAt, true, rows);
    }

    /**
     * The report after the writer ran. A planned change without a write outcome is reported FAILED:
     * we cannot claim a write we did not see.
     *
     * @throws IllegalArgumentException when an outcome names a row the plan did not change, or a row twice
     */
    public static RebindReport afterWrites(RunInfo run, WritePlan plan, WriteBatches batches, List<WriteOutcome> writes,
                                           Instant finishedAt) {
        requireFits(plan, batches);
        Map<String, WriteOutcome> byRow = new HashMap<>();
        for (WriteOutcome write : Ids.list(writes)) {
            if (byRow.put(Ids.key(write.rowId()), write) != null) {
                throw new IllegalArgumentException("two write outcomes for row " + write.rowId());
            }
        }
        var planned = new HashSet<String>();
        List<RowResult> rows = new ArrayList<>();
        for (int i = 0; i < plan.changes().size(); i++) {
            PlannedChange change = plan.changes().get(i);
            planned.add(Ids.key(change.rowId()));
            WriteOutcome write = byRow.get(Ids.key(change.rowId()));
            rows.add(RowResult.written(change, write != null ? write
                    : WriteOutcome.failed(change.rowId(), "no write result was recorded for this row"), batches.batchOf(i)));
        }
        byRow.keySet().stream().filter(k -> !planned.contains(k)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("write outcome for row " + byRow.get(k).rowId() + " that the plan did not change");
        });
        rows.addAll(plan.rowsWithoutWrites());
        return of(run, batches, finishedAt, false, rows);
    }

    private static void requireFits(WritePlan plan, WriteBatches batches) {
        if (batches.writes() != plan.changes().size()) {
            throw new IllegalArgumentException("batches for " + batches.writes() + " writes, but the plan has "
                    + plan.changes().size());
        }
    }

    private static RebindReport of(RunInfo run, WriteBatches batches, Instant finishedAt, boolean dryRun,
                                   List<RowResult> rows) {
        return new RebindReport(run.runId(), run.environment(), run.kind(), run.features(), run.workspaces(),
                run.startedAt(), finishedAt, dryRun, run.mode(), batches, rows);
    }
}
