package io.dvbridge.jobs;

import io.dvbridge.export.ExportSink;
import io.dvbridge.export.KeyRepair;
import io.dvbridge.export.RetryRule;
import io.dvbridge.export.SchemaChange;
import io.dvbridge.export.TableChecksum;
import io.dvbridge.export.TableLayout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/** The state of one export run in routes/export.camel.yaml, kept in the exchange property {@code exportRun}. */
public final class TableExportRun {

    final TableExportRequest request;
    final String runId;
    final Instant startedAt;
    final ExportSink sink;
    final String target;
    /** The export profile that started the run ({@code profile:<name>}), else empty: kept with each failure. */
    final String profile;
    final RetryRule retry;
    final Progress progress;
    final List<String> tableNames = new ArrayList<>();
    final List<TableExportResult> results = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    long rowsDone;
    Optional<Integer> retentionDays = Optional.empty();
    Table current;

    TableExportRun(TableExportRequest request, String runId, Instant startedAt, ExportSink sink, String target, String profile,
                   Progress progress) {
        this.profile = profile;
        this.request = request;
        this.runId = runId;
        this.startedAt = startedAt;
        this.sink = sink;
        this.target = target;
        this.progress = progress;
        this.retry = new RetryRule(request.retryAttempts(), java.time.Duration.ofSeconds(request.retryInterval()));
    }

    /** One table of the run: its layout, how it is read, and what happened so far. */
    static final class Table {
        final String logicalName;
        final TableLayout layout;
        final SchemaChange schema;
        final String checkpointKey;
        final Instant startedAt;
        final List<String> notes = new ArrayList<>();
        final TableChecksum read = new TableChecksum();
        /** A dry run's row count from {@code $count}; empty when it hit Dataverse's cap and the keys were counted instead. */
        Optional<Long> counted = Optional.empty();
        String mode;
        /** Keys of this read are staged so the rows it does not see can be deleted at its end. */
        boolean staging;
        /** The read covers the whole table: its rows are the source side of reconciliation. */
        boolean wholeTable;
        long upserted;
        long deleted;
        long failed;
        Optional<KeyRepair> repair = Optional.empty();
        Optional<String> error = Optional.empty();
        final CountDownLatch done = new CountDownLatch(1);

        Table(String logicalName, TableLayout layout, SchemaChange schema, String checkpointKey, Instant startedAt) {
            this.logicalName = logicalName;
            this.layout = layout;
            this.schema = schema;
            this.checkpointKey = checkpointKey;
            this.startedAt = startedAt;
        }
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

    /** --reconcile on a run that writes. */
    public boolean isReconcileNow() {
        return request.reconcile() && !request.dryRun();
    }

    /** Whether the tables are named by a word (ci, tracked) that needs the list of table definitions. */
    public boolean isNeedsTableList() {
        List<String> names = request.tableNames();
        return names.size() == 1 && (names.get(0).equals("ci") || names.get(0).equals("tracked"));
    }

    public List<String> getTableNames() {
        return tableNames;
    }

    /** Whether the current table was prepared and is read through change tracking. */
    public boolean isCurrentTracked() {
        return current != null && current.error.isEmpty() && current.layout.source().changeTracking();
    }

    public boolean isCurrentReady() {
        return current != null && current.error.isEmpty();
    }

    public String getCurrentEntitySet() {
        return current == null ? "" : current.layout.source().entitySet();
    }

    /** The columns to read, comma-separated, as $select wants them. */
    public String getCurrentSelect() {
        return current == null ? "" : String.join(",", current.layout.source().select());
    }

    /** A dry run whose {@code $count} hit Dataverse's cap: the keys are read to count the rows. */
    public boolean isCurrentCountCapped() {
        return current != null && current.counted.isEmpty();
    }

    /** Only the primary id and versionnumber: a key read for reconciliation or a dry run's count. */
    public String getCurrentKeySelect() {
        return current == null ? "" : current.layout.source().primaryId() + "," + TableLayout.VERSION;
    }

    public int getPageSize() {
        return request.pageSize();
    }
}
