package io.dvbridge.jobs;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.dataverse.DataverseWrite;
import io.dvbridge.dataverse.DataverseWriteResult;
import io.dvbridge.dataverse.EntityKey;
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
import io.dvbridge.rebind.WriteOutcome;
import io.dvbridge.runs.RunStore;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
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

    private final RunStore runs;
    private final Clock clock;
    private final ObjectMapper json = RebindJson.mapper();

    public RebindSteps(RunStore runs, Clock clock) {
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
        run.plan(run.isUndo()
                ? new UndoPlanner().plan(run.undoneJournal(), run.reportRows())
                : new RebindPlanner().plan(run.targets(), run.reportRows(), run.powerBiReports(), run.pipelineArtifacts()));
    }

    public RebindReport dryRunReport(@ExchangeProperty("run") RebindRun run) {
        RebindReport report = RebindReport.dryRun(run.info(), run.plan(), clock.instant());
        run.report(report);
        return report;
    }

    /** Each planned change as a PATCH conditional on the ETag the row had when it was read. */
    public List<DataverseWrite> writes(@ExchangeProperty("run") RebindRun run) {
        if (run.isAtomic() && run.writes().size() > io.dvbridge.dataverse.DataverseClient.MAX_BATCH_REQUESTS) {
            throw new IllegalStateException(run.writes().size() + " rows need changes, but one atomic changeset holds at most "
                    + io.dvbridge.dataverse.DataverseClient.MAX_BATCH_REQUESTS + " writes; run again with --row-by-row "
                    + "(each row stands alone), or narrow the run with --feature. Nothing was written.");
        }
        List<DataverseWrite> writes = new ArrayList<>();
        for (PlannedChange change : run.writes()) {
            writes.add(DataverseWrite.update(AnalyticsColumns.REPORT_ENTITY_SET, EntityKey.of(UUID.fromString(change.rowId())),
                    change.changedColumns(), change.etag()));
        }
        return writes;
    }

    public RebindReport afterWrites(List<DataverseWriteResult> results, @ExchangeProperty("run") RebindRun run) {
        List<WriteOutcome> outcomes = new ArrayList<>();
        for (DataverseWriteResult result : results) {
            String rowId = run.writes().get(result.index()).rowId();
            String message = result.errorMessage().map(m -> result.errorCode().filter(c -> !c.isBlank())
                    .map(c -> m + " (" + c + ")").orElse(m)).orElse("");
            outcomes.add(switch (result.outcome()) {
                case SUCCEEDED -> WriteOutcome.updated(rowId, result.etag().orElse(null));
                case FAILED -> result.status() == 412 ? WriteOutcome.conflict(rowId, "The row changed after it was read: " + message)
                        : WriteOutcome.failed(rowId, message);
                case ROLLED_BACK -> WriteOutcome.rolledBack(rowId, message);
                case NOT_EXECUTED -> WriteOutcome.failed(rowId, "Not executed: " + message);
            });
        }
        RebindReport report = RebindReport.afterWrites(run.info(), run.plan(), outcomes, clock.instant());
        run.report(report);
        return report;
    }

    /** A run with nothing to write still gets a report. */
    public RebindReport nothingWritten(@ExchangeProperty("run") RebindRun run) {
        return afterWrites(List.of(), run);
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
