package io.dvbridge.triggers.profiles;

import java.time.Duration;
import java.util.Optional;

/**
 * Change tracking keeps changes for the organization's {@code expirechangetrackingindays}; a delta token older than
 * that is refused (0x80044352) and the table must be read again in full. A profile whose interval reaches half of it
 * has no room for a missed sync or two.
 */
final class RetentionRule {

    private RetentionRule() {
    }

    static Optional<String> warning(Duration interval, int retentionDays) {
        Duration retention = Duration.ofDays(retentionDays);
        if (retentionDays <= 0) {
            return Optional.empty();
        }
        if (interval.compareTo(retention) >= 0) {
            return Optional.of("The interval (" + interval + ") is not shorter than the organization's change tracking retention ("
                    + retentionDays + " days, expirechangetrackingindays): every sync would find its change token expired and read"
                    + " every table in full");
        }
        if (interval.multipliedBy(2).compareTo(retention) >= 0) {
            return Optional.of("The interval (" + interval + ") is more than half the organization's change tracking retention ("
                    + retentionDays + " days, expirechangetrackingindays): one missed sync and the change tokens expire, forcing a full"
                    + " read of every table");
        }
        return Optional.empty();
    }
}
