package io.dvbridge.export;

import java.util.List;

/**
 * What a sink did with one page.
 *
 * @param upserted rows written (inserted, updated, or kept because the sink already had a newer version)
 * @param deleted  rows removed
 * @param failures records that did not land after their retries
 * @param read     the (id, versionnumber) of the page's rows, for the source side of reconciliation
 * @param fullReadFinished when the page ended a read of the whole table: the rows it deleted as not seen
 */
public record PageOutcome(long upserted, long deleted, List<ExportFailure> failures, TableChecksum read,
                          java.util.Optional<KeyRepair> fullReadFinished) {

    public PageOutcome {
        failures = List.copyOf(failures);
    }

    public PageOutcome(long upserted, long deleted, List<ExportFailure> failures, TableChecksum read) {
        this(upserted, deleted, failures, read, java.util.Optional.empty());
    }
}
