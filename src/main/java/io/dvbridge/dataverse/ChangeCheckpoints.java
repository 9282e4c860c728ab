package io.dvbridge.dataverse;

import java.util.Optional;

/**
 * Where each change-tracking read ({@code dataverse:changes/<entity set>}) resumes: one position per key, the
 * link to request next. The consumer saves it after each page a route has processed (autoCommit), or the
 * route's sink saves it itself in the same transaction as the page's rows, the way camel-kafka's offset
 * repository is pluggable. Implementations must be thread-safe.
 */
public interface ChangeCheckpoints {
    /** The link to resume from (an @odata.nextLink mid-sync or the last @odata.deltaLink), empty = initial sync. */
    Optional<String> load(String key);

    void save(String key, String link);

    void clear(String key);
}
