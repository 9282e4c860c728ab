package io.dvbridge.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.dataverse.DataverseClient;
import io.dvbridge.dataverse.DataverseWrite;
import io.dvbridge.dataverse.DataverseWriteResult;
import io.dvbridge.dataverse.EntityKey;
import io.dvbridge.dataverse.WriteStatus;
import io.dvbridge.powerbi.PowerBiConstants;
import io.dvbridge.rebind.AnalyticsColumns;
import io.dvbridge.rebind.AnalyticsReportRow;
import io.dvbridge.rebind.AnalyticsWorkspaceRow;
import io.dvbridge.rebind.HtmlReport;
import io.dvbridge.rebind.PipelineArtifact;
import io.dvbridge.rebind.PlannedChange;
import io.dvbridge.rebind.PowerBiReport;
import io.dvbridge.rebind.RebindJson;
import io.dvbridge.rebind.RebindPlanner;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.rebind.UndoJournal;
import io.dvbridge.rebind.UndoPlanner;
import io.dvbridge.rebind.WorkspaceReports;
import io.dvbridge.rebind.WorkspaceSelector;
import io.dvbridge.rebind.WriteBatches;
import io.dvbridge.rebind.WriteOutcome;
import io.dvbridge.rebind.WritePlan;
import io.dvbridge.runs.RunStore;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The steps of routes/rebind.camel.yaml that are not protocol work: turn component results into the
 * rebind domain's records, ask the domain for decisions, and turn its plan into component requests.
 * Bound in the registry as {@code rebindSteps}.
 */
public final class RebindSteps {

    public static final String REPORT_FILE = "report.json";
    public static final String UNDO_FILE = "undo.json";
    public static final String HTML_FILE = "report.html";

    /** Progress of long runs on the log (stderr), never on the report's stdout. */
    private static final org.slf4j.Logger PROGRESS = org.slf4j.LoggerFactory.getLogger("io.dvbridge.progress");

    private final RunStore runs;
    private final Clock clock;
    private final ProgressSink progress;
    private final ObjectMapper json = RebindJson.mapper();

    public RebindSteps(RunStore runs, Clock clock) {
        this(runs, clock, ProgressSink.NONE);
    }

    public RebindSteps(RunStore runs, Clock clock, ProgressSink progress) {
        this.progress = progress;
        this.runs = runs;
        this.clock = clock;
    }

    /** Opens a run; for an undo, loads the journal of the run being undone. */
    public RebindRun begin(RebindRequest request, org.apache.camel.Exchange exchange) {
        RebindRun run = new RebindRun(request, RunIds.take(exchange, runs, request.undoRunId() == null ? "rebind" : "undo"), clock.instant());
        if (request.undoRunId() != null) {
            UndoJournal journal = runs.read(request.undoRunId(), UNDO_FILE, UndoJournal.class);
            if (!journal.environment().equals(request.environment())) {
                throw new IllegalArgumentException("Run " + request.undoRunId() + " changed environment " + journal.environment()
                        + ", not " + request.environment());
            }
            run.undoneJournal(journal);
        }
        return run;
    }

    /** Typed values for the {@code @features} filter parameter. */
    public void chooseWorkspaces(List<Map<String, Object>> rows, @ExchangeProperty("run") RebindRun run) {
        List<AnalyticsWorkspaceRow> workspaces = rows.stream().map(r -> json.convertValue(r, AnalyticsWorkspaceRow.class)).toList();
        run.targets(new WorkspaceSelector().select(workspaces, run.getRequest().feature(), run.getRequest().workspaceIds()));
    }

    public void keepReportRows(List<Map<String, Object>> rows, @ExchangeProperty("run") RebindRun run) {
        run.reportRows(rows.stream().map(r -> json.convertValue(r, AnalyticsReportRow.class)).toList());
    }

    /** One workspace's reports, in the domain's terms. */
    public WorkspaceReports workspaceReports(@Header(PowerBiConstants.WORKSPACE_ID) String workspaceId,
                                             List<io.dvbridge.powerbi.PowerBiReport> reports) {
        return new WorkspaceReports(workspaceId, reports.stream()
                .map(r -> new PowerBiReport(r.id(), r.name(), r.datasetId().orElse(null), r.reportType())).toList());
    }

    public void keepPowerBiReports(List<WorkspaceReports> reports, @ExchangeProperty("run") RebindRun run) {
        run.powerBiReports(reports);
    }

    public void keepPipelineArtifacts(List<io.dvbridge.powerbi.PipelineArtifact> artifacts, @ExchangeProperty("run") RebindRun run) {
        run.pipelineArtifacts(artifacts.stream()
                .filter(a -> "report".equalsIgnoreCase(a.kind()) || "reports".equalsIgnoreCase(a.kind()))
                .map(a -> new PipelineArtifact(a.artifactId(), a.sourceArtifactId().orElse(null))).toList());
    }

    public void plan(@ExchangeProperty("run") RebindRun run) {
        WritePlan plan = run.isUndo()
                ? new UndoPlanner().plan(run.undoneJournal(), run.reportRows())
                : new RebindPlanner(run.getRequest().rebindMismatched())
                        .plan(run.targets(), run.reportRows(), run.powerBiReports(), run.pipelineArtifacts());
        WriteBatches batches = new WriteBatches(run.getRequest().mode(), plan.changes().size(),
                DataverseClient.MAX_BATCH_REQUESTS);
        run.plan(plan, batches);
        if (!run.isDryRun()) {
            run.progress(new Progress((run.isUndo() ? "undo " : "rebind ") + run.getRunId() + ", rows sent", "rows",
                    java.util.OptionalLong.of(batches.writes()), clock, run.getRunId(), progress));
        }
        PROGRESS.info("{} {}: {} report rows read; {}", run.isUndo() ? "undo" : "rebind", run.getRunId(),
                String.format(Locale.ROOT, "%,d", run.reportRows().size()), batches.description());
    }

    public RebindReport dryRunReport(@ExchangeProperty("run") RebindRun run) {
        RebindReport report = RebindReport.dryRun(run.info(), run.plan(), run.batches(), clock.instant());
        run.report(report);
        return report;
    }

    /** One batch's planned changes as PATCHes, each conditional on the ETag the row had when it was read. */
    public List<DataverseWrite> writes(List<PlannedChange> batch) {
        List<DataverseWrite> writes = new ArrayList<>(batch.size());
        for (PlannedChange change : batch) {
            writes.add(DataverseWrite.update(AnalyticsColumns.REPORT_ENTITY_SET, EntityKey.of(UUID.fromString(change.rowId())),
                    change.changedColumns(), change.etag()));
        }
        return writes;
    }

    /** Keeps the outcome of every write of the batch at {@code index} (0-based). */
    public void afterBatch(List<DataverseWriteResult> results, @ExchangeProperty(Exchange.SPLIT_INDEX) int index,
                           @ExchangeProperty("run") RebindRun run) {
        List<PlannedChange> batch = run.getBatchedWrites().get(index);
        String rollback = "changeset " + (index + 1) + " of " + run.batches().count() + " rolled back"
                + results.stream().filter(r -> r.outcome() == WriteStatus.FAILED).findFirst()
                        .map(r -> " because row '" + batch.get(r.index()).name() + "' (" + batch.get(r.index()).rowId()
                                + ") failed: " + message(r))
                        .orElse("");
        for (DataverseWriteResult result : results) {
            String rowId = batch.get(result.index()).rowId();
            run.record(switch (result.outcome()) {
                case SUCCEEDED -> WriteOutcome.updated(rowId, result.etag().orElse(null));
                case FAILED -> result.status() == 412
                        ? WriteOutcome.conflict(rowId, "The row changed after it was read: " + message(result))
                        : WriteOutcome.failed(rowId, message(result));
                case ROLLED_BACK -> WriteOutcome.rolledBack(rowId, rollback);
                case NOT_EXECUTED -> WriteOutcome.failed(rowId, "Not executed: " + message(result));
            });
        }
        reportProgress(run);
    }

    /** Dataverse's message with its error code, e.g. "The version of the existing record doesn't match (0x80060882)". */
    private static String message(DataverseWriteResult result) {
        return result.errorMessage().map(m -> result.errorCode().filter(c -> !c.isBlank())
                .map(c -> m + " (" + c + ")").orElse(m)).orElse("");
    }

    /**
     * A {@code $batch} request failed as a whole (no per-write answers, even after retries): its rows are FAILED
     * and the batches after it are not sent, since the service is not answering them.
     */
    public void batchFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure,
                            @ExchangeProperty(Exchange.SPLIT_INDEX) int index, @ExchangeProperty("run") RebindRun run) {
        String message = "the $batch request " + (index + 1) + " of " + run.batches().count() + " failed without answers"
                + " for its writes (" + FailureMessages.of(failure) + "); a dry run shows whether the row holds the new ids";
        run.getBatchedWrites().get(index).forEach(change -> run.record(WriteOutcome.failed(change.rowId(), message)));
        run.stop("not sent, because " + message);
        reportProgress(run);
    }

    public RebindReport afterWrites(@ExchangeProperty("run") RebindRun run) {
        run.stopReason().ifPresent(reason -> run.plan().changes().stream().filter(c -> !run.answered(c.rowId()))
                .forEach(c -> run.record(WriteOutcome.failed(c.rowId(), reason))));
        RebindReport report = RebindReport.afterWrites(run.info(), run.plan(), run.batches(), run.outcomes(), clock.instant());
        run.report(report);
        return report;
    }

    private void reportProgress(RebindRun run) {
        run.progress().advanced(run.answeredCount(), "");
    }

    /** Records the run: its report (JSON and HTML), and for real runs that changed rows the journal that undoes them. */
    public RebindReport finish(@ExchangeProperty("run") RebindRun run) {
        RebindReport report = run.getReport();
        runs.write(run.getRunId(), REPORT_FILE, report);
        runs.writeText(run.getRunId(), HTML_FILE, new HtmlReport().render(report));
        if (!report.dryRun()) {
            UndoJournal journal = UndoJournal.of(report, clock.instant());
            if (!journal.entries().isEmpty()) {
                runs.write(run.getRunId(), UNDO_FILE, journal);
            }
        }
        return report;
    }
}
