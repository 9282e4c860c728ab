package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.dvbridge.store.RunStatus;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** What an export wrote: records per entity, and where. An export that could not finish throws instead. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExportReport(String runId, String environment, String file, Map<String, Long> recordsByEntity, long records,
                           long requests, Instant startedAt, Instant finishedAt) implements JobReport {

    public ExportReport {
        recordsByEntity = Map.copyOf(recordsByEntity);
    }

    @Override
    public String job() {
        return "data-export";
    }

    @Override
    public List<String> environments() {
        return List.of(environment);
    }

    @Override
    public RunStatus status() {
        return RunStatus.SUCCEEDED;
    }

    @Override
    public Map<String, Long> counts() {
        return Map.of("records", records, "requests", requests);
    }

    @Override
    public String summary() {
        StringBuilder out = new StringBuilder();
        recordsByEntity.forEach((entity, count) -> out.append("  ").append(entity).append(": ").append(count).append(" record(s)")
                .append(System.lineSeparator()));
        return out.append("Exported ").append(records).append(" record(s) from ").append(environment).append(" to ").append(file)
                .toString();
    }

    @Override
    public Map<String, String> files() {
        return Map.of("report", RunFiles.REPORT);
    }
}
