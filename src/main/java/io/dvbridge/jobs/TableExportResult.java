package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.List;
import java.util.Optional;

/**
 * What the export did with one table.
 *
 * @param mode           full (first or --full sync), incremental, resync (the change token expired), reload (no change
 *                       tracking), or dry-run
 * @param failed         records in the failure log after their retries
 * @param reconciliation the source and sink counts and checksums, when compared
 * @param notes          warnings and schema changes a person should read
 * @param ddl            the statements run (or, in a dry run, that would run)
 * @param error          why the table could not be exported; empty when it was
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TableExportResult(String table, String sinkTable, String mode, long upserted, long deleted, long failed, long durationMillis,
                                Optional<Reconciliation> reconciliation, List<String> columns, List<String> ddl, List<String> notes,
                                Optional<String> error) {

    public TableExportResult {
        columns = List.copyOf(columns);
        ddl = List.copyOf(ddl);
        notes = List.copyOf(notes);
    }

    /**
     * Source against sink after the run.
     *
     * @param sourceCount    rows read by a whole read of the table (or a key read), empty when the run read only changes
     * @param sourceChecksum the checksum of (id, versionnumber) over the same rows, when read
     * @param repairedDeleted rows --reconcile (or a whole read) deleted because the source no longer has them
     * @param missing        source rows the sink lacks or holds in an older version (the next run re-reads the table)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Reconciliation(Optional<Long> sourceCount, Optional<String> sourceChecksum, long sinkCount, String sinkChecksum,
                                 long repairedDeleted, long missing) {

        public boolean checked() {
            return sourceCount.isPresent();
        }

        public boolean matches() {
            return sourceCount.isEmpty() || (sourceCount.get() == sinkCount && sourceChecksum.map(sinkChecksum::equals).orElse(true)
                    && missing == 0);
        }
    }

    public boolean succeeded() {
        return error.isEmpty();
    }

    public boolean needsAttention() {
        return failed > 0 || reconciliation.map(r -> !r.matches()).orElse(false);
    }
}
