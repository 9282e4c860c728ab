package io.dvbridge.jobs;

import io.dvbridge.cmt.CmtEntity;
import io.dvbridge.cmt.CmtRelationship;
import io.dvbridge.cmt.CmtSchema;
import io.dvbridge.cmt.DataZipWriter;
import io.dvbridge.runs.PendingFile;

import java.io.IOException;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

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
    private Set<String> zonelessColumns = Set.of();
    private long requests;
    /** Ids of the current entity's exported records, kept only when it has many-to-many relationships to export. */
    private final List<String> exportedIds = new ArrayList<>();

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

    /** Whether the current entity has many-to-many relationships in the schema, whose associations are exported after its records. */
    public boolean isCurrentManyToMany() {
        return current != null && current.relationships().stream().anyMatch(CmtRelationship::manyToMany);
    }

    CmtEntity current() {
        return current;
    }

    List<String> exportedIds() {
        return exportedIds;
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

    void current(CmtEntity entity, String entitySet, Set<String> zonelessColumns) {
        this.current = entity;
        this.currentEntitySet = entitySet;
        this.zonelessColumns = Set.copyOf(zonelessColumns);
        exportedIds.clear();
        counts.putIfAbsent(entity.name(), 0L);
    }

    /** Keeps the ids of exported rows when their associations follow. */
    void exported(List<Map<String, Object>> rows) {
        if (isCurrentManyToMany()) {
            rows.forEach(r -> exportedIds.add(String.valueOf(r.get(current.primaryIdField())).toLowerCase(Locale.ROOT)));
        }
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

    /**
     * The row with the current entity's date-only and time-zone-independent values without their zone:
     * the Web API writes {@code 2026-05-01T08:15:00Z} for a time-zone-independent date, the tool
     * {@code 2026-05-01T08:15:00.0000000} (a date-only value already comes as {@code 2026-04-01}).
     */
    Map<String, Object> withoutZones(Map<String, Object> row) {
        if (zonelessColumns.stream().noneMatch(c -> row.get(c) instanceof String)) {
            return row;
        }
        Map<String, Object> copy = new LinkedHashMap<>(row);
        for (String column : zonelessColumns) {
            if (copy.get(column) instanceof String text && text.endsWith("Z")) {
                copy.put(column, LocalDateTime.ofInstant(Instant.parse(text), ZoneOffset.UTC));
            }
        }
        return copy;
    }
}
