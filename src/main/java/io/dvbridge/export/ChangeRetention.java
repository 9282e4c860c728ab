package io.dvbridge.export;

import java.time.Duration;
import java.util.Optional;

/**
 * Change-tracking tokens live {@code expirechangetrackingindays} days (organization setting; 7 by default now): a
 * table read less often than that is read again in full (the token is refused). Warns when a schedule's or
 * profile's interval comes near it.
 */
public final class ChangeRetention {

    /** An interval above this share of the retention leaves too little room for a missed or late run. */
    private static final double NEAR = 0.5;

    private ChangeRetention() {
    }

    /**
     * @param interval how often the export runs, when known (a profile or schedule); empty for a one-shot run
     */
    public static Optional<String> warning(Optional<Duration> interval, int retentionDays) {
        Duration retention = Duration.ofDays(retentionDays);
        if (interval.isPresent() && interval.get().toMinutes() >= retention.toMinutes() * NEAR) {
            return Optional.of("the export runs every " + interval.get().toHours() + " h but change tokens live " + retentionDays
                    + " day(s) (expirechangetrackingindays): a late run reads every table again; run more often");
        }
        if (interval.isEmpty() && retentionDays <= 3) {
            return Optional.of("change tokens live only " + retentionDays + " day(s) (expirechangetrackingindays): export at least"
                    + " that often or each run reads every table again");
        }
        return Optional.empty();
    }
}
