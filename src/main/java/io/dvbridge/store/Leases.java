package io.dvbridge.store;

import java.time.Duration;
import java.util.List;

/**
 * One writer per (kind, target), across every process that shares the state store. A lease lasts {@code ttl}
 * unless its run renews it ({@link LeaseKeeper}); an expired lease goes to the next run that asks, and the run
 * that let it expire is marked ABANDONED in the same transaction.
 */
public interface Leases {

    /** Takes the lease on (kind, target) for the run, atomically; or says which run holds it. */
    LeaseResult acquire(String kind, String target, String runId, Duration ttl);

    /**
     * Heartbeat: every lease the run still holds lasts {@code ttl} from now. False when it lost any of them (another
     * run took it over after it expired): the run must stop writing. A lease that expired but that nobody took is
     * still the run's, and is extended.
     */
    boolean renew(String runId, Duration ttl);

    /** Gives back every lease of the run. */
    void release(String runId);

    /** The leases that have not expired, by kind and target. */
    List<Lease> held();
}
