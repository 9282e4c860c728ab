package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.dvbridge.store.RunStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The report of a run that ended before its job could write one: refused (another run held the target),
 * invalid once it started (e.g. the run to undo has no journal) or failed (the reason, never a stack trace).
 */
public record FailedRunReport(String runId, String job, List<String> environments, RunStatus status, int exitCode,
                              String summary, Instant startedAt, Instant finishedAt,
                              @JsonIgnore Throwable failure) implements JobReport {

    public FailedRunReport {
        environments = List.copyOf(environments);
    }

    /** What ended the run, for callers in this process (never written: the report keeps only the message). */
    public Optional<Throwable> cause() {
        return Optional.ofNullable(failure);
    }

    @Override
    public Map<String, Long> counts() {
        return Map.of();
    }

    @Override
    public Map<String, String> files() {
        return Map.of("report", RunFiles.REPORT);
    }
}
