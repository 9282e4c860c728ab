package io.dvbridge.store;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Renews the leases of the runs this process keeps, every ttl/3 on one daemon thread: a live long run never
 * loses its lease, and the lease of a process that died runs out ttl after its last heartbeat. A run whose
 * leases were taken over is dropped and reported to {@code onLost}, so it can stop writing. A heartbeat that
 * fails (the database is briefly away) is logged and tried again on the next tick; two more chances remain
 * before the lease can expire.
 */
public final class LeaseKeeper implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

    private final Leases leases;
    private final Duration ttl;
    private final Consumer<String> onLost;
    private final Set<String> runIds = ConcurrentHashMap.newKeySet();
    private ScheduledExecutorService timer;

    public LeaseKeeper(Leases leases, Duration ttl, Consumer<String> onLost) {
        if (ttl.toMillis() < 3) {
            throw new IllegalArgumentException("A kept lease must last at least 3 ms, not " + ttl);
        }
        this.leases = leases;
        this.ttl = ttl;
        this.onLost = onLost;
    }

    /** The ttl the kept leases are renewed to; acquire them with the same one. */
    public Duration ttl() {
        return ttl;
    }

    /** Renews the run's leases from now on, until {@link #forget} (or until they are lost). */
    public void keep(String runId) {
        runIds.add(runId);
    }

    /** Stops renewing the run's leases (call it when the run releases them). */
    public void forget(String runId) {
        runIds.remove(runId);
    }

    public synchronized void start() {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "dvbridge-lease-keeper");
            thread.setDaemon(true);
            return thread;
        });
        long period = ttl.toMillis() / 3;
        timer.scheduleAtFixedRate(this::renewAll, period, period, TimeUnit.MILLISECONDS);
    }

    public synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** One heartbeat for every kept run. */
    void renewAll() {
        for (String runId : runIds) {
            try {
                if (!leases.renew(runId, ttl)) {
                    runIds.remove(runId);
                    onLost.accept(runId);
                }
            } catch (RuntimeException e) {
                LOG.warn("Could not renew the leases of run {}: {}", runId, e.getMessage());
            }
        }
    }
}
