package io.dvbridge.jobs;

import java.time.Instant;
import java.util.Map;

/** What an export wrote: records per entity, and where. */
public record ExportReport(String runId, String environment, String file, Map<String, Long> recordsByEntity, long records,
                           long requests, Instant startedAt, Instant finishedAt) {

    public ExportReport {
        recordsByEntity = Map.copyOf(recordsByEntity);
    }
}
