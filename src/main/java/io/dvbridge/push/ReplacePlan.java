package io.dvbridge.push;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A replace (the seed's "truncate"): which rows of the table are not in the input and go, decided only after the
 * input is written. Keys of every input row whose identity could be read are kept, rejected rows' too: a row
 * rejected for a typo in one column is not a row to delete. Key values compare ignoring case, as Dataverse does.
 * Holds the input's keys in memory (about 100 bytes a row).
 */
public final class ReplacePlan {

    private final List<String> keyColumns;
    private final String primaryId;
    private final Set<String> inputKeys = new HashSet<>();
    private final int maxDeletes;
    private final List<String> doomed = new ArrayList<>();
    private boolean overLimit;

    /**
     * @param keyColumns the columns the input's keys are in (the primary id, or an alternate key's columns)
     * @param maxDeletes more rows to delete than this and none is deleted
     */
    public ReplacePlan(List<String> keyColumns, String primaryId, int maxDeletes) {
        this.keyColumns = List.copyOf(keyColumns);
        this.primaryId = primaryId;
        this.maxDeletes = maxDeletes;
    }

    public List<String> keyColumns() {
        return keyColumns;
    }

    /** An input row's key (as {@link CheckedRow#key()} has it). */
    public synchronized void keep(Map<String, Object> key) {
        if (!key.isEmpty()) {
            inputKeys.add(text(key));
        }
    }

    /** A page of the table's rows (primary id and key columns): those not in the input are to be deleted. */
    public synchronized void consider(List<Map<String, Object>> rows) {
        for (Map<String, Object> row : rows) {
            if (!inputKeys.contains(text(row))) {
                if (doomed.size() >= maxDeletes) {
                    overLimit = true;
                    return;
                }
                doomed.add(String.valueOf(row.get(primaryId)));
            }
        }
    }

    /** The ids to delete; empty when more than the limit would go. */
    public synchronized List<String> deletions() {
        return overLimit ? List.of() : List.copyOf(doomed);
    }

    public synchronized boolean overLimit() {
        return overLimit;
    }

    public int maxDeletes() {
        return maxDeletes;
    }

    private String text(Map<String, Object> row) {
        return keyColumns.stream().map(c -> String.valueOf(row.get(c)).toLowerCase(Locale.ROOT)).collect(Collectors.joining("\u0001"));
    }
}
