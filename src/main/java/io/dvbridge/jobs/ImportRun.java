package io.dvbridge.jobs;

import io.dvbridge.cmt.CmtEntity;
import io.dvbridge.cmt.CmtField;
import io.dvbridge.cmt.CmtFieldType;
import io.dvbridge.cmt.ImportChunks;
import io.dvbridge.cmt.ImportOutcomes;
import io.dvbridge.cmt.ImportPlan;
import io.dvbridge.cmt.PlannedWrite;
import io.dvbridge.cmt.RecordResult;
import io.dvbridge.cmt.ResultCounts;
import io.dvbridge.cmt.StreamingImport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one import in routes/config-migration.camel.yaml, kept in the exchange property
 * {@code importRun}: the chunk reader, the chunk being worked on, the pass being written, running
 * counts and the open results file. Getters are JavaBean-style for the route's simple expressions.
 */
public final class ImportRun {

    /** Progress of long imports, one line per chunk, on the log (stderr), never on the report's stdout. */
    private static final org.slf4j.Logger PROGRESS = org.slf4j.LoggerFactory.getLogger("io.dvbridge.progress");

    private final DataImportRequest request;
    private final String runId;
    private final Instant startedAt;
    private final ImportChunks chunks;
    private final MetadataNames names = new MetadataNames();
    private final Path resultsPath;
    private final Writer results;
    private final List<ImportReport.Failure> failures = new ArrayList<>();
    private final AtomicLong writeRequests = new AtomicLong();
    private final AtomicLong queryRequests = new AtomicLong();
    private StreamingImport streaming;
    private ResultCounts counts = new ResultCounts(0, 0, 0, 0);
    /** Targets of deferred lookups found in the last pass, by table (query answers arrive in parallel). */
    private final Map<String, Set<String>> deferredExisting = new java.util.concurrent.ConcurrentHashMap<>();
    private StreamingImport.ChunkWork work;
    private boolean hasChunk;
    private boolean deferredPhase;
    private ImportPlan plan;
    private ImportOutcomes outcomes;
    private int pass;
    private List<List<PlannedWrite>> groups = List.of();
    private final Set<String> failedInChunk = new HashSet<>();
    private boolean closed;
    private final Map<String, String> lookupMap;

    ImportRun(DataImportRequest request, String runId, Instant startedAt, ImportChunks chunks, Path resultsPath, Writer results,
              Map<String, String> lookupMap) {
        this.lookupMap = Map.copyOf(lookupMap);
        this.request = request;
        this.runId = runId;
        this.startedAt = startedAt;
        this.chunks = chunks;
        this.resultsPath = resultsPath;
        this.results = results;
    }

    public String getEnvironment() {
        return request.environment();
    }

    public String getRunId() {
        return runId;
    }

    public boolean isDryRun() {
        return request.dryRun();
    }

    public boolean isHasChunk() {
        return hasChunk;
    }

    public boolean isDeferredPhase() {
        return deferredPhase;
    }

    /** Whether a pass of the current chunk (or of the deferred lookups) still has writes to send. */
    public boolean isWritesPending() {
        if (request.dryRun() || plan == null) {
            return false;
        }
        for (int p = pass + 1; p <= 3; p++) {
            if (!plan.writes(p).isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tables whose metadata the import needs: the schema's and every lookup target, including those an
     * owner or customer field points to when the schema names no lookupType (every Dataverse environment
     * has them).
     */
    public List<String> getMetadataTables() {
        Set<String> tables = new LinkedHashSet<>();
        for (CmtEntity entity : chunks.schema().entities()) {
            tables.add(entity.name());
            for (CmtField field : entity.fields()) {
                tables.addAll(field.lookupTargets());
                if (field.lookupTargets().isEmpty() && field.type() == CmtFieldType.OWNER) {
                    tables.addAll(List.of("systemuser", "team"));
                } else if (field.lookupTargets().isEmpty() && field.type() == CmtFieldType.CUSTOMER) {
                    tables.addAll(List.of("account", "contact"));
                }
            }
        }
        return List.copyOf(tables);
    }

    /** The request's lookup mapping file, read: source row key to target id. */
    Map<String, String> lookupMap() {
        return lookupMap;
    }

    ImportChunks chunks() {
        return chunks;
    }

    MetadataNames names() {
        return names;
    }

    StreamingImport streaming() {
        return streaming;
    }

    void streaming(StreamingImport value) {
        this.streaming = value;
    }

    StreamingImport.ChunkWork work() {
        return work;
    }

    void advance() {
        var next = chunks.next();
        hasChunk = next.isPresent();
        work = next.map(streaming::begin).orElse(null);
        plan = null;
        outcomes = null;
        pass = 0;
        failedInChunk.clear();
    }

    void deferredPhase(boolean value) {
        this.deferredPhase = value;
    }

    void plan(ImportPlan value) {
        this.plan = value;
        this.outcomes = value.outcomes();
        this.pass = 0;
    }

    Map<String, Set<String>> deferredExisting() {
        return deferredExisting;
    }

    void deferredTargetsFound(String table, List<String> ids) {
        deferredExisting.computeIfAbsent(table, t -> java.util.concurrent.ConcurrentHashMap.newKeySet()).addAll(ids);
    }

    ImportOutcomes outcomes() {
        return outcomes;
    }

    /** Moves to the next pass with writes and splits them into at most {@code connections} $batch-sized groups. */
    List<List<PlannedWrite>> nextGroups() {
        do {
            pass++;
        } while (pass <= 3 && plan.writes(pass).isEmpty());
        List<PlannedWrite> writes = plan.writes(pass).stream()
                .filter(w -> !failedInChunk.contains(key(w.entity(), w.recordId()))).toList();
        int groupCount = Math.max(1, Math.max(Math.min(request.connections(), writes.size()),
                (writes.size() + io.dvbridge.dataverse.DataverseClient.MAX_BATCH_REQUESTS - 1) / io.dvbridge.dataverse.DataverseClient.MAX_BATCH_REQUESTS));
        int size = (writes.size() + groupCount - 1) / groupCount;
        List<List<PlannedWrite>> split = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += size) {
            split.add(writes.subList(from, Math.min(writes.size(), from + size)));
        }
        groups = List.copyOf(split);
        return groups;
    }

    List<PlannedWrite> group(int index) {
        return groups.get(index);
    }

    synchronized void writeFailed(PlannedWrite write, String reason) {
        outcomes.writeFailed(write, reason);
        failedInChunk.add(key(write.entity(), write.recordId()));
    }

    void countWriteRequest() {
        writeRequests.incrementAndGet();
    }

    void countQueryRequest() {
        queryRequests.incrementAndGet();
    }

    /** Appends final results to the results file and the running counts. */
    void record(List<RecordResult> done) {
        try {
            io.dvbridge.cmt.ResultsFile.write(results, done);
            counts = counts.plus(ResultCounts.of(done));
            done.stream().filter(r -> r.outcome() == io.dvbridge.cmt.Outcome.FAILED)
                    .limit(Math.max(0, ImportReport.MAX_FAILURES_SHOWN - failures.size()))
                    .forEach(r -> failures.add(ImportReport.Failure.of(r)));
            if (!done.isEmpty()) {
                PROGRESS.info("import {} into {}: {} records done ({} created, {} updated, {} unchanged, {} failed)", runId,
                        request.environment(), counts.total(), counts.created(), counts.updated(), counts.unchanged(), counts.failed());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results file " + resultsPath + ": " + e.getMessage(), e);
        }
    }

    ImportReport report(Instant finishedAt) {
        return new ImportReport(runId, request.environment(), request.data().toString(), request.dryRun(),
                counts, failures, streaming == null ? List.of() : notices(),
                resultsPath.toString(), writeRequests.get(), queryRequests.get(), startedAt, finishedAt);
    }

    private List<String> notices() {
        List<String> notices = new ArrayList<>(streaming.notices());
        if (chunks.associations() > 0) {
            notices.add(chunks.associations() + " many-to-many association group(s) are in the file but not imported by this version of dvbridge");
        }
        return notices;
    }

    /** Closes the results file and the data file; safe to call again (the route's doFinally does, after a failure too). */
    void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            results.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            try {
                chunks.close();
            } catch (IOException ignored) {
                // the data file was only read; nothing is lost
            }
        }
    }

    private static String key(String entity, String recordId) {
        return entity + "\u0000" + recordId.toLowerCase(Locale.ROOT);
    }
}
