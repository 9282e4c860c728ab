package io.dvbridge.rebind;

import java.util.List;

/** What {@link ReportMatcher} found for one row. */
public sealed interface ReportMatch {

    /** Exactly one report fits. */
    record Matched(PowerBiReport report, MatchKind kind) implements ReportMatch {
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
