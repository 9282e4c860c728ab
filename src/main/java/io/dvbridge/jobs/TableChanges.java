package io.dvbridge.jobs;

import io.dvbridge.dataverse.ChangeCheckpoints;
import io.dvbridge.export.ExportPage;
import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.PollingConsumerPollStrategy;

import java.util.List;
import java.util.Optional;

/**
 * One table's change-tracking read inside an export run, bound in the registry for the route made from the
 * {@code export-table-changes} template: it is that route's checkpoint store (positions live in the target, beside
 * the rows), its poll strategy (the run learns when the poll ended, or why it failed), and it hands each page to
 * {@link TableExportSteps}.
 */
public final class TableChanges implements ChangeCheckpoints, PollingConsumerPollStrategy {

    private final TableExportSteps steps;
    private final TableExportRun run;
    private final TableExportRun.Table table;

    TableChanges(TableExportSteps steps, TableExportRun run, TableExportRun.Table table) {
        this.steps = steps;
        this.run = run;
        this.table = table;
    }

    /** One page of the consumer: rows and deletes applied, the position after it saved, in one sink transaction. */
    public void page(List<java.util.Map<String, Object>> rows, @org.apache.camel.Header("CamelDataverseDeletedIds") List<String> deletedIds,
                     @org.apache.camel.Header("CamelDataverseChangesPosition") String position,
                     @org.apache.camel.Header("CamelDataverseChangesLast") boolean last,
                     @org.apache.camel.Header("CamelDataverseChangesInitial") boolean initial,
                     @org.apache.camel.Header("CamelDataverseChangesResync") boolean resync) {
        steps.changePage(run, table, new ExportPage(rows, deletedIds == null ? List.of() : deletedIds, Optional.of(position)), last,
                initial, resync);
    }

    @Override
    public Optional<String> load(String key) {
        return run.sink.checkpoint(key);
    }

    @Override
    public void save(String key, String link) {
        run.sink.write(table.layout, new ExportPage(List.of(), List.of(), Optional.of(link)), key, run.retry, false);
    }

    /** The consumer clears a position Dataverse refused (expired token): the resync that follows reads the whole table. */
    @Override
    public void clear(String key) {
        run.sink.clearCheckpoint(key);
    }

    @Override
    public boolean begin(Consumer consumer, Endpoint endpoint) {
        return table.done.getCount() > 0;
    }

    @Override
    public void commit(Consumer consumer, Endpoint endpoint, int polledMessages) {
        table.done.countDown();
    }

    @Override
    public boolean rollback(Consumer consumer, Endpoint endpoint, int retryCounter, Exception cause) {
        if (table.error.isEmpty()) {
            table.error = Optional.of(FailureMessages.of(cause));
        }
        table.done.countDown();
        return false;
    }
}
