package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.store.RunStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One report for the whole move: a section per step (export, import, rebind). A step that failed is
 * named with its reason and the steps after it did not run. The step sections are absent from the
 * JSON (null here) when the step did not run; read them through {@link #exportSection()} and friends.
 */
@JsonIgnoreProperties(value = {"failedStep", "exportSection", "importSection", "rebindSection"}, allowGetters = true,
        ignoreUnknown = true)
public record MigrateReport(String runId, String from, String to, boolean dryRun, List<Step> steps,
                            @JsonInclude(JsonInclude.Include.NON_NULL) ExportReport export,
                            @JsonInclude(JsonInclude.Include.NON_NULL) ImportReport dataImport,
                            @JsonInclude(JsonInclude.Include.NON_NULL) RebindReport rebind,
                            Instant startedAt, Instant finishedAt) implements JobReport {

    public enum StepStatus { DONE, FAILED, NOT_RUN }

    /** One step: what happened, in a sentence. */
    public record Step(String name, StepStatus status, String summary) {
    }

    public MigrateReport {
        steps = List.copyOf(steps);
    }

    public Optional<ExportReport> exportSection() {
        return Optional.ofNullable(export);
    }

    public Optional<ImportReport> importSection() {
        return Optional.ofNullable(dataImport);
    }

    public Optional<RebindReport> rebindSection() {
        return Optional.ofNullable(rebind);
    }

    /** The first step that failed, if any. */
    public Optional<Step> failedStep() {
        return steps.stream().filter(s -> s.status() == StepStatus.FAILED).findFirst();
    }

    @Override
    public String job() {
        return "migrate";
    }

    @Override
    public List<String> environments() {
        return List.of(from, to);
    }

    /** Failed when a step failed; otherwise as the rebind ended (rows needing attention). */
    @Override
    public RunStatus status() {
        if (failedStep().isPresent()) {
            return RunStatus.FAILED;
        }
        return rebindSection().map(r -> RebindJobReport.statusOf(r)).orElse(RunStatus.SUCCEEDED);
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        exportSection().ifPresent(e -> counts.put("exported", e.records()));
        importSection().ifPresent(i -> i.counts().forEach((k, v) -> counts.put("import." + k, v)));
        rebindSection().ifPresent(r -> new RebindJobReport(r).counts().forEach((k, v) -> counts.put("rebind." + k, v)));
        return counts;
    }

    @Override
    public String summary() {
        StringBuilder out = new StringBuilder((dryRun ? "Dry run of the move " : "Move ") + from + " -> " + to + " (run " + runId + ")");
        for (Step step : steps) {
            out.append(System.lineSeparator()).append("  ").append(step.name()).append(": ").append(step.status()).append(" - ")
                    .append(step.summary());
        }
        importSection().ifPresent(i -> out.append(System.lineSeparator()).append(i.summary()));
        rebindSection().ifPresent(r -> out.append(System.lineSeparator()).append(new RebindJobReport(r).summary()));
        failedStep().ifPresent(s -> out.append(System.lineSeparator()).append("Stopped at step '").append(s.name()).append("': ")
                .append(s.summary()));
        return out.toString();
    }

    @Override
    public Map<String, String> files() {
        return Map.of("report", RunFiles.REPORT, "data", "data.zip");
    }
}
