package io.dvbridge.jobs;

import io.dvbridge.rebind.FeatureSelection;
import io.dvbridge.rebind.WriteMode;

import java.util.List;

/**
 * What a caller (CLI, REST, queue, schedule) asks of the rebind job. It names an environment, never
 * a URL. {@code pipelineId}/{@code stageOrder} name a deployment pipeline stage whose artifact map
 * links source reports to target reports; {@code undoRunId} turns the request into an undo of that run.
 *
 * <p>{@code rebindMismatched}: a row whose report id is already a report of the target workspace, but a report
 * whose name is not the row's, is reported MISMATCHED (needs attention, nothing written) by default; when true,
 * such rows are rebound by the name rule instead (exact name, then ignoring case, spacing and Unicode form;
 * still never a guess between two candidates).
 */
@JobSpec(name = "rebind", title = "Point analytics report rows at the right Power BI reports",
        description = {
                "Rebind msdyn_dataanalyticsreports rows to the Power BI reports of the environment's own workspace,",
                "after analytics configuration was moved between environments.",
                "Matches by deployment pipeline artifact when --pipeline is given (rows the artifact map does not link",
                "fall back to names), else by report name (exact, then ignoring case, spacing and Unicode form); never",
                "guesses between two candidates. Every real run records an undo journal; --undo <run-id> restores what",
                "that run changed."},
        exitCodes = {"0:every row is done (updated, already correct, or planned in a dry run)",
                "1:a write failed or was rolled back, or the run could not complete",
                "2:finished, but some rows need attention (ambiguous, unmatched, mismatched, changed meanwhile)"})
public record RebindRequest(
        @Param(description = "Configured environment whose report rows to fix (e.g. contoso-prod)", required = true,
                cli = {"-e", "--environment"}, label = "NAME", kind = ParamKind.WRITES_ENVIRONMENT)
        String environment,
        @Param(description = "Which analytics feature's reports", defaultValue = "all", label = "historical|realtime|all")
        FeatureSelection feature,
        @Param(description = "Target Power BI workspace id, when Dataverse records several (one per feature)",
                cli = "--workspace", label = "ID", pattern = Patterns.GUID, patternName = "a GUID")
        List<String> workspaceIds,
        @Param(description = "Deployment pipeline whose artifact map links old reports to new ones", cli = "--pipeline",
                label = "ID", pattern = Patterns.GUID, patternName = "a GUID")
        String pipelineId,
        @Param(description = "The pipeline's target stage order (0 development, 1 test, 2 production)", cli = "--stage",
                label = "N", min = 0, max = 2)
        Integer stageOrder,
        @Param(description = "Plan and report every row; write nothing")
        boolean dryRun,
        @Param(description = "Each row stands or falls alone (default: atomic changesets of at most 1,000 rows, each all or nothing)")
        boolean rowByRow,
        @Param(description = "Restore the values this earlier run replaced (checked against each row's version)",
                cli = "--undo", label = "RUN-ID", pattern = Patterns.RUN_ID, patternName = "a run id such as rebind-20261122-010203-4f2a9c")
        String undoRunId,
        @Param(description = "Also rebind, by the name rule, rows bound to a report of the target workspace whose name is not"
                + " theirs (by default they are reported MISMATCHED and left alone)")
        boolean rebindMismatched) {

    public RebindRequest {
        if (environment == null || environment.isBlank()) {
            throw new InvalidRequestException("environment", "A rebind request must name an environment");
        }
        feature = feature == null ? FeatureSelection.ALL : feature;
        workspaceIds = workspaceIds == null ? List.of() : List.copyOf(workspaceIds);
        if (pipelineId != null && stageOrder == null) {
            throw new InvalidRequestException("stageOrder", "A pipeline needs the stage order of the target stage (--stage, 0 to 2)");
        }
    }

    public static RebindRequest of(String environment) {
        return new RebindRequest(environment, FeatureSelection.ALL, List.of(), null, null, false, false, null, false);
    }

    /** How the planned writes are sent. */
    public WriteMode mode() {
        return rowByRow ? WriteMode.ROW_BY_ROW : WriteMode.ATOMIC;
    }

    public RebindRequest withFeature(FeatureSelection value) {
        return new RebindRequest(environment, value, workspaceIds, pipelineId, stageOrder, dryRun, rowByRow,
                undoRunId, rebindMismatched);
    }

    public RebindRequest withWorkspaces(List<String> value) {
        return new RebindRequest(environment, feature, value, pipelineId, stageOrder, dryRun, rowByRow,
                undoRunId, rebindMismatched);
    }

    public RebindRequest withPipeline(String id, Integer stage) {
        return new RebindRequest(environment, feature, workspaceIds, id, stage, dryRun, rowByRow,
                undoRunId, rebindMismatched);
    }

    public RebindRequest withDryRun(boolean value) {
        return new RebindRequest(environment, feature, workspaceIds, pipelineId, stageOrder, value, rowByRow,
                undoRunId, rebindMismatched);
    }

    public RebindRequest withMode(WriteMode value) {
        return new RebindRequest(environment, feature, workspaceIds, pipelineId, stageOrder, dryRun, value == WriteMode.ROW_BY_ROW,
                undoRunId, rebindMismatched);
    }

    public RebindRequest withUndo(String runId) {
        return new RebindRequest(environment, feature, workspaceIds, pipelineId, stageOrder, dryRun, rowByRow,
                runId, rebindMismatched);
    }

    public RebindRequest withRebindMismatched(boolean value) {
        return new RebindRequest(environment, feature, workspaceIds, pipelineId, stageOrder, dryRun, rowByRow,
                undoRunId, value);
    }
}
