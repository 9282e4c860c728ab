package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dvbridge.cmt.RecordResult;
import io.dvbridge.cmt.ResultCounts;
import io.dvbridge.rebind.ExitCodes;

import java.time.Instant;
import java.util.List;

/**
 * The run report of an import. Every record's result is in {@code resultsFile} (JSON Lines);
 * {@code failures} repeats the first {@link #MAX_FAILURES_SHOWN} failed ones for people.
 *
 * @param writeRequests $batch requests sent
 * @param queryRequests query requests sent to match records and check lookups
 */
@JsonIgnoreProperties(value = {"exitCode"}, allowGetters = true)
public record ImportReport(String runId, String environment, String data, boolean dryRun, ResultCounts counts,
                           List<Failure> failures, List<String> notices, String resultsFile, long writeRequests,
                           long queryRequests, Instant startedAt, Instant finishedAt) {

    public static final int MAX_FAILURES_SHOWN = 100;

    /** A failed record, as the results file has it. */
    public record Failure(String entity, String recordId, String message) {
        static Failure of(RecordResult result) {
            return new Failure(result.entity(), result.recordId(), result.message());
        }
    }

    public ImportReport {
        failures = List.copyOf(failures);
        notices = List.copyOf(notices);
    }

    /** 0 when every record is created, updated or unchanged; 1 when any failed. */
    @JsonProperty("exitCode")
    public int exitCode() {
        return counts.failed() > 0 ? ExitCodes.FAILED : ExitCodes.SUCCESS;
    }
}
