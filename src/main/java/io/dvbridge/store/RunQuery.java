package io.dvbridge.store;

import java.util.Objects;
import java.util.Optional;

/**
 * Which runs to list, newest first: every filter is optional; {@code after} is the cursor of the previous page.
 * Invalid values are refused here with an {@link InvalidRunQueryException} naming the field.
 */
public record RunQuery(Optional<String> job, Optional<RunStatus> status, Optional<String> environment, int limit,
                       Optional<String> after) {

    public static final int MAX_LIMIT = 200;

    public RunQuery {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(after, "after");
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidRunQueryException("limit", "limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
        }
        after.ifPresent(RunCursor::decode);
    }

    /** The newest runs, unfiltered. */
    public static RunQuery newest(int limit) {
        return new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), limit, Optional.empty());
    }

    Optional<RunCursor> cursor() {
        return after.map(RunCursor::decode);
    }
}
