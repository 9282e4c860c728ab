package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.dvbridge.cmt.RecordResult;
import io.dvbridge.cmt.ResultCounts;
import io.dvbridge.store.RunStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The run report of an import. Every record's result is in {@code resultsFile} (JSON Lines);
 * {@code failures} repeats the first {@link #MAX_FAILURES_SHOWN} failed ones for people.
 *
 * @param writeRequests $batch requests sent
 * @param queryRequests query requests sent to match records and check lookups
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ImportReport(String runId, String environment, String data, boolean dryRun, ResultCounts results,
                           ResultCounts associations, List<Failure> failures, List<String> notices, String resultsFile, long writeRequests,
                           long queryRequests, Instant startedAt, Instant finishedAt) implements JobReport {

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

    @Override
    public String job() {
        return "data-import";
    }

    @Override
    public List<String> environments() {
        return List.of(environment);
    }

    /** Succeeded when every record and association is created, updated or unchanged; failed when any failed. */
    @Override
    public RunStatus status() {
        return results.failed() > 0 || associations.failed() > 0 ? RunStatus.FAILED : RunStatus.SUCCEEDED;
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("created", (long) results.created());
        counts.put("updated", (long) results.updated());
        counts.put("unchanged", (long) results.unchanged());
        counts.put("failed", (long) results.failed());
        counts.put("associated", (long) associations.created());
        counts.put("alreadyAssociated", (long) associations.unchanged());
        counts.put("associationsFailed", (long) associations.failed());
        counts.put("writeRequests", writeRequests);
        counts.put("queryRequests", queryRequests);
        return counts;
    }

    @Override
    public String summary() {
        return ImportSummary.render(this);
    }

    @Override
    public Map<String, String> files() {
        return Map.of("report", RunFiles.REPORT, "results", "results.jsonl");
    }
}
