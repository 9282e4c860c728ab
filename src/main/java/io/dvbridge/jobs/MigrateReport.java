package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dvbridge.rebind.ExitCodes;
import io.dvbridge.rebind.RebindReport;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One report for the whole move: a section per step (export, import, rebind). A step that failed is
 * named with its reason and the steps after it did not run. The step sections are absent from the
 * JSON (null here) when the step did not run; read them through {@link #exportSection()} and friends.
 */
@JsonIgnoreProperties(value = {"exitCode", "failedStep", "exportSection", "importSection", "rebindSection"}, allowGetters = true)
public record MigrateReport(String runId, String from, String to, boolean dryRun, List<Step> steps,
                            @JsonInclude(JsonInclude.Include.NON_NULL) ExportReport export,
                            @JsonInclude(JsonInclude.Include.NON_NULL) ImportReport dataImport,
                            @JsonInclude(JsonInclude.Include.NON_NULL) RebindReport rebind,
                            Instant startedAt, Instant finishedAt) {

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

    /** 1 when a step failed; otherwise the rebind's code (2 when report rows need attention). */
    @JsonProperty("exitCode")
    public int exitCode() {
        if (failedStep().isPresent()) {
            return ExitCodes.FAILED;
        }
        return rebindSection().map(RebindReport::exitCode).orElse(ExitCodes.SUCCESS);
    }
}
