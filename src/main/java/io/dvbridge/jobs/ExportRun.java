package io.dvbridge.jobs;

import io.dvbridge.cmt.CmtEntity;
import io.dvbridge.cmt.CmtSchema;
import io.dvbridge.cmt.DataZipWriter;
import io.dvbridge.runs.PendingFile;

import java.io.IOException;

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
    private final PendingFile out;
    private final Progress progress;
    private final Map<String, Long> counts = new LinkedHashMap<>();
    private long total;
    private boolean completed;
    private CmtEntity current;
    private String currentEntitySet = "";
    private long requests;

    ExportRun(DataExportRequest request, String runId, Instant startedAt, CmtSchema schema, DataZipWriter writer, PendingFile out,
              Progress progress) {
        this.request = request;
        this.runId = runId;
        this.startedAt = startedAt;
        this.schema = schema;
        this.writer = writer;
        this.out = out;
        this.progress = progress;
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

    void current(CmtEntity entity, String entitySet) {
        this.current = entity;
        this.currentEntitySet = entitySet;
        counts.putIfAbsent(entity.name(), 0L);
    }

    void counted(int rows) {
        long entityTotal = counts.merge(current.name(), (long) rows, Long::sum);
        total += rows;
        requests++;
        progress.advanced(total, current.name() + ": " + entityTotal);
    }

    /** Finishes data.zip and moves it over the target. */
    void complete() throws IOException {
        writer.close();
        out.commit();
        completed = true;
        progress.finished(total, counts.size() + " table(s)");
    }

    /** After a failure: the unfinished data.zip is deleted and the target keeps what it held. */
    void close() {
        if (completed) {
            return;
        }
        try {
            writer.close();
        } catch (IOException | RuntimeException unfinished) {
            // the file is discarded below; the failure that ended the export is what the caller reports
        } finally {
            out.close();
        }
    }

    long requests() {
        return requests;
    }
}
