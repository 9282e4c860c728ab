package io.dvbridge.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** One page of runs, newest first, and the cursor of the next page when there is one. */
public record RunPage(List<RunRecord> runs, Optional<String> next) {

    public RunPage {
        runs = List.copyOf(runs);
        Objects.requireNonNull(next, "next");
    }
}
