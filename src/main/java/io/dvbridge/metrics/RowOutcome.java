package io.dvbridge.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What a report's count says about rows, for {@link MeterNames#ROWS}. Every job's report has named counts; the
 * names below map to the four row outcomes, so a new job whose counts use them gets row metrics with no code. A
 * count named {@code step.name} (migrate's {@code import.created}) maps by its last part. Names not listed
 * (unchanged, planned, matched, requests, ...) are not rows moved and are left out.
 */
public enum RowOutcome {
    READ, WRITTEN, REJECTED, FAILED;

    private static final Map<String, RowOutcome> BY_COUNT = Map.ofEntries(
            Map.entry("read", READ), Map.entry("records", READ), Map.entry("exported", READ), Map.entry("total", READ),
            Map.entry("written", WRITTEN), Map.entry("created", WRITTEN), Map.entry("updated", WRITTEN),
            Map.entry("upserted", WRITTEN), Map.entry("deleted", WRITTEN), Map.entry("associated", WRITTEN),
            Map.entry("rejected", REJECTED),
            Map.entry("failed", FAILED), Map.entry("associationsfailed", FAILED));

    /** The outcome a count of that name reports, if it reports rows. */
    public static Optional<RowOutcome> ofCount(String countName) {
        String last = countName.substring(countName.lastIndexOf('.') + 1);
        return Optional.ofNullable(BY_COUNT.get(last.toLowerCase(Locale.ROOT)));
    }

    /** The tag value. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
