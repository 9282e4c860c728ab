package io.dvbridge.push;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The source row up to which every batch is committed, when batches are written in parallel and finish in any
 * order: batch {@code i} (numbered from 0 in source order) ends at a row; the watermark is the last row of the
 * longest run of finished batches from the first. A resumed push skips rows up to it and re-sends nothing after.
 */
public final class BatchWatermark {

    private final BitSet done = new BitSet();
    private final Map<Integer, Long> lastRows = new HashMap<>();
    private int contiguous;
    private long watermark;

    public BatchWatermark(long start) {
        this.watermark = start;
    }

    /** Batch {@code index}, ending at {@code lastRow}, is committed; answers the watermark when it moved. */
    public synchronized OptionalLong committed(int index, long lastRow) {
        done.set(index);
        lastRows.put(index, lastRow);
        long before = watermark;
        while (done.get(contiguous)) {
            watermark = Math.max(watermark, lastRows.remove(contiguous));
            contiguous++;
        }
        return watermark > before ? OptionalLong.of(watermark) : OptionalLong.empty();
    }

    public synchronized long watermark() {
        return watermark;
    }
}
