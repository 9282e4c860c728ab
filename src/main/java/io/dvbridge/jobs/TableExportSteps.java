package io.dvbridge.jobs;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.config.ExportTargets;
import io.dvbridge.dataverse.EntityMetadata;
import io.dvbridge.export.ChangeRetention;
import io.dvbridge.export.ExportFailure;
import io.dvbridge.export.ExportPage;
import io.dvbridge.export.ExportSink;
import io.dvbridge.export.FileFormat;
import io.dvbridge.export.FolderSink;
import io.dvbridge.export.JdbcSink;
import io.dvbridge.export.PageOutcome;
import io.dvbridge.export.SchemaChange;
import io.dvbridge.export.SinkException;
import io.dvbridge.export.TableChecksum;
import io.dvbridge.export.TableLayout;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.ExportFailureRecord;
import io.dvbridge.store.ExportFailures;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.builder.TemplatedRouteBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The steps of routes/export.camel.yaml that are not protocol work: opening the target, laying tables out, applying
 * pages, reconciling, and the report. Bound in the registry as {@code tableExportSteps}.
 */
public final class TableExportSteps {

    /** Asked for with every read: the table a lookup points at comes as this annotation. */
    static final String ANNOTATIONS = "Microsoft.Dynamics.CRM.lookuplogicalname";
    /** How the profile service names itself as a run's caller. */
    static final String PROFILE_CALLER = "profile:";
    private static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules();
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TableExportSteps.class);

    private final RunStore runs;
    private final Clock clock;
    private final ProgressSink progress;
    private final Supplier<ExportFailures> failures;
    private final ExportTargets targets;

    public TableExportSteps(RunStore runs, Clock clock, ProgressSink progress, Supplier<ExportFailures> failures,
                            ExportTargets targets) {
        this.runs = runs;
        this.clock = clock;
        this.progress = progress;
        this.failures = failures;
        this.targets = targets;
    }

    public TableExportRun begin(TableExportRequest request, Exchange exchange) {
        String runId = RunIds.take(exchange, runs, "export");
        ExportSink sink = openSink(request);
        // a configured target is shown (and keys the failure log) by its name: its URL is configuration, not the caller's
        String target = targets.find(request.to()).map(t -> "export target " + t.name() + " (" + sink.describe().split(" ", 2)[0] + ")")
                .orElse(sink.describe());
        TableExportRun run = new TableExportRun(request, runId, clock.instant(), sink, target, profileOf(exchange),
                new Progress("export " + runId + " from " + request.environment(), "rows", OptionalLong.empty(), clock, runId, progress));
        if (!run.isNeedsTableList()) {
            run.tableNames.addAll(request.tableNames());
        }
        return run;
    }

    /** The profile's name when one started the run (the launcher's caller {@code profile:<name>}), else empty. */
    static String profileOf(Exchange exchange) {
        String caller = exchange.getProperty(JobLauncher.CALLER, "", String.class);
        return caller.startsWith(PROFILE_CALLER) ? caller.substring(PROFILE_CALLER.length()) : "";
    }

    private ExportSink openSink(TableExportRequest request) {
        try {
            if (request.to().equals(TableExportRequest.EMBEDDED)) {
                return JdbcSink.open(embeddedUrl(), "", "", request.prefix(), request.deleteLog(), clock);
            }
            Optional<ExportTargets.Target> target = targets.find(request.to());
            if (target.isPresent()) {
                return JdbcSink.open(target.get().url(), target.get().user(), target.get().password(), request.prefix(),
                        request.deleteLog(), clock);
            }
            if (request.toDatabase()) {
                return JdbcSink.open(request.to(), "", "", request.prefix(), request.deleteLog(), clock);
            }
            return new FolderSink(Path.of(request.to()), request.prefix(), FileFormat.parse(request.format()), clock);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("to", e.getMessage());
        }
    }

    /** The default target: an H2 file beside the runs, so an export works with no database server. */
    String embeddedUrl() {
        return "jdbc:h2:file:" + runs.directory().toAbsolutePath().resolve("export").resolve("export")
                + ";DATABASE_TO_LOWER=TRUE;AUTO_SERVER=TRUE";
    }

    /** {@code ci}: the Customer Insights output tables present; {@code tracked}: every change-tracked table. */
    public void chooseTables(List<Map<String, Object>> definitions, @ExchangeProperty("exportRun") TableExportRun run) {
        boolean ci = run.request.tableNames().get(0).equals("ci");
        for (Map<String, Object> definition : definitions) {
            String name = String.valueOf(definition.get("LogicalName"));
            boolean tracked = Boolean.TRUE.equals(definition.get("ChangeTrackingEnabled"));
            if (ci ? name.startsWith("msdynci_") : tracked) {
                run.tableNames.add(name);
            }
        }
        run.tableNames.sort(String::compareTo);
        if (run.tableNames.isEmpty()) {
            run.warnings.add(ci ? "the environment has no Customer Insights output tables (msdynci_*)" : "no table has change tracking on");
        }
    }

    /** The organization's change-token retention: a run less often than that reads every table again. */
    public void retention(List<Map<String, Object>> organizations, @ExchangeProperty("exportRun") TableExportRun run) {
        organizations.stream().map(o -> o.get("expirechangetrackingindays")).filter(Number.class::isInstance).findFirst()
                .ifPresent(days -> {
                    run.retentionDays = Optional.of(((Number) days).intValue());
                    ChangeRetention.warning(Optional.empty(), ((Number) days).intValue()).ifPresent(run.warnings::add);
                });
    }

    /** Lays the table out in the target (or, in a dry run, says how it would) and decides how it is read. */
    public void prepareTable(EntityMetadata metadata, @ExchangeProperty("exportRun") TableExportRun run) {
        List<String> skipped = new ArrayList<>();
        TableLayout layout = new TableLayout(TableSources.of(metadata, skipped), run.request.prefix());
        String key = run.request.environment() + "/" + layout.source().entitySet() + (run.request.prefix().isEmpty() ? ""
                : ":" + run.request.prefix().toLowerCase(Locale.ROOT));
        SchemaChange schema = run.sink.prepare(layout, !run.request.dryRun());
        TableExportRun.Table table = new TableExportRun.Table(metadata.logicalName(), layout, schema, key, clock.instant());
        run.current = table;
        table.notes.addAll(skipped);
        if (!schema.added().isEmpty()) {
            table.notes.add("columns added: " + String.join(", ", schema.added()) + "; the table is read again from the start");
        }
        if (!schema.removed().isEmpty()) {
            table.notes.add("columns no longer in the source, kept in the target: " + String.join(", ", schema.removed()));
        }
        if (run.request.dryRun()) {
            table.mode = "dry-run";
            return;
        }
        if (!layout.source().changeTracking()) {
            table.notes.add("no change tracking: the whole table is read again; turn change tracking on for incremental exports");
            table.mode = "reload";
            table.wholeTable = true;
            run.sink.abandonFullRead(layout);
            table.staging = !schema.created();
        } else if (run.request.full() || !schema.added().isEmpty() || run.sink.checkpoint(key).isEmpty()) {
            run.sink.clearCheckpoint(key);
            run.sink.abandonFullRead(layout);
            table.mode = "full";
            table.wholeTable = true;
            table.staging = !schema.created();
        } else if (run.sink.fullReadPending(layout)) {
            table.mode = "full";
            table.staging = true;
            table.notes.add("resumed a read of the whole table that an earlier run began");
        } else {
            table.mode = "incremental";
        }
        retryEarlierFailures(run, table);
    }

    /** Records that failed in earlier runs, tried again before the table's new changes (a newer version wins anyway). */
    private void retryEarlierFailures(TableExportRun run, TableExportRun.Table table) {
        List<ExportFailureRecord> pending = failures.get().pending(run.request.environment(), run.target, table.logicalName, 5000);
        if (pending.isEmpty()) {
            return;
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        for (ExportFailureRecord record : pending) {
            if (record.changeType().equals(ExportFailure.DELETE)) {
                deletes.add(record.recordId());
            } else {
                rows.add(payload(record));
            }
        }
        PageOutcome outcome = run.sink.write(table.layout, new ExportPage(rows, deletes, Optional.empty()), table.checkpointKey, run.retry,
                false);
        Set<String> stillFailing = new HashSet<>();
        outcome.failures().forEach(f -> stillFailing.add(f.recordId()));
        failures.get().resolved(pending.stream().filter(p -> !stillFailing.contains(p.recordId())).map(ExportFailureRecord::id).toList(),
                clock.instant());
        keepFailures(run, table, outcome.failures());
        table.upserted += outcome.upserted();
        table.deleted += outcome.deleted();
        table.notes.add((pending.size() - stillFailing.size()) + " of " + pending.size() + " record(s) that failed earlier landed");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> payload(ExportFailureRecord record) {
        try {
            return JSON.readValue(record.payload(), Map.class);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("The failure log entry " + record.id() + " holds no readable row", e);
        }
    }

    /**
     * Reads the current table's changes with the {@code export-table-changes} route template and waits until its poll
     * ends. A route per table keeps the {@code dataverse:changes} consumer the reader (its paging, positions and
     * resync), while the one-shot job still knows when the table is done: the route's poll strategy tells it.
     */
    public void readChanges(@ExchangeProperty("exportRun") TableExportRun run, Exchange exchange) throws Exception {
        TableExportRun.Table table = run.current;
        CamelContext context = exchange.getContext();
        String id = "export-" + run.runId + "-" + table.layout.name();
        TableChanges changes = new TableChanges(this, run, table);
        context.getRegistry().bind(id, TableChanges.class, changes);
        try {
            TemplatedRouteBuilder.builder(context, "export-table-changes").routeId(id)
                    .parameter("entitySet", table.layout.source().entitySet())
                    .parameter("environment", run.request.environment())
                    .parameter("select", String.join(",", table.layout.source().select()))
                    .parameter("pageSize", String.valueOf(run.request.pageSize()))
                    .parameter("checkpointKey", table.checkpointKey)
                    .parameter("annotations", ANNOTATIONS)
                    .parameter("table", id)
                    .add();
            table.done.await();
        } finally {
            context.getRouteController().stopRoute(id);
            context.removeRoute(id);
            context.getRegistry().unbind(id);
        }
        if (table.error.isPresent()) {
            throw new SinkException(table.error.get());
        }
    }

    void changePage(TableExportRun run, TableExportRun.Table table, ExportPage page, boolean last, boolean initial, boolean resync) {
        try {
            if (resync && !table.mode.equals("resync")) {
                // the token expired: the consumer cleared it and reads the whole table; rows it does not see are deleted at the end
                run.sink.abandonFullRead(table.layout);
                table.mode = "resync";
                table.staging = true;
                table.wholeTable = true;
                table.read.reset();
                table.notes.add("the change token was refused (expired): the whole table was read again and its keys reconciled");
            } else if (initial && table.mode.equals("incremental")) {
                table.mode = "full";
                table.notes.add("resumed an initial sync that an earlier run began");
            }
            PageOutcome outcome = run.sink.write(table.layout, page, table.checkpointKey, run.retry, table.staging, table.staging && last);
            applied(run, table, outcome);
        } catch (RuntimeException e) {
            table.error = Optional.of(FailureMessages.of(e));
            throw e;
        }
    }

    /** One page of a table without change tracking (a reload), from a {@code dataverse:query} read. */
    public void reloadPage(List<Map<String, Object>> rows, @ExchangeProperty("exportRun") TableExportRun run) {
        TableExportRun.Table table = run.current;
        PageOutcome outcome = run.sink.write(table.layout, new ExportPage(rows, List.of(), Optional.empty()), table.checkpointKey,
                run.retry, table.staging, false);
        applied(run, table, outcome);
    }

    public void finishReload(@ExchangeProperty("exportRun") TableExportRun run) {
        TableExportRun.Table table = run.current;
        if (table.staging) {
            table.repair = Optional.of(run.sink.finishFullRead(table.layout));
            table.deleted += table.repair.get().deleted();
        }
    }

    private void applied(TableExportRun run, TableExportRun.Table table, PageOutcome outcome) {
        table.upserted += outcome.upserted();
        table.deleted += outcome.deleted();
        if (table.wholeTable) {
            table.read.add(outcome.read());
        }
        outcome.fullReadFinished().ifPresent(repair -> {
            table.repair = Optional.of(repair);
            table.deleted += repair.deleted();
        });
        keepFailures(run, table, outcome.failures());
        run.rowsDone += outcome.upserted() + outcome.deleted();
        run.progress.advanced(run.rowsDone, table.logicalName + ": " + (table.upserted + table.deleted));
    }

    private void keepFailures(TableExportRun run, TableExportRun.Table table, List<ExportFailure> failed) {
        if (failed.isEmpty()) {
            return;
        }
        table.failed += failed.size();
        List<ExportFailureRecord> records = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        for (ExportFailure f : failed) {
            String payload = json(f.row());
            records.add(new ExportFailureRecord(0, run.profile, run.runId, run.request.environment(), run.target, f.entity(), f.recordId(),
                    f.notificationTime(), f.changeType(), f.failureReason(), payload, Optional.empty()));
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("Entity", f.entity());
            line.put("RecordId", f.recordId());
            line.put("NotificationTime", f.notificationTime().toString());
            line.put("ChangeType", f.changeType());
            line.put("FailureReason", f.failureReason());
            lines.append(json(line)).append('\n');
        }
        failures.get().record(records);
        try {
            Path file = runs.directory().resolve(run.runId).resolve(TableExportReport.FAILURES_FILE);
            Files.createDirectories(file.getParent());
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the failure log of run " + run.runId + ": " + e.getMessage(), e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A row that cannot be written as JSON: " + e.getMessage(), e);
        }
    }

    /** A page of keys (primary id, versionnumber): counted for a dry run, staged for --reconcile. */
    public void keyPage(List<Map<String, Object>> rows, @ExchangeProperty("exportRun") TableExportRun run) {
        TableExportRun.Table table = run.current;
        for (Map<String, Object> row : rows) {
            Object version = row.get(TableLayout.VERSION);
            table.read.add(java.util.UUID.fromString(String.valueOf(row.get(table.layout.source().primaryId()))),
                    version instanceof Number n ? n.longValue() : 0L);
        }
        if (!run.request.dryRun()) {
            run.sink.stageKeys(table.layout, rows);
        }
    }

    /**
     * A dry run's row count from {@code dataverse:count}; at Dataverse's cap (5,000 for a standard table) the count is
     * only a lower bound, so the route reads the keys to count them instead.
     */
    public void rowCount(Long count, @ExchangeProperty("exportRun") TableExportRun run) {
        run.current.counted = count < io.dvbridge.dataverse.DataverseClient.COUNT_CAP ? Optional.of(count) : Optional.empty();
    }

    /** Before a key read: the table's read so far no longer stands for the source. */
    public void startKeyRead(@ExchangeProperty("exportRun") TableExportRun run) {
        TableExportRun.Table table = run.current;
        table.read.reset();
        if (!run.request.dryRun()) {
            run.sink.abandonFullRead(table.layout);
        }
    }

    /** Reconciles the table and keeps its result. */
    public void finishTable(@ExchangeProperty("exportRun") TableExportRun run) {
        TableExportRun.Table table = run.current;
        long millis = Duration.between(table.startedAt, clock.instant()).toMillis();
        List<String> ddl = new ArrayList<>(table.schema.statements());
        if (run.request.dryRun()) {
            run.results.add(new TableExportResult(table.logicalName, table.layout.name(), table.mode, 0, 0, 0, millis,
                    new TableExportResult.Reconciliation(false, table.counted.orElse(table.read.count()), "", 0, "", 0, 0), table.layout.columnNames(), ddl,
                    table.notes, ""));
            run.current = null;
            return;
        }
        boolean keyRead = run.request.reconcile();
        if (keyRead) {
            table.repair = Optional.of(run.sink.finishFullRead(table.layout));
            table.deleted += table.repair.get().deleted();
            if (table.repair.get().missing() > 0) {
                run.sink.clearCheckpoint(table.checkpointKey);
                table.notes.add(table.repair.get().missing() + " row(s) missing or older in the target: the next run reads the table"
                        + " again from the start");
            }
        }
        TableChecksum contents = run.sink.contents(table.layout);
        boolean sourceKnown = keyRead || table.wholeTable;
        TableExportResult.Reconciliation reconciliation = new TableExportResult.Reconciliation(sourceKnown,
                sourceKnown ? table.read.count() : 0, sourceKnown ? table.read.value() : "", contents.count(), contents.value(),
                table.repair.map(r -> r.deleted()).orElse(0L), table.repair.map(r -> r.missing()).orElse(0L));
        run.results.add(new TableExportResult(table.logicalName, table.layout.name(), table.mode, table.upserted, table.deleted,
                table.failed, millis, reconciliation, table.layout.columnNames(), ddl, table.notes, ""));
        run.current = null;
    }

    /** A table that could not be exported: reported, and the run goes on with the next table. */
    public void tableFailed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure, @org.apache.camel.Body Object body,
                            @ExchangeProperty("exportRun") TableExportRun run) {
        String message = FailureMessages.of(failure);
        TableExportRun.Table table = run.current;
        String name = table != null ? table.logicalName : String.valueOf(body);
        LOG.warn("Export of {} failed: {}", name, message);
        run.results.add(new TableExportResult(name, table != null ? table.layout.name() : "", table != null && table.mode != null
                ? table.mode : "-", table != null ? table.upserted : 0, table != null ? table.deleted : 0, table != null ? table.failed : 0,
                table != null ? Duration.between(table.startedAt, clock.instant()).toMillis() : 0, TableExportResult.Reconciliation.none(),
                table != null ? table.layout.columnNames() : List.of(), List.of(), table != null ? table.notes : List.of(), message));
        run.current = null;
    }

    public TableExportReport finish(@ExchangeProperty("exportRun") TableExportRun run) {
        run.progress.finished(run.rowsDone, run.results.size() + " table(s)");
        List<String> warnings = new ArrayList<>(run.warnings);
        if (run.request.dryRun()) {
            warnings.addAll(run.sink.housekeeping());
        }
        return new TableExportReport(run.runId, run.request.environment(), run.target, run.request.dryRun(), run.results, warnings,
                run.startedAt, clock.instant());
    }

    public void close(@ExchangeProperty("exportRun") TableExportRun run) {
        if (run != null) {
            run.sink.close();
        }
    }
}
