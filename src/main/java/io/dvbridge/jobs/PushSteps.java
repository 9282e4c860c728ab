package io.dvbridge.jobs;

import io.dvbridge.dataverse.BulkRow;
import io.dvbridge.dataverse.BulkRowResult;
import io.dvbridge.dataverse.DataverseWrite;
import io.dvbridge.dataverse.DataverseWriteResult;
import io.dvbridge.dataverse.EntityKey;
import io.dvbridge.dataverse.EntityMetadata;
import io.dvbridge.push.CheckedRow;
import io.dvbridge.push.LookupResolution;
import io.dvbridge.push.PushSetupException;
import io.dvbridge.push.SourceRow;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.PushCheckpoints;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The steps of routes/push.camel.yaml that are decisions or bookkeeping: opening the source, validating a batch
 * with the push domain, spooling the valid rows, the reject threshold, checkpoints, results, replace, the report.
 * The run's state is a {@link PushRun} in the exchange property {@code push}. Bound as {@code pushSteps}.
 */
public final class PushSteps {

    private final RunStore runs;
    private final PushCheckpoints checkpoints;
    private final PushSettings settings;
    private final java.time.Clock clock;
    private final ProgressSink progress;

    public PushSteps(RunStore runs, PushCheckpoints checkpoints, PushSettings settings, java.time.Clock clock, ProgressSink progress) {
        this.runs = runs;
        this.checkpoints = checkpoints;
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
    }

    /** Opens the source; an unreadable one is the caller's to fix (exit 64). */
    public PushRun begin(PushRequest request, Exchange exchange) {
        String runId = RunIds.take(exchange, runs, "push");
        try {
            return new PushRun(request, runId, runs, settings, clock.instant());
        } catch (PushSetupException e) {
            throw new InvalidRequestException("from", e.getMessage());
        }
    }

    /** The table's metadata: which lookup targets' metadata the route fetches next. */
    public List<String> table(EntityMetadata table, @ExchangeProperty("push") PushRun run) {
        run.useTable(table);
        return PushTables.lookupTables(table, run.sourceColumns());
    }

    public void lookupTable(EntityMetadata target, @ExchangeProperty("push") PushRun run) {
        run.addLookupTable(target);
    }

    /** Everything validation needs: the table in the domain's terms, the identity, the resume point. */
    public void prepare(@ExchangeProperty("push") PushRun run) {
        try {
            run.prepare();
        } catch (PushSetupException e) {
            run.close();
            throw new InvalidRequestException("key", e.getMessage());
        }
    }

    /** The source's rows, a batch at a time, read as the split asks for them. */
    public Iterator<List<SourceRow>> validationBatches(@ExchangeProperty("push") PushRun run) {
        return run.sourceBatches();
    }

    /** Validates one batch; answers the existence queries its lookups need (kept in the exchange property {@code batch}). */
    public List<LookupResolution.Query> check(List<SourceRow> rows, @ExchangeProperty("push") PushRun run, Exchange exchange) {
        List<CheckedRow> checked = run.check(rows);
        exchange.setProperty("batch", new PushBatch(checked));
        return LookupResolution.queries(checked);
    }

    public void lookupsFound(List<Map<String, Object>> rows, @ExchangeProperty("lookupQuery") LookupResolution.Query query,
                             @ExchangeProperty("batch") PushBatch batch) {
        batch.resolution().found(query, rows);
    }

    /** The batch's rows with their lookups bound: the valid ones to the spool, the others to the rejects. */
    public void settle(@ExchangeProperty("batch") PushBatch batch, @ExchangeProperty("push") PushRun run) {
        run.settle(batch.rows().stream().map(batch.resolution()::complete).toList());
    }

    /** The whole input is validated: write, or stop at the threshold (or for a dry run). */
    public void validated(@ExchangeProperty("push") PushRun run) {
        run.validated(checkpoints);
    }

    public Iterator<List<BulkRow>> writeBatches(@ExchangeProperty("push") PushRun run) {
        return run.writeBatches();
    }

    /** One batch's results; the checkpoint moves once every batch before it is committed too. */
    public void written(List<BulkRowResult> results, @ExchangeProperty(Exchange.SPLIT_INDEX) int index,
                        @ExchangeProperty("push") PushRun run) {
        run.written(results, index).ifPresent(row -> checkpoints.save(run.identity(), run.request().environment(),
                run.request().table(), run.fingerprint(), row, run.runId()));
        progress.progress(run.runId(), run.done(), run.validCount());
    }

    /** A write batch is done (written or failed): rows waiting for its keys may go. */
    public void released(@ExchangeProperty(Exchange.SPLIT_INDEX) int index, @ExchangeProperty("push") PushRun run) {
        run.released(index);
    }

    /** A page of the table's rows (id and key columns) for a replace. */
    public void replaceCandidates(List<Map<String, Object>> page, @ExchangeProperty("push") PushRun run) {
        run.replacePlan().consider(page);
    }

    /** The deletions a replace makes, in $batch-sized chunks; none when more than the limit would go. */
    public List<List<DataverseWrite>> deletions(@ExchangeProperty("push") PushRun run) {
        List<String> ids = run.replaceDeletions();
        List<List<DataverseWrite>> chunks = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += settings.deleteBatchSize()) {
            chunks.add(ids.subList(i, Math.min(ids.size(), i + settings.deleteBatchSize())).stream()
                    .map(id -> DataverseWrite.delete(run.getEntitySet(), EntityKey.of(UUID.fromString(id)))).toList());
        }
        return chunks;
    }

    public void deleted(List<DataverseWriteResult> results, @ExchangeProperty("push") PushRun run) {
        for (DataverseWriteResult result : results) {
            if (result.succeeded() || result.status() == 404) {
                run.deletedOne();
            } else {
                run.notice("replace: a delete failed (" + result.status() + "): " + result.errorMessage().orElse(""));
            }
        }
    }

    public PushReport finish(@ExchangeProperty("push") PushRun run) {
        PushReport report = run.finish(clock.instant());
        if (report.stopped().isEmpty() && !report.dryRun()) {
            checkpoints.clear(run.identity());
        }
        return report;
    }

    /** Releases the source and the spool whatever happened (a failed run keeps its checkpoint). */
    public void close(@ExchangeProperty("push") PushRun run) {
        if (run != null) {
            run.close();
        }
    }

    /** One batch of the validation pass and its lookups' answers. */
    public record PushBatch(List<CheckedRow> rows, LookupResolution resolution) {
        PushBatch(List<CheckedRow> rows) {
            this(rows, new LookupResolution());
        }
    }

    /**
     * Configuration of the push job.
     *
     * @param maxReplaceDeletes dvbridge.push.max-replace-deletes: more rows to delete and a replace deletes none
     * @param deleteBatchSize   deletes per $batch of a replace
     * @param fetchSize         rows a JDBC source fetches at a time
     * @param jdbcUsername      dvbridge.push.jdbc.username, for JDBC sources
     * @param jdbcPassword      dvbridge.push.jdbc.password (from the environment), never in a report
     * @param rabbit            the broker queue sources read (dvbridge.rabbitmq.*, the queue trigger's settings)
     */
    public record PushSettings(int maxReplaceDeletes, int deleteBatchSize, int fetchSize, String jdbcUsername, String jdbcPassword,
                               QueueRowSource.Broker rabbit) {
        @Override
        public String toString() {
            return "PushSettings[maxReplaceDeletes=" + maxReplaceDeletes + ", deleteBatchSize=" + deleteBatchSize + ", fetchSize="
                    + fetchSize + "]";
        }
    }
}
