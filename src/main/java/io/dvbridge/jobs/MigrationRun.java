package io.dvbridge.jobs;

import io.dvbridge.rebind.RebindReport;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The state of one {@code migrate} run, kept in the exchange property {@code migration}. */
public final class MigrationRun {

    private final MigrateRequest request;
    private final String runId;
    private final Instant startedAt;
    private final Path dataZip;
    private final List<MigrateReport.Step> steps = new ArrayList<>();
    private ExportReport export;
    private ImportReport dataImport;
    private RebindReport rebind;
    private String running = "";

    MigrationRun(MigrateRequest request, String runId, Instant startedAt, Path dataZip) {
        this.request = request;
        this.runId = runId;
        this.startedAt = startedAt;
        this.dataZip = dataZip;
    }

    /** False once a step failed: the steps after it do not run. */
    public boolean isContinuing() {
        return steps.stream().noneMatch(s -> s.status() == MigrateReport.StepStatus.FAILED);
    }

    public String getRunId() {
        return runId;
    }

    MigrateRequest request() {
        return request;
    }

    Path dataZip() {
        return dataZip;
    }

    void running(String step) {
        this.running = step;
    }

    String running() {
        return running;
    }

    void done(String step, String summary) {
        steps.add(new MigrateReport.Step(step, MigrateReport.StepStatus.DONE, summary));
    }

    void failed(String step, String reason) {
        steps.add(new MigrateReport.Step(step, MigrateReport.StepStatus.FAILED, reason));
    }

    void export(ExportReport value) {
        this.export = value;
    }

    void dataImport(ImportReport value) {
        this.dataImport = value;
    }

    void rebind(RebindReport value) {
        this.rebind = value;
    }

    MigrateReport report(Instant finishedAt) {
        List<MigrateReport.Step> all = new ArrayList<>(steps);
        for (String name : List.of("export", "import", "rebind")) {
            if (all.stream().noneMatch(s -> s.name().equals(name))) {
                all.add(new MigrateReport.Step(name, MigrateReport.StepStatus.NOT_RUN, "not run: an earlier step failed"));
            }
        }
        return new MigrateReport(runId, request.from(), request.to(), request.dryRun(), all, export,
                dataImport, rebind, startedAt, finishedAt);
    }
}
