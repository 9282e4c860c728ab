package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.dvbridge.store.RunStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What every job's report says, whatever else it holds: the run, the job, the environments, how it ended
 * (status and exit code), counts, when, a summary for people, and the files it left. Triggers, the run
 * store and the runs API read reports through this type only.
 */
public interface JobReport {

    @JsonProperty("runId")
    String runId();

    @JsonProperty("job")
    String job();

    @JsonProperty("environments")
    List<String> environments();

    @JsonProperty("status")
    RunStatus status();

    @JsonProperty("exitCode")
    default int exitCode() {
        return ExitCodes.of(status());
    }

    /** Named counts, e.g. {@code updated: 9, unmatched: 2}. */
    @JsonProperty("counts")
    Map<String, Long> counts();

    @JsonProperty("startedAt")
    Instant startedAt();

    @JsonProperty("finishedAt")
    Instant finishedAt();

    /** For people: a few lines, no colour. */
    @JsonProperty("summary")
    String summary();

    /** The run's files by role, as names in the run's folder (e.g. {@code report: report.json}). */
    @JsonProperty("files")
    Map<String, String> files();
}
