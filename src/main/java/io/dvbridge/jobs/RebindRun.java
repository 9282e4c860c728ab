package io.dvbridge.jobs;

import io.dvbridge.rebind.AnalyticsReportRow;
import io.dvbridge.rebind.Feature;
import io.dvbridge.rebind.PipelineArtifact;
import io.dvbridge.rebind.PlannedChange;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.rebind.RunInfo;
import io.dvbridge.rebind.TargetWorkspaces;
import io.dvbridge.rebind.UndoJournal;
import io.dvbridge.rebind.WorkspaceReports;
import io.dvbridge.rebind.WriteBatches;
import io.dvbridge.rebind.WriteMode;
import io.dvbridge.rebind.WriteOutcome;
import io.dvbridge.rebind.WritePlan;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The state of one rebind (or undo) run as it moves through the route, kept in the exchange property
 * {@code run}. Getters are JavaBean-style so the route's simple expressions can read them.
 */
public final class RebindRun {

    private final RebindRequest request;
    private final String runId;
    private final Instant startedAt;
    private TargetWorkspaces targets;
    private UndoJournal undoneJournal;
    private List<AnalyticsReportRow> reportRows = List.of();
    private List<WorkspaceReports> powerBiReports = List.of();
    private List<PipelineArtifact> pipelineArtifacts = List.of();
    private WritePlan plan;
    private WriteBatches batches;
    private List<List<PlannedChange>> batchedWrites = List.of();
    private final Map<String, WriteOutcome> outcomes = new LinkedHashMap<>();
    private String stopReason;
    private Progress progress;
    private RebindReport report;

    RebindRun(RebindRequest request, String runId, Instant startedAt) {
        this.request = request;
        this.runId = runId;
        this.startedAt = startedAt;
    }

    public RebindRequest getRequest() {
        return request;
    }

    public String getEnvironment() {
        return request.environment();
    }

    public String getRunId() {
        return runId;
    }

    public boolean isDryRun() {
        return request.dryRun();
    }

    public boolean isUndo() {
        return request.undoRunId() != null;
    }

    public boolean isAtomic() {
        return request.mode() == WriteMode.ATOMIC;
    }

    public boolean isPipelineConfigured() {
        return request.pipelineId() != null;
    }

    public String getPipelineId() {
        return request.pipelineId();
    }

    public Integer getStageOrder() {
        return request.stageOrder();
    }

    /** The features whose report rows the run reads. */
    public List<String> getFeatureIds() {
        List<Feature> features = undoneJournal != null
                ? undoneJournal.entries().stream().map(UndoJournal.Entry::feature).filter(java.util.Objects::nonNull).distinct().toList()
                : request.feature().features();
        return features.stream().map(Feature::featureId).toList();
    }

    public List<String> getTargetWorkspaceIds() {
        return targets == null ? List.of() : targets.workspaceIds();
    }

    Instant startedAt() {
        return startedAt;
    }

    TargetWorkspaces targets() {
        return targets;
    }

    void targets(TargetWorkspaces value) {
        this.targets = value;
    }

    UndoJournal undoneJournal() {
        return undoneJournal;
    }

    void undoneJournal(UndoJournal value) {
        this.undoneJournal = value;
    }

    List<AnalyticsReportRow> reportRows() {
        return reportRows;
    }

    void reportRows(List<AnalyticsReportRow> value) {
        this.reportRows = List.copyOf(value);
    }

    List<WorkspaceReports> powerBiReports() {
        return powerBiReports;
    }

    void powerBiReports(List<WorkspaceReports> value) {
        this.powerBiReports = List.copyOf(value);
    }

    List<PipelineArtifact> pipelineArtifacts() {
        return pipelineArtifacts;
    }

    void pipelineArtifacts(List<PipelineArtifact> value) {
        this.pipelineArtifacts = List.copyOf(value);
    }

    /** False once a {@code $batch} request failed as a whole: the batches after it are not sent. */
    public boolean isSending() {
        return stopReason == null;
    }

    WritePlan plan() {
        return plan;
    }

    WriteBatches batches() {
        return batches;
    }

    void plan(WritePlan value, WriteBatches cutInto) {
        this.plan = value;
        this.batches = cutInto;
        this.batchedWrites = cutInto.split(value.changes());
    }

    /** The planned writes, cut into the batches that carry them: what the route's split sends one by one. */
    public List<List<PlannedChange>> getBatchedWrites() {
        return batchedWrites;
    }

    /** Every row's first outcome counts: a batch that failed halfway keeps the answers it already gave. */
    void record(WriteOutcome outcome) {
        outcomes.putIfAbsent(outcome.rowId(), outcome);
    }

    boolean answered(String rowId) {
        return outcomes.containsKey(rowId);
    }

    List<WriteOutcome> outcomes() {
        return List.copyOf(outcomes.values());
    }

    int answeredCount() {
        return outcomes.size();
    }

    Optional<String> stopReason() {
        return Optional.ofNullable(stopReason);
    }

    void stop(String reason) {
        this.stopReason = reason;
    }

    Progress progress() {
        return progress;
    }

    void progress(Progress value) {
        this.progress = value;
    }

    RunInfo info() {
        return isUndo() ? RunInfo.undo(runId, undoneJournal, startedAt, request.mode())
                : RunInfo.rebind(runId, request.environment(), targets, startedAt, request.mode());
    }

    public RebindReport getReport() {
        return report;
    }

    void report(RebindReport value) {
        this.report = value;
    }
}
