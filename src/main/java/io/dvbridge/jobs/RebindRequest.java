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
 * still never a guess between two candidates). Suggested CLI flag: {@code --rebind-mismatched}.
 */
public record RebindRequest(String environment, FeatureSelection feature, List<String> workspaceIds, String pipelineId,
                            Integer stageOrder, boolean dryRun, WriteMode mode, String undoRunId,
                            boolean rebindMismatched) {

    public RebindRequest {
        if (environment == null || environment.isBlank()) {
            throw new IllegalArgumentException("A rebind request must name an environment");
        }
        feature = feature == null ? FeatureSelection.ALL : feature;
        workspaceIds = workspaceIds == null ? List.of() : List.copyOf(workspaceIds);
        mode = mode == null ? WriteMode.ATOMIC : mode;
        if (pipelineId != null && stageOrder == null) {
            throw new IllegalArgumentException("A pipeline needs the stage order of the target stage (--stage)");
        }
    }

    public static RebindRequest of(String environment) {
        return new RebindRequest(environment, FeatureSelection.ALL, List.of(), null, null, false, WriteMode.ATOMIC, null, false);
    }

    public RebindRequest withFeature(FeatureSelection value) {
        return new RebindRequest(environment, value, workspaceIds, pipelineId, stageOrder, dryRun, mode,
                undoRunId, rebindMismatched);
    }

    public RebindRequest withWorkspaces(List<String> value) {
        return new RebindRequest(environment, feature, value, pipelineId, stageOrder, dryRun, mode,
                undoRunId, rebindMismatched);
    }

    public RebindRequest withPipeline(String id, Integer stage) {
        return new RebindRequest(environment, feature, workspaceIds, id, stage, dryRun, mode,
                undoRunId, rebindMismatched);
    }

    public RebindRequest withDryRun(boolean value) {
        return new RebindRequest(environment, feature, workspaceIds, pipelineId, stageOrder, value, mode,
                undoRunId, rebindMismatched);
    }

    public RebindRequest withMode(WriteMode value) {
        return new RebindRequest(environment, feature, workspaceIds, pipelineId, stageOrder, dryRun, value,
                undoRunId, rebindMismatched);
    }

    public RebindRequest withUndo(String runId) {
        return new RebindRequest(environment, feature, workspaceIds, pipelineId, stageOrder, dryRun, mode,
                runId, rebindMismatched);
    }

    public RebindRequest withRebindMismatched(boolean value) {
        return new RebindRequest(environment, feature, workspaceIds, pipelineId, stageOrder, dryRun, mode,
                undoRunId, value);
    }
}
