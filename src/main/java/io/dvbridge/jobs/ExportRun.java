package io.dvbridge.jobs;

import io.dvbridge.cmt.CmtEntity;
import io.dvbridge.cmt.CmtSchema;
import io.dvbridge.cmt.DataZipWriter;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The state of one export in routes/config-migration.camel.yaml, kept in the exchange property {@code exportRun}. */
public final class ExportRun {

    private final DataExportRequest request;
    private final String runId;
    private final Instant startedAt;
    private final CmtSchema schema;
    private final DataZipWriter writer;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private CmtEntity current;
    private String currentEntitySet = "";
    private long requests;

    ExportRun(DataExportRequest request, String runId, Instant startedAt, CmtSchema schema, DataZipWriter writer) {
        this.request = request;
        this.runId = runId;
        this.startedAt = startedAt;
        this.schema = schema;
        this.writer = writer;
    }

    public String getEnvironment() {
        return request.environment();
    }

    public String getRunId() {
        return runId;
    }

    /** The schema's entities, in schema order (the order data.xml lists them). */
    public List<CmtEntity> getEntities() {
        return schema.entities();
    }

    public String getCurrentEntitySet() {
        return currentEntitySet;
    }

    DataExportRequest request() {
        return request;
    }

    Instant startedAt() {
        return startedAt;
    }

    DataZipWriter writer() {
        return writer;
    }

    Map<String, Long> counts() {
        return counts;
    }

    CmtEntity current() {
        return current;
    }

    void current(CmtEntity entity, String entitySet) {
        this.current = entity;
        this.currentEntitySet = entitySet;
        counts.putIfAbsent(entity.name(), 0L);
    }

    void counted(int rows) {
        counts.merge(current.name(), (long) rows, Long::sum);
        requests++;
    }

    long requests() {
        return requests;
    }
}
