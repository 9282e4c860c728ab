package io.dvbridge.store;

import java.util.List;
import java.util.Optional;

/** The export job's failure log as the profiles read it: newest first, a page at a time, optionally one table's. */
public interface ExportFailures {

    /** At most this many entries in one page. */
    int MAX_LIMIT = 500;

    /** A page of entries and whether more follow. */
    record Page(List<ExportFailure> failures, boolean more) {
    }

    Page page(String profile, Optional<String> entity, int offset, int limit);
}
