package io.dvbridge.rebind;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Progress lines for long work, for people watching a terminal: how much is done, the rate so far and the
 * time left at that rate. At most one line per {@code interval}, so a fast run does not flood the log; the
 * line for the finished work is always given.
 */
public final class ProgressMeter {

    private final String work;
    private final String unit;
    private final int total;
    private final Instant start;
    private final Duration interval;
    private Instant lastLine;

    /**
     * @param work     what is being done, e.g. "rebind run-1: written"
     * @param unit     what is counted, e.g. "rows"
     * @param total    how many there are in all
     * @param start    when the work began
     * @param interval the least time between two lines
     */
    public ProgressMeter(String work, String unit, int total, Instant start, Duration interval) {
        if (total < 0 || interval.isNegative()) {
            throw new IllegalArgumentException("progress needs total >= 0 and a non-negative interval");
        }
        this.work = work;
        this.unit = unit;
        this.total = total;
        this.start = start;
        this.interval = interval;
    }

    /** The line to show for {@code done} at {@code now}, or empty when the previous line is too recent. */
    public Optional<String> update(int done, Instant now) {
        boolean finished = done >= total;
        if (!finished && lastLine != null && Duration.between(lastLine, now).compareTo(interval) < 0) {
            return Optional.empty();
        }
        lastLine = now;
        return Optional.of(line(done, now));
    }

    private String line(int done, Instant now) {
        long millis = Math.max(0, Duration.between(start, now).toMillis());
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT, "%s %,d of %,d %s (%d%%)", work, done, total,
                unit, total == 0 ? 100 : done * 100L / total));
        if (millis > 0 && done > 0) {
            double perSecond = done * 1000.0 / millis;
            out.append(String.format(Locale.ROOT, ", %,.0f %s/s", perSecond, unit));
            if (done < total) {
                out.append(", about ").append(seconds(Math.round((total - done) / perSecond))).append(" left");
            } else {
                out.append(", took ").append(seconds(Math.round(millis / 1000.0)));
            }
        }
        return out.toString();
    }

    private static String seconds(long seconds) {
        return seconds < 60 ? seconds + " s" : String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }
}
