package io.dvbridge.cmt;

import java.util.List;

/**
 * The planner's answer: the writes to send, in order, and the planned result of every record of the
 * file (records that cannot be imported are already FAILED with the reason). Run the writes, report
 * failures to {@link #outcomes()}, then take the final results from there.
 *
 * @param notices things about the whole import a user should know (e.g. content not imported)
 */
public record ImportPlan(List<PlannedWrite> writes, List<RecordResult> results, List<String> notices) {

    public ImportPlan {
        writes = List.copyOf(writes);
        results = List.copyOf(results);
        notices = List.copyOf(notices);
    }

    /** The writes of one pass (1, 2 or 3), in order. */
    public List<PlannedWrite> writes(int pass) {
        return writes.stream().filter(w -> w.pass() == pass).toList();
    }

    /** Counts as planned, before any write ran. */
    public ResultCounts plannedCounts() {
        return ResultCounts.of(results);
    }

    /** A fresh tracker of what actually happened when the writes are run. */
    public ImportOutcomes outcomes() {
        return new ImportOutcomes(this);
    }
}
