package io.dvbridge.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Progress of long work as lines on the log (stderr, never the report's stdout): records done, of how
 * many where known, the rate so far and, with a total, the time left. Callers report after each page or
 * chunk; a line is shown at most every {@link #EVERY}, so a fast run is not flooded, plus the last one.
 */
final class Progress {

    static final Duration EVERY = Duration.ofSeconds(2);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.dvbridge.progress");

    private final String what;
    private final OptionalLong total;
    private final Clock clock;
    private final Instant started;
    private Instant lastShown;

    /**
     * @param what  the run, e.g. {@code import import-20261202-071500-4f2a9c into prod}
     * @param total records the work will handle, when known beforehand
     */
    Progress(String what, OptionalLong total, Clock clock) {
        this.what = what;
        this.total = total;
        this.clock = clock;
        this.started = clock.instant();
        this.lastShown = started;
    }

    /** Logs the line for {@code done} records when one is due; {@code detail} follows in brackets. */
    synchronized void advanced(long done, String detail) {
        due(done, detail).ifPresent(LOG::info);
    }

    /** Logs the closing line whatever the time since the last one. */
    synchronized void finished(long done, String detail) {
        lastShown = clock.instant();
        LOG.info(line(done, lastShown, detail));
    }

    /** The line to show now, if the last one is at least {@link #EVERY} old or the work is complete. */
    synchronized Optional<String> due(long done, String detail) {
        Instant now = clock.instant();
        boolean complete = total.isPresent() && done >= total.getAsLong();
        if (!complete && Duration.between(lastShown, now).compareTo(EVERY) < 0) {
            return Optional.empty();
        }
        lastShown = now;
        return Optional.of(line(done, now, detail));
    }

    private String line(long done, Instant now, String detail) {
        double seconds = Math.max(0.001, Duration.between(started, now).toMillis() / 1000.0);
        double rate = done / seconds;
        StringBuilder line = new StringBuilder(what).append(": ");
        if (total.isPresent() && total.getAsLong() > 0) {
            long all = total.getAsLong();
            line.append(String.format(Locale.ROOT, "%,d/%,d records (%d%%)", done, all, done * 100 / all));
        } else {
            line.append(String.format(Locale.ROOT, "%,d records", done));
        }
        line.append(String.format(Locale.ROOT, ", %,.0f records/s", rate));
        if (total.isPresent() && done < total.getAsLong() && rate > 0) {
            line.append(", about ").append(duration(Math.round((total.getAsLong() - done) / rate))).append(" left");
        }
        if (!detail.isEmpty()) {
            line.append(" (").append(detail).append(')');
        }
        return line.toString();
    }

    private static String duration(long seconds) {
        return seconds < 60 ? seconds + " s" : seconds < 3600 ? (seconds / 60) + " min " + (seconds % 60) + " s"
                : (seconds / 3600) + " h " + (seconds % 3600 / 60) + " min";
    }
}
