package io.dvbridge.export;

import java.util.List;
import java.util.Optional;

/**
 * Where exported tables land: a SQL database ({@link JdbcSink}) or a folder of files ({@link FolderSink}). Each
 * page's rows and the position reached are committed together, so a run killed at any point resumes from the
 * last committed page with nothing lost or duplicated (pages are idempotent: a replayed page changes nothing).
 */
public interface ExportSink extends AutoCloseable {

    /** For reports: the database kind and its URL without credentials, or the folder. */
    String describe();

    /**
     * Creates the table (or adds the columns it lacks) and refreshes the metadata tables.
     *
     * @param apply false for a dry run: the statements are returned, nothing runs
     */
    SchemaChange prepare(TableLayout layout, boolean apply);

    /** The saved position of a table: the nextLink to resume a sync from, or the deltaLink of the last one. */
    Optional<String> checkpoint(String key);

    void clearCheckpoint(String key);

    /**
     * Applies one page and saves its position in one transaction.
     *
     * @param fullRead whether the page belongs to a read of the whole table (initial sync after existing
     *                 rows, resync, reload): its keys are remembered so {@link #finishFullRead} can delete the rows not seen
     * @param lastOfFullRead the page ends that read: the rows not seen are deleted in the page's own transaction, so
     *                 the position after it (a delta link) is never saved without the deletes it implies
     */
    PageOutcome write(TableLayout layout, ExportPage page, String checkpointKey, RetryRule retry, boolean fullRead, boolean lastOfFullRead);

    default PageOutcome write(TableLayout layout, ExportPage page, String checkpointKey, RetryRule retry, boolean fullRead) {
        return write(layout, page, checkpointKey, retry, fullRead, false);
    }

    /** Whether a read of the whole table was begun (by this run or a killed one) and not finished. */
    boolean fullReadPending(TableLayout layout);

    /** Remembers source keys (rows of the primary id and versionnumber) for a key reconciliation ({@code --reconcile}). */
    void stageKeys(TableLayout layout, List<java.util.Map<String, Object>> keyRows);

    /** Ends a read of the whole table: rows whose keys it did not see are deleted. */
    KeyRepair finishFullRead(TableLayout layout);

    /** Forgets the keys of an unfinished full read (a new one starts from the beginning). */
    void abandonFullRead(TableLayout layout);

    /** The rows the sink holds for a table: their count and checksum. */
    TableChecksum contents(TableLayout layout);

    /** The statements or files a dry run would touch besides the table, e.g. the checkpoint table. */
    List<String> housekeeping();

    @Override
    void close();
}
