package io.dvbridge.jobs;

import io.dvbridge.cmt.CmtEntity;
import io.dvbridge.cmt.CmtField;
import io.dvbridge.cmt.CmtFieldType;
import io.dvbridge.cmt.ImportAssociations;
import io.dvbridge.cmt.ImportChunks;
import io.dvbridge.cmt.ImportOutcomes;
import io.dvbridge.cmt.ImportPlan;
import io.dvbridge.cmt.PlannedWrite;
import io.dvbridge.cmt.RecordResult;
import io.dvbridge.cmt.ResultCounts;
import io.dvbridge.cmt.StreamingImport;
import io.dvbridge.cmt.WriteKind;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The state of one import in routes/config-migration.camel.yaml, kept in the exchange property
 * {@code importRun}: the chunk reader, the chunk being worked on, the pass being written, running
 * counts and the open results file. Getters are JavaBean-style for the route's simple expressions.
 */
public final class ImportRun {

    /**
     * Sends of one $batch group, the first included, when the request itself fails (after the component's own
     * retries of a transient failure). Every write in a group is safe to repeat: creates are keyed and refuse an
     * existing row, updates set the same values again.
     */
    static final int MAX_GROUP_ATTEMPTS = 3;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(ImportRun.class);

    /**
     * The writes of one $batch request and how many times they were sent before. {@code conditional}: its
     * updates carry the ETag the import read (or its own last write returned); a resent group's first send
     * may have committed, and a create found existing asserts the file's values, so those carry {@code *}.
     */
    record WriteGroup(List<PlannedWrite> writes, int attempt, boolean conditional) {
    }

    private final DataImportRequest request;
    private final String runId;
    private final Instant startedAt;
    private final ImportChunks chunks;
    private final MetadataNames names = new MetadataNames();
    private final Path resultsPath;
    private final Writer results;
    private final Progress progress;
    private final List<ImportReport.Failure> failures = new ArrayList<>();
    private final AtomicLong writeRequests = new AtomicLong();
    private final AtomicLong queryRequests = new AtomicLong();
    private StreamingImport streaming;
    private ResultCounts counts = new ResultCounts(0, 0, 0, 0);
    private ResultCounts associationCounts = new ResultCounts(0, 0, 0, 0);
    private final ImportAssociations associations;
    /** The navigation property of each relationship from its source table, by relationship and source table. */
    private final Map<String, String> navigations = new ConcurrentHashMap<>();
    private List<ImportAssociations.Planned> associationWrites = List.of();
    private List<List<ImportAssociations.Planned>> associationGroupList = List.of();
    /** Targets of deferred lookups found in the last pass, by table (query answers arrive in parallel). */
    private final Map<String, Set<String>> deferredExisting = new java.util.concurrent.ConcurrentHashMap<>();
    private StreamingImport.ChunkWork work;
    private boolean hasChunk;
    private boolean deferredPhase;
    private ImportPlan plan;
    private ImportOutcomes outcomes;
    private int pass;
    private List<WriteGroup> groups = List.of();
    /** Groups whose $batch request failed as a whole, to send again (filled by parallel answers). */
    private final List<WriteGroup> resend = new ArrayList<>();
    /** Creates that found their row already there: their values are set by an update instead. */
    private final List<PlannedWrite> existingOnCreate = new ArrayList<>();
    private final Set<String> failedInChunk = new HashSet<>();
    /** ETags of the chunk's target rows, by lower-case id: from the rows read, then from this import's own writes. */
    private final Map<String, String> etags = new ConcurrentHashMap<>();
    private boolean closed;
    private final Map<String, String> lookupMap;

    ImportRun(DataImportRequest request, String runId, Instant startedAt, ImportChunks chunks, Path resultsPath, Writer results,
              Map<String, String> lookupMap, Progress progress) {
        this.lookupMap = Map.copyOf(lookupMap);
        this.request = request;
        this.runId = runId;
        this.startedAt = startedAt;
        this.chunks = chunks;
        this.resultsPath = resultsPath;
        this.results = results;
        this.progress = progress;
        this.associations = new ImportAssociations(chunks.associations(), lookupMap);
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
        synchronized (this) {
            if (!resend.isEmpty() || !existingOnCreate.isEmpty()) {
                return true;
            }
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

    /** Tables on either side of the file's many-to-many associations: their metadata is read with their N:N relationships. */
    public List<String> getAssociationTables() {
        return List.copyOf(associations.entities());
    }

    ImportAssociations associations() {
        return associations;
    }

    Map<String, String> navigations() {
        return navigations;
    }

    /** The associations to send, split into $batch groups like the records' writes. */
    synchronized List<List<ImportAssociations.Planned>> associationGroups(List<ImportAssociations.Planned> writes) {
        associationWrites = List.copyOf(writes);
        int max = io.dvbridge.dataverse.DataverseClient.MAX_BATCH_REQUESTS;
        int groupCount = Math.max(1, Math.max(Math.min(request.connections(), writes.size()), (writes.size() + max - 1) / max));
        int size = Math.max(1, (writes.size() + groupCount - 1) / groupCount);
        List<List<ImportAssociations.Planned>> split = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += size) {
            split.add(associationWrites.subList(from, Math.min(writes.size(), from + size)));
        }
        associationGroupList = List.copyOf(split);
        return associationGroupList;
    }

    synchronized List<ImportAssociations.Planned> associationGroup(int index) {
        return associationGroupList.get(index);
    }

    /** Appends association results to the results file and their own counts. */
    synchronized void recordAssociations(List<RecordResult> done) {
        try {
            io.dvbridge.cmt.ResultsFile.write(results, done);
            associationCounts = associationCounts.plus(ResultCounts.of(done));
            done.stream().filter(r -> r.outcome() == io.dvbridge.cmt.Outcome.FAILED)
                    .limit(Math.max(0, ImportReport.MAX_FAILURES_SHOWN - failures.size()))
                    .forEach(r -> failures.add(ImportReport.Failure.of(r)));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results file " + resultsPath + ": " + e.getMessage(), e);
        }
    }

    /** The request's lookup mapping file, read: source row key to target id. */
    Map<String, String> lookupMap() {
        return lookupMap;
    }

    ImportChunks chunks() {
        return chunks;
    }

    DataImportRequest request() {
        return request;
    }

    /** The run's own results file (JSON Lines) in the run store. */
    Path resultsPath() {
        return resultsPath;
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
        etags.clear();
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

    /**
     * The next $batch groups: first the groups whose request failed and may be sent again, then updates for
     * creates that found their row there, else the next pass with writes, split into at most
     * {@code connections} $batch-sized groups.
     */
    synchronized List<WriteGroup> nextGroups() {
        if (!resend.isEmpty()) {
            groups = resend.stream().map(g -> new WriteGroup(g.writes(), g.attempt() + 1, false)).toList();
            resend.clear();
            return groups;
        }
        if (!existingOnCreate.isEmpty()) {
            groups = split(List.copyOf(existingOnCreate), false);
            existingOnCreate.clear();
            return groups;
        }
        do {
            pass++;
        } while (pass <= 3 && plan.writes(pass).isEmpty());
        groups = split(plan.writes(pass).stream().filter(w -> !failedInChunk.contains(key(w.entity(), w.recordId()))).toList(), true);
        return groups;
    }

    private List<WriteGroup> split(List<PlannedWrite> writes, boolean conditional) {
        int groupCount = Math.max(1, Math.max(Math.min(request.connections(), writes.size()),
                (writes.size() + io.dvbridge.dataverse.DataverseClient.MAX_BATCH_REQUESTS - 1) / io.dvbridge.dataverse.DataverseClient.MAX_BATCH_REQUESTS));
        int size = Math.max(1, (writes.size() + groupCount - 1) / groupCount);
        List<WriteGroup> split = new ArrayList<>();
        for (int from = 0; from < writes.size(); from += size) {
            split.add(new WriteGroup(writes.subList(from, Math.min(writes.size(), from + size)), 0, conditional));
        }
        return List.copyOf(split);
    }

    /** Keeps the ETags of target rows a query read. */
    void rowsRead(String primaryIdAttribute, List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            if (row.get(primaryIdAttribute) != null && row.get("@odata.etag") instanceof String etag) {
                etags.put(String.valueOf(row.get(primaryIdAttribute)).toLowerCase(Locale.ROOT), etag);
            }
        }
    }

    /** After a successful write: the row's new ETag, or none known when Dataverse sent none (later writes then use *). */
    void written(PlannedWrite write, Optional<String> etag) {
        String id = write.targetId().toLowerCase(Locale.ROOT);
        etag.ifPresentOrElse(e -> etags.put(id, e), () -> etags.remove(id));
    }

    /** The If-Match of an update in {@code group}: the row's known ETag when the group is conditional, else {@code *}. */
    String ifMatch(WriteGroup group, PlannedWrite write) {
        return group.conditional() ? etags.getOrDefault(write.targetId().toLowerCase(Locale.ROOT), "*") : "*";
    }

    synchronized WriteGroup group(int index) {
        return groups.get(index);
    }

    synchronized void writeFailed(PlannedWrite write, String reason) {
        outcomes.writeFailed(write, reason);
        failedInChunk.add(key(write.entity(), write.recordId()));
    }

    /**
     * A create answered that its row exists: an earlier send of a retried request created it, or someone did
     * meanwhile. The row has the record's id, so it is this record; it gets the record's values by an update.
     */
    synchronized void createFoundRow(PlannedWrite create) {
        existingOnCreate.add(new PlannedWrite(create.entity(), create.recordId(), create.targetId(), WriteKind.UPDATE,
                create.pass(), create.body(), create.disablePlugins()));
    }

    /**
     * A group's $batch request failed as a whole: sent again while it has attempts left and the failure may pass,
     * else each of its records fails with the reason, and the import goes on with the next group.
     */
    synchronized void groupFailed(int index, boolean transientFailure, String reason) {
        WriteGroup failed = groups.get(index);
        if (transientFailure && failed.attempt() + 1 < MAX_GROUP_ATTEMPTS) {
            LOG.warn("import {}: a $batch request of {} write(s) failed ({}); sending it again, attempt {} of {}", runId,
                    failed.writes().size(), reason, failed.attempt() + 2, MAX_GROUP_ATTEMPTS);
            resend.add(failed);
            return;
        }
        String attempts = failed.attempt() + 1 == 1 ? "" : " (sent " + (failed.attempt() + 1) + " times)";
        for (PlannedWrite write : failed.writes()) {
            writeFailed(write, "the $batch request failed" + attempts + ": " + reason);
        }
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
            done.forEach(associations::recorded);
            counts = counts.plus(ResultCounts.of(done));
            done.stream().filter(r -> r.outcome() == io.dvbridge.cmt.Outcome.FAILED)
                    .limit(Math.max(0, ImportReport.MAX_FAILURES_SHOWN - failures.size()))
                    .forEach(r -> failures.add(ImportReport.Failure.of(r)));
            if (!done.isEmpty()) {
                progress.advanced(counts.total(), String.format(Locale.ROOT, "%,d created, %,d updated, %,d unchanged, %,d failed",
                        counts.created(), counts.updated(), counts.unchanged(), counts.failed()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results file " + resultsPath + ": " + e.getMessage(), e);
        }
    }

    ImportReport report(Instant finishedAt) {
        return new ImportReport(runId, request.environment(), request.data().toString(), request.dryRun(),
                counts, associationCounts, failures, streaming == null ? List.of() : notices(),
                request.resultsFile().orElse(resultsPath).toString(), writeRequests.get(), queryRequests.get(), startedAt, finishedAt);
    }

    private List<String> notices() {
        return streaming.notices();
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
