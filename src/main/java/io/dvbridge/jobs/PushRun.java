package io.dvbridge.jobs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.dataverse.BulkRow;
import io.dvbridge.dataverse.BulkRowResult;
import io.dvbridge.dataverse.EntityMetadata;
import io.dvbridge.push.BatchWatermark;
import io.dvbridge.push.CheckedRow;
import io.dvbridge.push.CsvRowSource;
import io.dvbridge.push.Fingerprint;
import io.dvbridge.push.Identity;
import io.dvbridge.push.JdbcRowSource;
import io.dvbridge.push.JsonLinesRowSource;
import io.dvbridge.push.KeyedBatches;
import io.dvbridge.push.Rejection;
import io.dvbridge.push.RejectThreshold;
import io.dvbridge.push.RejectsFile;
import io.dvbridge.push.ReplacePlan;
import io.dvbridge.push.RowSource;
import io.dvbridge.push.RowValidator;
import io.dvbridge.push.SourceRow;
import io.dvbridge.push.TargetTable;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.PushCheckpoints;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One push in progress: its source, the table, the validator, the spool of valid rows (a file in the run's folder,
 * so memory holds one batch however long the input), the rejects, the counts and the resume point.
 */
public final class PushRun {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String SPOOL = ".valid-rows.jsonl";

    private final PushRequest request;
    private final String runId;
    private final RunStore runs;
    private final PushSteps.PushSettings settings;
    private final Instant startedAt;
    private final RowSource source;
    private final RejectsFile rejects;
    private final Map<String, EntityMetadata> lookupTables = new ConcurrentHashMap<>();
    private final List<String> firstRejects = new ArrayList<>();
    private final List<String> notices = new ArrayList<>();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private final AtomicLong deleted = new AtomicLong();
    private EntityMetadata table;
    private TargetTable target;
    private RowValidator validator;
    private ReplacePlan replacePlan;
    private BufferedWriter spool;
    private String fingerprint;
    private String identity;
    private long read;
    private long valid;
    private long skipped;
    private long resumeAfter;
    private BatchWatermark watermark;
    private KeyedBatches<BulkRow> writeBatches;
    private boolean writing;
    private Optional<String> stopped = Optional.empty();
    private boolean closed;

    PushRun(PushRequest request, String runId, RunStore runs, PushSteps.PushSettings settings, Instant startedAt) {
        this.request = request;
        this.runId = runId;
        this.runs = runs;
        this.settings = settings;
        this.startedAt = startedAt;
        this.source = open(request, settings);
        this.rejects = new RejectsFile(runs.file(runId, RunFiles.REJECTS));
    }

    private static RowSource open(PushRequest request, PushSteps.PushSettings settings) {
        if (request.fromQueue()) {
            return new QueueRowSource(request.from().substring("queue:".length()), settings.rabbit(), request.idleSeconds(),
                    request.maxRows());
        }
        if (request.from().startsWith("jdbc:")) {
            return new JdbcRowSource(request.from(), settings.jdbcUsername(), settings.jdbcPassword(), request.query().orElseThrow(),
                    settings.fetchSize());
        }
        Path file = Path.of(request.from());
        return request.from().toLowerCase(java.util.Locale.ROOT).endsWith(".jsonl") ? new JsonLinesRowSource(file) : new CsvRowSource(file);
    }

    PushRequest request() {
        return request;
    }

    String runId() {
        return runId;
    }

    List<String> sourceColumns() {
        return source.columns();
    }

    void useTable(EntityMetadata metadata) {
        this.table = metadata;
    }

    void addLookupTable(EntityMetadata metadata) {
        lookupTables.put(metadata.logicalName(), metadata);
    }

    /** For the route (simple expressions read these getters). */
    public String getTable() {
        return request.table();
    }

    public String getEnvironment() {
        return request.environment();
    }

    public String getOperation() {
        return request.mode().operation();
    }

    public int getBatchSize() {
        return request.batchSize();
    }

    public boolean isWriting() {
        return writing;
    }

    public boolean isReplacing() {
        return writing && request.replace();
    }

    public String getEntitySet() {
        return table.entitySetName();
    }

    /** The columns a replace reads of the table's rows: the primary id and the key's columns. */
    public String getReplaceSelect() {
        List<String> columns = new ArrayList<>(List.of(table.primaryIdAttribute()));
        replacePlan.keyColumns().stream().filter(c -> !columns.contains(c)).forEach(columns::add);
        return String.join(",", columns);
    }

    /** @throws io.dvbridge.push.PushSetupException when the key names nothing of the table */
    void prepare() {
        target = PushTables.of(table, lookupTables);
        Identity id = RowValidator.identity(request.key(), target, request.mode(), source.columns());
        validator = new RowValidator(target, request.mode(), id, request.strictColumns(), source.typed());
        if (request.replace()) {
            List<String> keyColumns = id instanceof Identity.AlternateKey alternate ? alternate.columns() : List.of(target.primaryId());
            replacePlan = new ReplacePlan(keyColumns, target.primaryId(), settings.maxReplaceDeletes());
        }
        try {
            spool = Files.newBufferedWriter(runs.file(runId, SPOOL), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the run's spool of valid rows: " + e.getMessage(), e);
        }
    }

    Iterator<List<SourceRow>> sourceBatches() {
        return batches(source, request.batchSize());
    }

    List<CheckedRow> check(List<SourceRow> rows) {
        read += rows.size();
        return rows.stream().map(validator::check).toList();
    }

    void settle(List<CheckedRow> rows) {
        try {
            for (CheckedRow row : rows) {
                if (replacePlan != null) {
                    replacePlan.keep(row.key());
                }
                if (row.valid()) {
                    valid++;
                    if (source instanceof QueueRowSource queue) {
                        queue.forget(row.rowNumber());
                    }
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("row", row.rowNumber());
                    line.put("key", row.key());
                    line.put("values", row.values());
                    spool.write(JSON.writeValueAsString(line));
                    spool.newLine();
                } else {
                    row.rejections().forEach(this::reject);
                    if (source instanceof QueueRowSource queue) {
                        queue.deadLetter(row.rowNumber(), row.rejections().stream()
                                .map(r -> (r.column().isEmpty() ? "" : r.column() + ": ") + r.reason().label() + ": " + r.message())
                                .collect(java.util.stream.Collectors.joining("; ")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the run's spool of valid rows: " + e.getMessage(), e);
        }
    }

    private void reject(Rejection rejection) {
        rejects.add(rejection);
        synchronized (firstRejects) {
            if (firstRejects.size() < PushReport.FIRST_REJECTS_SHOWN) {
                firstRejects.add("row " + rejection.rowNumber() + (rejection.column().isEmpty() ? "" : ", " + rejection.column())
                        + (rejection.value().isEmpty() ? "" : " '" + rejection.value() + "'") + ": " + rejection.reason().label() + ": "
                        + rejection.message());
            }
        }
    }

    /** Stops at the threshold, or for a dry run; otherwise finds where an interrupted run of the same push got to. */
    void validated(PushCheckpoints checkpoints) {
        if (!(source instanceof QueueRowSource)) {
            source.close(); // a queue's channel stays open: its messages are acknowledged after the writes
        }
        try {
            spool.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish the run's spool of valid rows: " + e.getMessage(), e);
        }
        long rejected = rejects.rows();
        RejectThreshold threshold = request.maxRejects().map(RejectThreshold::parse).orElse(RejectThreshold.UNLIMITED);
        if (threshold.exceededBy(rejected, read)) {
            stopped = Optional.of(rejected + " of " + read + " rows were rejected, more than --max-rejects " + threshold
                    + " allows; nothing was written");
            return;
        }
        if (request.dryRun()) {
            return;
        }
        fingerprint = source.fingerprint();
        identity = Fingerprint.runIdentity(request.environment(), request.table(), request.mode().name(), request.key().orElse(""),
                fingerprint);
        OptionalLong committed = checkpoints.committedRow(identity);
        resumeAfter = committed.orElse(0);
        if (committed.isPresent()) {
            notices.add("Resumed an interrupted run of this push: rows up to " + resumeAfter + " were written by it and not sent again.");
        }
        watermark = new BatchWatermark(resumeAfter);
        writing = true;
    }

    String identity() {
        return identity;
    }

    String fingerprint() {
        return fingerprint;
    }

    long validCount() {
        return valid;
    }

    long done() {
        return written.get() + failed.get() + skipped;
    }

    /** The spooled valid rows after the resume point, a batch at a time. */
    Iterator<List<BulkRow>> writeBatches() {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(runs.file(runId, SPOOL), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the run's spool of valid rows: " + e.getMessage(), e);
        }
        Iterator<BulkRow> rows = new Iterator<>() {
            private BulkRow next;
            private boolean ended;

            @Override
            public boolean hasNext() {
                try {
                    while (next == null) {
                        String line = ended ? null : reader.readLine();
                        if (line == null) {
                            ended = true;
                            reader.close();
                            return false;
                        }
                        JsonNode node = JSON.readTree(line);
                        long row = node.path("row").asLong();
                        if (row <= resumeAfter) {
                            skipped++;
                            continue;
                        }
                        next = new BulkRow(row, map(node.path("key")), map(node.path("values")));
                    }
                    return true;
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot read the run's spool of valid rows: " + e.getMessage(), e);
                }
            }

            @Override
            public BulkRow next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                BulkRow row = next;
                next = null;
                return row;
            }
        };
        writeBatches = new KeyedBatches<>(rows, request.batchSize(), PushRun::keyText);
        return writeBatches;
    }

    /** A row's key as Dataverse compares keys (column order and letter case do not matter); empty for none. */
    static Optional<String> keyText(BulkRow row) {
        if (row.key().isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> sorted = new java.util.TreeMap<>();
        row.key().forEach((column, value) -> sorted.put(column, String.valueOf(value).toLowerCase(java.util.Locale.ROOT)));
        return Optional.of(sorted.toString());
    }

    /** Write batch {@code index} is done, whatever its outcome: later rows with its keys may go. */
    void released(int index) {
        if (writeBatches != null) {
            writeBatches.released(index);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(JsonNode node) {
        return JSON.convertValue(node, LinkedHashMap.class);
    }

    /** Counts one batch's results; the new checkpoint when every batch up to this one is committed. */
    OptionalLong written(List<BulkRowResult> results, int index) {
        for (BulkRowResult result : results) {
            if (result.written()) {
                written.incrementAndGet();
            } else {
                failed.incrementAndGet();
                String message = (result.errorCode().isEmpty() ? "" : result.errorCode() + " ") + "(" + result.status() + ") " + result.message();
                reject(new Rejection(result.rowNumber(), "", "", Rejection.Reason.WRITE_FAILED, message));
                if (source instanceof QueueRowSource queue) {
                    synchronized (queue) {
                        queue.deadLetter(result.rowNumber(), Rejection.Reason.WRITE_FAILED.label() + ": " + message);
                    }
                }
            }
        }
        return results.isEmpty() ? OptionalLong.empty() : watermark.committed(index, results.get(results.size() - 1).rowNumber());
    }

    ReplacePlan replacePlan() {
        return replacePlan;
    }

    List<String> replaceDeletions() {
        if (replacePlan.overLimit()) {
            notices.add("replace: more than " + replacePlan.maxDeletes() + " rows are not in the input; none was deleted"
                    + " (raise dvbridge.push.max-replace-deletes to allow it)");
        }
        return replacePlan.deletions();
    }

    void deletedOne() {
        deleted.incrementAndGet();
    }

    synchronized void notice(String text) {
        notices.add(text);
    }

    PushReport finish(Instant finishedAt) {
        if (source instanceof QueueRowSource queue && stopped.isEmpty() && !request.dryRun()) {
            queue.acknowledge();
            notices.add("The queue's messages were acknowledged; rejected and failed rows went to " + queue.deadLetterQueueName()
                    + " with the reason in header " + QueueRowSource.ERROR_HEADER + ".");
        }
        close();
        String copy = request.rejects().map(path -> {
            copyAtomically(runs.file(runId, RunFiles.REJECTS), path);
            return path.toString();
        }).orElse("");
        Map<String, Long> reasons = new LinkedHashMap<>();
        rejects.byReason().forEach((reason, count) -> reasons.put(reason.label(), count));
        return new PushReport(runId, request.environment(), request.table(), request.mode().name().toLowerCase(java.util.Locale.ROOT),
                source.description(), request.dryRun(), read, valid, rejects.rows() - failed.get(), written.get(), failed.get(), skipped,
                deleted.get(), reasons, firstRejects, copy, stopped.orElse(""), notices, startedAt, finishedAt);
    }

    private static void copyAtomically(Path from, Path to) {
        Path absolute = to.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + ".tmp");
        try {
            Files.createDirectories(absolute.getParent());
            Files.copy(from, temporary, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rejects file " + to + ": " + e.getMessage(), e);
        }
    }

    /** Releases the source, finishes the rejects file and removes the spool; safe to call twice. */
    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (writeBatches != null) {
            writeBatches.abandon();
        }
        source.close();
        try {
            if (spool != null) {
                spool.close();
            }
            Files.deleteIfExists(runs.file(runId, SPOOL));
        } catch (IOException e) {
            // the spool lives in the run's folder; a leftover is harmless
        }
        rejects.close();
    }

    private static <T> Iterator<List<T>> batches(Iterator<T> items, int size) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public List<T> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<T> batch = new ArrayList<>(size);
                while (batch.size() < size && items.hasNext()) {
                    batch.add(items.next());
                }
                return batch;
            }
        };
    }
}
