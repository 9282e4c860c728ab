package io.dvbridge.sandbox.powerbi;

import io.dvbridge.sandbox.fixture.FixtureException;
import io.dvbridge.sandbox.fixture.PowerBiSpec.PipelineSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.StageSpec;
import io.dvbridge.sandbox.powerbi.PipelineOperation.DeploymentOptions;
import io.dvbridge.sandbox.powerbi.PipelineOperation.ItemKind;
import io.dvbridge.sandbox.powerbi.PipelineOperation.Status;
import io.dvbridge.sandbox.powerbi.PipelineOperation.Step;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Deployment pipelines and their deploy operations. An operation advances one state each time it is
 * polled ({@code GET pipelines/{id}/operations/{operationId}}): NotStarted, then Executing (the plan
 * is shown), then Succeeded or Failed (the copy happens on that poll). Polling, not time, drives it so
 * a test sees every state exactly once and a benchmark pays no artificial wait.
 */
public final class PipelineDeployments {

    /** The live API deploys at most this many items per request. */
    static final int MAX_ITEMS = 300;
    /** The live API lists the 20 most recent operations. */
    static final int LISTED_OPERATIONS = 20;

    private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    private final Map<String, Map<String, PipelineOperation>> operations = new HashMap<>();
    private final PowerBiWorkspaces workspaces;
    private final Clock clock;

    PipelineDeployments(List<PipelineSpec> specs, PowerBiWorkspaces workspaces, Clock clock) {
        this.workspaces = workspaces;
        this.clock = clock;
        for (PipelineSpec spec : specs) {
            String id = PowerBiIds.parse(spec.id()).orElseThrow(() ->
                    new FixtureException("Deployment pipeline '" + spec.displayName() + "' needs a GUID id, was '" + spec.id() + "'"));
            Set<Integer> orders = new HashSet<>();
            List<Pipeline.Stage> stages = new ArrayList<>();
            for (StageSpec stage : spec.stages()) {
                if (!orders.add(stage.order())) {
                    throw new FixtureException("Pipeline " + id + " declares stage " + stage.order() + " twice");
                }
                Optional<String> ws = Optional.ofNullable(stage.workspaceId()).map(w -> workspaces.workspace(w)
                        .orElseThrow(() -> new FixtureException("Stage " + stage.order() + " of pipeline " + id
                                + " names unknown workspace " + w)).id());
                stages.add(new Pipeline.Stage(stage.order(), ws));
            }
            stages.sort(Comparator.comparingInt(Pipeline.Stage::order));
            pipelines.put(id, new Pipeline(id, spec.displayName() == null ? id : spec.displayName(),
                    Optional.ofNullable(spec.description()), stages));
            operations.put(id, new LinkedHashMap<>());
        }
    }

    public List<Pipeline> pipelines() {
        return List.copyOf(pipelines.values());
    }

    public Optional<Pipeline> pipeline(String pipelineId) {
        return PowerBiIds.parse(pipelineId).map(pipelines::get);
    }

    /** Queues a deploy from one stage to the next (or previous, for a backward deployment). */
    synchronized PipelineOperation start(Pipeline pipeline, int sourceStage, int targetStage, DeploymentOptions options,
                                         Optional<String> note, String appId) {
        PipelineOperation operation = new PipelineOperation(PowerBiIds.random(), pipeline.id(), Status.NotStarted,
                sourceStage, targetStage, clock.instant(), Optional.empty(), Optional.empty(), List.of(), note, options,
                appId, Optional.empty());
        operations.get(pipeline.id()).put(operation.id(), operation);
        return operation;
    }

    /** Returns the operation after moving it one state on, which is what a poll does. */
    public synchronized Optional<PipelineOperation> poll(String pipelineId, String operationId) {
        return operation(pipelineId, operationId).map(this::advance);
    }

    /** Polls until the operation has finished (for tests and benchmarks that do not care about the states). */
    public synchronized Optional<PipelineOperation> runToCompletion(String pipelineId, String operationId) {
        Optional<PipelineOperation> current = operation(pipelineId, operationId);
        while (current.isPresent() && !current.get().finished()) {
            current = Optional.of(advance(current.get()));
        }
        return current;
    }

    /** The operation as it stands, without advancing it. */
    public synchronized Optional<PipelineOperation> operation(String pipelineId, String operationId) {
        return PowerBiIds.parse(pipelineId).map(operations::get)
                .flatMap(ops -> PowerBiIds.parse(operationId).map(ops::get));
    }

    /** The most recent operations first, as many as the live API lists. */
    public synchronized List<PipelineOperation> operations(String pipelineId) {
        List<PipelineOperation> all = new ArrayList<>(PowerBiIds.parse(pipelineId).map(operations::get)
                .map(Map::values).orElse(List.of()));
        Collections.reverse(all);
        return List.copyOf(all.subList(0, Math.min(LISTED_OPERATIONS, all.size())));
    }

    private PipelineOperation advance(PipelineOperation operation) {
        PipelineOperation next = switch (operation.status()) {
            case NotStarted -> operation.executing(clock.instant(), preview(operation));
            case Executing -> execute(operation);
            case Succeeded, Failed -> operation;
        };
        operations.get(operation.pipelineId()).put(next.id(), next);
        return next;
    }

    private List<Step> preview(PipelineOperation operation) {
        return workspaces.exclusively(() -> {
            Pipeline pipeline = pipelines.get(operation.pipelineId());
            Optional<String> source = pipeline.stage(operation.sourceStageOrder()).flatMap(Pipeline.Stage::workspaceId);
            Optional<String> target = pipeline.stage(operation.targetStageOrder()).flatMap(Pipeline.Stage::workspaceId);
            if (source.isEmpty() || target.isEmpty()) {
                return List.of();
            }
            return DeploymentPlanner.plan(workspaces.datasets(source.get()), workspaces.reports(source.get()),
                    workspaces.datasets(target.get()), workspaces.reports(target.get()), operation.options()).steps();
        });
    }

    private PipelineOperation execute(PipelineOperation operation) {
        Instant now = clock.instant();
        Pipeline pipeline = pipelines.get(operation.pipelineId());
        Optional<String> source = pipeline.stage(operation.sourceStageOrder()).flatMap(Pipeline.Stage::workspaceId);
        Optional<String> target = pipeline.stage(operation.targetStageOrder()).flatMap(Pipeline.Stage::workspaceId);
        if (source.isEmpty()) {
            return failed(operation, now, List.of(), "Stage " + operation.sourceStageOrder() + " has no workspace assigned");
        }
        if (target.isEmpty()) {
            return failed(operation, now, List.of(), "Stage " + operation.targetStageOrder()
                    + " has no workspace assigned and the request did not ask for a new one");
        }
        return workspaces.exclusively(() -> {
            List<Dataset> sourceDatasets = workspaces.datasets(source.get());
            List<Report> sourceReports = workspaces.reports(source.get());
            int items = sourceDatasets.size() + sourceReports.size();
            if (items > MAX_ITEMS) {
                return failed(operation, now, List.of(), "Stage " + operation.sourceStageOrder() + " holds " + items
                        + " items; a deployment may deploy at most " + MAX_ITEMS);
            }
            DeploymentPlanner.Plan plan = DeploymentPlanner.plan(sourceDatasets, sourceReports,
                    workspaces.datasets(target.get()), workspaces.reports(target.get()), operation.options());
            if (plan.refusal().isPresent()) {
                return failed(operation, now, plan.steps(), plan.refusal().get());
            }
            List<Step> done = copy(plan.steps(), sourceDatasets, sourceReports, target.get(), now);
            return operation.finished(now, Status.Succeeded, done, Optional.empty());
        });
    }

    private static PipelineOperation failed(PipelineOperation operation, Instant now, List<Step> steps, String reason) {
        return operation.finished(now, Status.Failed, steps, Optional.of(reason));
    }

    /** Creates or overwrites the target items, datasets first so that reports bind to the deployed copies. */
    private List<Step> copy(List<Step> steps, List<Dataset> sourceDatasets, List<Report> sourceReports, String targetWs,
                            Instant now) {
        Map<String, String> deployedDataset = new HashMap<>();
        List<Step> done = new ArrayList<>();
        for (Step step : steps) {
            if (step.kind() != ItemKind.DATASET) {
                continue;
            }
            Dataset source = sourceDatasets.stream().filter(d -> d.id().equals(step.sourceId())).findFirst().orElseThrow();
            String id = step.targetId().orElseGet(() -> freshId(targetWs, source.id(), true));
            Instant created = step.targetId().flatMap(t -> workspaces.dataset(targetWs, t)).map(Dataset::createdDate).orElse(now);
            workspaces.putDataset(new Dataset(id, targetWs, source.name(), source.configuredBy(), source.refreshable(),
                    created, Optional.of(source.id()), Optional.of(now)));
            deployedDataset.put(source.id(), id);
            done.add(succeeded(step, id, source.name()));
        }
        for (Step step : steps) {
            if (step.kind() != ItemKind.REPORT) {
                continue;
            }
            Report source = sourceReports.stream().filter(r -> r.id().equals(step.sourceId())).findFirst().orElseThrow();
            String id = step.targetId().orElseGet(() -> freshId(targetWs, source.id(), false));
            // A report bound to a dataset outside the source stage keeps that binding, as a live deployment does.
            Optional<String> datasetId = source.datasetId().map(d -> deployedDataset.getOrDefault(d, d));
            Optional<String> datasetWs = datasetId.map(d -> deployedDataset.containsValue(d) ? targetWs
                    : source.datasetWorkspaceId().orElse(source.workspaceId()));
            workspaces.putReport(new Report(id, targetWs, source.name(), source.type(), datasetId, datasetWs,
                    source.description(), Optional.of(source.id()), Optional.of(now)));
            done.add(succeeded(step, id, source.name()));
        }
        done.sort(Comparator.comparingInt(Step::index));
        return done;
    }

    private String freshId(String targetWs, String sourceId, boolean dataset) {
        String derived = PowerBiIds.derived(targetWs, "deployed", sourceId);
        boolean taken = dataset ? workspaces.dataset(derived).isPresent() : workspaces.report(targetWs, derived).isPresent();
        return taken ? PowerBiIds.random() : derived;
    }

    private static Step succeeded(Step step, String targetId, String targetName) {
        return new Step(step.index(), step.kind(), Status.Succeeded, step.diffState(), step.sourceId(),
                step.sourceDisplayName(), Optional.of(targetId), Optional.of(targetName), Optional.empty());
    }
}
