package io.dvbridge.rebind;

import java.util.List;

/** What {@link ReportMatcher} found for one row. */
public sealed interface ReportMatch {

    /** Exactly one report fits. */
    record Matched(PowerBiReport report, MatchKind kind) implements ReportMatch {
    }

    /**
     * The row's report id is a report of the target workspace, but its name is not the row's.
     *
     * @param boundReport the report the row points at now
     */
    record Mismatched(PowerBiReport boundReport, String reason) implements ReportMatch {
    }

    /** Several reports fit equally well at the strongest level that had any; we never guess. */
    record Ambiguous(List<ReportCandidate> candidates, String reason) implements ReportMatch {
        public Ambiguous {
            candidates = Ids.list(candidates);
        }
    }

    /** No report fits. */
    record Unmatched(String reason) implements ReportMatch {
    }
}
