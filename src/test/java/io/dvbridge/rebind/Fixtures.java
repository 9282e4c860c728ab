package io.dvbridge.rebind;

import java.time.Instant;
import java.util.List;

/** Small builders for test worlds. Ids are readable fake GUIDs. */
final class Fixtures {

    static final String SOURCE_WS = "aaaaaaaa-0000-0000-0000-000000000001";
    static final String TARGET_WS = "bbbbbbbb-0000-0000-0000-000000000002";
    static final String REALTIME_WS = "cccccccc-0000-0000-0000-000000000003";
    static final String MANAGED_WS = "dddddddd-0000-0000-0000-000000000004";
    static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private Fixtures() {
    }

    static AnalyticsReportRow row(String id, String name, String workspaceId, String reportId, String datasetId) {
        return new AnalyticsReportRow(id, name, name, workspaceId, reportId, datasetId,
                Feature.HISTORICAL.featureId(), "W/\"" + Math.abs(id.hashCode()) + "\"");
    }

    static AnalyticsReportRow realtimeRow(String id, String name, String workspaceId, String reportId) {
        return new AnalyticsReportRow(id, name, name, workspaceId, reportId, "old-ds",
                Feature.REALTIME.featureId(), "W/\"7\"");
    }

    static PowerBiReport report(String id, String name, String datasetId) {
        return new PowerBiReport(id, name, datasetId, "PowerBIReport");
    }

    static PowerBiReport paginated(String id, String name) {
        return new PowerBiReport(id, name, null, PowerBiReport.PAGINATED);
    }

    static AnalyticsWorkspaceRow workspace(String rowId, String workspaceId, String name, WorkspaceType type, Feature feature) {
        return new AnalyticsWorkspaceRow(rowId, workspaceId, name, type.optionValue(), feature.featureId());
    }

    static TargetWorkspaces historicalTarget() {
        return new TargetWorkspaces(List.of(new WorkspaceChoice(Feature.HISTORICAL, TARGET_WS, "Contoso Analytics",
                "ws-row-1", WorkspaceChoice.Basis.ONLY_CANDIDATE)));
    }

    static RunInfo run(String runId, boolean undo) {
        return undo ? new RunInfo(runId, "test", RunKind.UNDO, List.of(), List.of(), T0, WriteMode.ROW_BY_ROW)
                : RunInfo.rebind(runId, "test", historicalTarget(), T0, WriteMode.ATOMIC);
    }

    /** The report after writes, with the writes batched as the job batches them (at most 1,000 per batch). */
    static RebindReport afterWrites(RunInfo run, WritePlan plan, List<WriteOutcome> writes, Instant finishedAt) {
        return RebindReport.afterWrites(run, plan, batches(run, plan), writes, finishedAt);
    }

    static RebindReport dryRun(RunInfo run, WritePlan plan, Instant finishedAt) {
        return RebindReport.dryRun(run, plan, batches(run, plan), finishedAt);
    }

    static WriteBatches batches(RunInfo run, WritePlan plan) {
        return new WriteBatches(run.mode(), plan.changes().size(), 1000);
    }
}
