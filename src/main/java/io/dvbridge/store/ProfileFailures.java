package io.dvbridge.store;

import java.util.List;
import java.util.Optional;

/** The export failure log of one profile, as its {@code failures} operation serves it: newest first, a page at a time. */
public interface ProfileFailures {

    /** At most this many entries in one page. */
    int MAX_LIMIT = 500;

    /** A page of entries and whether more follow. */
    record Page(List<ExportFailureRecord> failures, boolean more) {
    }

    /**
     * The entries the export job wrote for this profile: those naming it, and those of the runs it started (caller
     * {@code profile:<name>}), optionally of one table only.
     */
    Page page(String profile, Optional<String> entity, int offset, int limit);
}
