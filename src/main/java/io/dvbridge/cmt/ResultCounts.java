package io.dvbridge.cmt;

import java.util.Collection;

/** How many records ended in each outcome. */
public record ResultCounts(int created, int updated, int unchanged, int failed) {

    public static ResultCounts of(Collection<RecordResult> results) {
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int failed = 0;
        for (RecordResult result : results) {
            switch (result.outcome()) {
                case CREATED -> created++;
                case UPDATED -> updated++;
                case UNCHANGED -> unchanged++;
                case FAILED -> failed++;
            }
        }
        return new ResultCounts(created, updated, unchanged, failed);
    }

    public ResultCounts plus(ResultCounts other) {
        return new ResultCounts(created + other.created, updated + other.updated, unchanged + other.unchanged,
                failed + other.failed);
    }

    public int total() {
        return created + updated + unchanged + failed;
    }
}
