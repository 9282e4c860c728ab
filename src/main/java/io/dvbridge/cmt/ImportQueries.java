package io.dvbridge.cmt;

import java.util.List;

/** Everything the planner needs to know about the target, as queries for the route to run. */
public record ImportQueries(List<RecordQuery> recordQueries, List<LookupTargetQuery> lookupTargets) {

    public ImportQueries {
        recordQueries = List.copyOf(recordQueries);
        lookupTargets = List.copyOf(lookupTargets);
    }
}
