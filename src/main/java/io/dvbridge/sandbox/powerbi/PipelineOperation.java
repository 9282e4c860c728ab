package io.dvbridge.sandbox.powerbi;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A deploy operation of a pipeline, as {@code GET pipelines/{id}/operations/{operationId}} reports it.
 *
 * @param steps         the execution plan; empty until the operation starts executing
 * @param failureReason why a Failed operation failed (the sandbox's own words; the wire format has
 *                      only per-step errors, so this is for tests and benchmarks)
 */
public record PipelineOperation(String id, String pipelineId, Status status, int sourceStageOrder, int targetStageOrder,
                                Instant lastUpdated, Optional<Instant> executionStart, Optional<Instant> executionEnd,
                                List<Step> steps, Optional<String> note, DeploymentOptions options, String performedBy,
                                Optional<String> failureReason) {

    public PipelineOperation {
        steps = List.copyOf(steps);
    }

    public enum Status { NotStarted, Executing, Succeeded, Failed }

    /** Whether the deploy may create new items and overwrite paired ones in the target stage. */
    public record DeploymentOptions(boolean allowCreateArtifact, boolean allowOverwriteArtifact) {
    }

    /** One step of the execution plan: deploying one dataset or report. */
    public record Step(int index, ItemKind kind, Status status, DiffState diffState, String sourceId,
                       String sourceDisplayName, Optional<String> targetId, Optional<String> targetDisplayName,
                       Optional<StepError> error) {
    }

    public enum ItemKind {
        DATASET("DatasetDeployment", "dataset"),
        REPORT("ReportDeployment", "report");

        private final String stepType;
        private final String itemType;

        ItemKind(String stepType, String itemType) {
            this.stepType = stepType;
            this.itemType = itemType;
        }

        public String stepType() {
            return stepType;
        }

        public String itemType() {
            return itemType;
        }
    }

    /** Power BI's preDeploymentDiffState. */
    public enum DiffState { New, Different, NoDifference }

    public record StepError(String errorCode, String errorDetails) {
    }

    public boolean finished() {
        return status == Status.Succeeded || status == Status.Failed;
    }

    PipelineOperation executing(Instant now, List<Step> plan) {
        return new PipelineOperation(id, pipelineId, Status.Executing, sourceStageOrder, targetStageOrder, now,
                Optional.of(now), Optional.empty(), plan, note, options, performedBy, Optional.empty());
    }

    PipelineOperation finished(Instant now, Status outcome, List<Step> plan, Optional<String> reason) {
        return new PipelineOperation(id, pipelineId, outcome, sourceStageOrder, targetStageOrder, now,
                executionStart.or(() -> Optional.of(now)), Optional.of(now), plan, note, options, performedBy, reason);
    }
}
