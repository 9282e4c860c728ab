package io.dvbridge.triggers;

import io.dvbridge.store.RunRecord;
import io.dvbridge.store.RunStatus;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A run as the API shows it: its record, and while it runs its progress with the rate so far and the time
 * it should still take. Links are relative to the API, never server paths.
 */
public record RunView(String runId, String job, RunStatus status, List<String> environments, boolean dryRun, String trigger,
                      String caller, Instant createdAt, Instant startedAt, Instant finishedAt, Integer exitCode, String summary,
                      Progress progress, Map<String, String> links) {

    /** Done of total (total 0: unknown), rows or records per second so far, and the estimated time left. */
    public record Progress(long done, long total, Double ratePerSecond, Long etaSeconds) {
    }

    public static RunView of(RunRecord run, Instant now) {
        Double rate = null;
        Long eta = null;
        if (run.startedAt().isPresent() && run.done() > 0) {
            Instant end = run.finishedAt().orElse(now);
            double seconds = Math.max(0.001, Duration.between(run.startedAt().get(), end).toMillis() / 1000.0);
            rate = Math.round(run.done() / seconds * 10) / 10.0;
            if (!run.status().finished() && run.total() > run.done()) {
                eta = Math.round((run.total() - run.done()) / (run.done() / seconds));
            }
        }
        return new RunView(run.runId(), run.job(), run.status(), run.environments(), run.dryRun(), run.trigger(), run.caller(),
                run.createdAt(), run.startedAt().orElse(null), run.finishedAt().orElse(null), run.exitCode().orElse(null),
                run.summary(), new Progress(run.done(), run.total(), rate, eta),
                Map.of("self", "/api/runs/" + run.runId(), "report", "/api/runs/" + run.runId() + "/report"));
    }
}
