package io.dvbridge.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Progress of long work as lines on the log (stderr, never the report's stdout) and in the run's record
 * (so {@code GET /api/runs/{id}} shows it): records or rows done, of how many where known, the rate so far
 * and, with a total, the time left. Callers report after each page, chunk or batch; a line is shown at most
 * every {@link #EVERY}, so a fast run is not flooded, plus the last one.
 */
final class Progress {

    static final Duration EVERY = Duration.ofSeconds(2);

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("io.dvbridge.progress");

    private final String what;
    private final String unit;
    private final OptionalLong total;
    private final String runId;
    private final ProgressSink sink;
    private final Clock clock;
    private final Instant started;
    private Instant lastShown;

    /** Lines on the log only, counting records. */
    Progress(String what, OptionalLong total, Clock clock) {
        this(what, "records", total, clock, "", ProgressSink.NONE);
    }

    /**
     * @param what  the run, e.g. {@code import import-20261202-071500-4f2a9c into prod}
     * @param unit  what is counted, e.g. {@code records} or {@code rows}
     * @param total how many the work will handle, when known beforehand
     * @param runId the run whose record shows the progress
     */
    Progress(String what, String unit, OptionalLong total, Clock clock, String runId, ProgressSink sink) {
        this.what = what;
        this.unit = unit;
        this.runId = runId;
        this.sink = sink;
        this.total = total;
        this.clock = clock;
        this.started = clock.instant();
        this.lastShown = started;
    }

    /** Logs the line for {@code done} records when one is due; {@code detail} follows in brackets. */
    synchronized void advanced(long done, String detail) {
        due(done, detail).ifPresent(line -> shown(done, line));
    }

    /** Logs the closing line whatever the time since the last one. */
    synchronized void finished(long done, String detail) {
        lastShown = clock.instant();
        shown(done, line(done, lastShown, detail));
    }

    private void shown(long done, String line) {
        LOG.info(line);
        sink.progress(runId, done, total.orElse(0));
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
            line.append(String.format(Locale.ROOT, "%,d/%,d %s (%d%%)", done, all, unit, done * 100 / all));
        } else {
            line.append(String.format(Locale.ROOT, "%,d %s", done, unit));
        }
        line.append(String.format(Locale.ROOT, ", %,.0f %s/s", rate, unit));
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
