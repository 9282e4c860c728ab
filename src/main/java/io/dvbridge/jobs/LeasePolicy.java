package io.dvbridge.jobs;

import java.time.Duration;

/**
 * How writing runs share a target environment: one writer at a time. A second writing run waits for the
 * lease up to {@code waitTimeout} ({@code onBusy = WAIT}) or is refused at once ({@code REFUSE}). A lease
 * lives {@code ttl} and is renewed while its run is alive, so a dead instance's lease expires.
 */
public record LeasePolicy(OnBusy onBusy, Duration waitTimeout, Duration ttl) {

    /** The lease kind of every Dataverse write: one writer per environment, whichever job writes. */
    public static final String DATAVERSE_WRITE = "dataverse-write";

    public enum OnBusy { WAIT, REFUSE }

    public LeasePolicy {
        if (ttl.toSeconds() < 3) {
            throw new IllegalArgumentException("dvbridge.leases.ttl must be at least 3 seconds, not " + ttl);
        }
    }

    public static LeasePolicy defaults() {
        return new LeasePolicy(OnBusy.WAIT, Duration.ofMinutes(30), Duration.ofSeconds(60));
    }
}
