package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;

/**
 * What the export did with one table.
 *
 * @param mode           full (first or --full sync), incremental, resync (the change token expired), reload (no change
 *                       tracking), or dry-run
 * @param failed         records in the failure log after their retries
 * @param reconciliation the source and sink counts and checksums
 * @param notes          warnings and schema changes a person should read
 * @param ddl            the statements run (or, in a dry run, that would run)
 * @param error          why the table could not be exported; empty when it was
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TableExportResult(String table, String sinkTable, String mode, long upserted, long deleted, long failed, long durationMillis,
                                Reconciliation reconciliation, List<String> columns, List<String> ddl, List<String> notes,
                                String error) {

    public TableExportResult {
        columns = List.copyOf(columns);
        ddl = List.copyOf(ddl);
        notes = List.copyOf(notes);
    }

    /**
     * Source against sink after the run.
     *
     * @param sourceRead     whether this run read the whole source table (a full read, a reload or a key read)
     * @param sourceCount    rows it read
     * @param sourceChecksum the checksum of (id, versionnumber) over the same rows; empty when not read
     * @param repairedDeleted rows --reconcile (or a whole read) deleted because the source no longer has them
     * @param missing        source rows the sink lacks or holds in an older version (the next run re-reads the table)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reconciliation(boolean sourceRead, long sourceCount, String sourceChecksum, long sinkCount, String sinkChecksum,
                                 long repairedDeleted, long missing) {

        /** Nothing compared (a table that failed, or a dry run without a target table). */
        public static Reconciliation none() {
            return new Reconciliation(false, 0, "", 0, "", 0, 0);
        }

        public boolean matches() {
            return !sourceRead || (sourceCount == sinkCount && (sourceChecksum.isEmpty() || sourceChecksum.equals(sinkChecksum))
                    && missing == 0);
        }
    }

    public boolean succeeded() {
        return error.isEmpty();
    }

    public boolean needsAttention() {
        return failed > 0 || !reconciliation.matches();
    }
}
