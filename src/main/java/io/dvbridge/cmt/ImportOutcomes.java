package io.dvbridge.cmt;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns a plan plus the failures the route saw into the final per-record results. A record whose
 * write failed is FAILED with a message saying which step failed and what the server said, even
 * when an earlier step (the create) went through, so a report never shows a half-imported record
 * as imported. Thread-safe: batches may report concurrently.
 */
public final class ImportOutcomes {

    private final List<RecordResult> results;
    private final Map<String, Integer> index = new HashMap<>();

    ImportOutcomes(ImportPlan plan) {
        this.results = new ArrayList<>(plan.results());
        for (int i = 0; i < results.size(); i++) {
            index.putIfAbsent(key(results.get(i).entity(), results.get(i).recordId()), i);
        }
    }

    /**
     * Records that a planned write failed.
     *
     * @param reason what the server said (status, code, message); never a token or header dump
     * @throws IllegalArgumentException when the write is not one of this plan's records
     */
    public synchronized void writeFailed(PlannedWrite write, String reason) {
        Integer at = index.get(key(write.entity(), write.recordId()));
        if (at == null) {
            throw new IllegalArgumentException("no record " + write.recordId() + " of '" + write.entity() + "' in this plan");
        }
        RecordResult before = results.get(at);
        String step = switch (write.kind()) {
            case CREATE -> "create failed";
            case UPDATE -> write.pass() == 1 ? "update failed" : "setting lookups after their targets failed";
            case SET_STATE -> "setting state/status failed";
        };
        String message = before.outcome() == Outcome.FAILED
                ? before.message() + "; " + step + ": " + reason
                : (before.outcome() == Outcome.CREATED && write.kind() != WriteKind.CREATE ? "created, but " : "")
                + step + ": " + reason;
        Optional<String> targetId = write.kind() == WriteKind.CREATE ? Optional.empty() : before.targetId();
        results.set(at, new RecordResult(before.entity(), before.recordId(), targetId, Outcome.FAILED, message));
    }

    public synchronized List<RecordResult> results() {
        return List.copyOf(results);
    }

    public synchronized ResultCounts counts() {
        return ResultCounts.of(results);
    }

    private static String key(String entity, String recordId) {
        return entity + "\u0000" + recordId;
    }
}
