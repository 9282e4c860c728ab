package io.dvbridge.sandbox.powerbi;

import io.dvbridge.sandbox.powerbi.PipelineOperation.DeploymentOptions;
import io.dvbridge.sandbox.powerbi.PipelineOperation.DiffState;
import io.dvbridge.sandbox.powerbi.PipelineOperation.ItemKind;
import io.dvbridge.sandbox.powerbi.PipelineOperation.Status;
import io.dvbridge.sandbox.powerbi.PipelineOperation.Step;
import io.dvbridge.sandbox.powerbi.PipelineOperation.StepError;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Pairs the items of a source stage with the items of the target stage they were deployed to before
 * (by their source links) and decides, step by step, whether the deployment may create or overwrite them.
 */
final class DeploymentPlanner {

    /** The execution plan and, when a step is not allowed, why the whole deployment fails. */
    record Plan(List<Step> steps, Optional<String> refusal) {
        Plan {
            steps = List.copyOf(steps);
        }
    }

    private DeploymentPlanner() {
    }

    static Plan plan(List<Dataset> sourceDatasets, List<Report> sourceReports, List<Dataset> targetDatasets,
                     List<Report> targetReports, DeploymentOptions options) {
        List<Step> steps = new ArrayList<>();
        Optional<String> refusal = Optional.empty();
        for (Dataset source : sourceDatasets) {
            Optional<Dataset> paired = targetDatasets.stream()
                    .filter(t -> t.sourceDatasetId().filter(source.id()::equals).isPresent()).findFirst();
            Step step = step(steps.size(), ItemKind.DATASET, source.id(), source.name(),
                    paired.map(Dataset::id), paired.map(Dataset::name),
                    paired.map(p -> p.name().equals(source.name()) ? DiffState.NoDifference : DiffState.Different), options);
            refusal = refusal.or(() -> step.error().map(StepError::errorDetails));
            steps.add(step);
        }
        for (Report source : sourceReports) {
            Optional<Report> paired = targetReports.stream()
                    .filter(t -> t.sourceReportId().filter(source.id()::equals).isPresent()).findFirst();
            Step step = step(steps.size(), ItemKind.REPORT, source.id(), source.name(),
                    paired.map(Report::id), paired.map(Report::name),
                    paired.map(p -> sameContent(p, source) ? DiffState.NoDifference : DiffState.Different), options);
            refusal = refusal.or(() -> step.error().map(StepError::errorDetails));
            steps.add(step);
        }
        return new Plan(steps, refusal);
    }

    private static boolean sameContent(Report target, Report source) {
        return target.name().equals(source.name()) && target.type() == source.type()
                && Objects.equals(target.description(), source.description());
    }

    private static Step step(int index, ItemKind kind, String sourceId, String sourceName, Optional<String> targetId,
                             Optional<String> targetName, Optional<DiffState> pairedState, DeploymentOptions options) {
        DiffState state = pairedState.orElse(DiffState.New);
        Optional<StepError> error = Optional.empty();
        if (state == DiffState.New && !options.allowCreateArtifact()) {
            error = Optional.of(new StepError("ArtifactCreationNotAllowed", "The " + kind.itemType() + " '" + sourceName
                    + "' (" + sourceId + ") does not exist in the target stage and options.allowCreateArtifact is false."));
        } else if (state != DiffState.New && !options.allowOverwriteArtifact()) {
            error = Optional.of(new StepError("ArtifactOverwriteNotAllowed", "The " + kind.itemType() + " '" + sourceName
                    + "' (" + sourceId + ") would overwrite " + targetId.orElse("?")
                    + " in the target stage and options.allowOverwriteArtifact is false."));
        }
        return new Step(index, kind, error.isPresent() ? Status.Failed : Status.NotStarted, state, sourceId, sourceName,
                targetId, targetName, error);
    }
}
