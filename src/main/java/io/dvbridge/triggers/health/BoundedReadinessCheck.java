package io.dvbridge.triggers.health;

import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A readiness check whose probe may block (a database or a broker that stopped answering): it runs on the check's
 * own thread and is DOWN when it has not answered within the timeout, so a probe never hangs the health endpoint.
 * A probe still hanging from an earlier call is not started again; the check stays DOWN until it returns.
 */
abstract class BoundedReadinessCheck extends AbstractHealthCheck {

    private final Duration timeout;
    private final ExecutorService thread;
    private Future<String> pending;

    BoundedReadinessCheck(String id, Duration timeout) {
        super("dvbridge", id);
        this.timeout = timeout;
        this.thread = Executors.newSingleThreadExecutor(runnable -> {
            Thread t = new Thread(runnable, "dvbridge-health-" + id);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Asks the resource; returns what to say when it answered.
     *
     * @throws Exception with a message naming what failed (no secret) when it did not
     */
    protected abstract String probe() throws Exception;

    @Override
    public boolean isLiveness() {
        return false;
    }

    @Override
    protected synchronized void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        if (pending == null || pending.isDone()) {
            pending = thread.submit(this::probe);
        }
        try {
            builder.up().message(pending.get(timeout.toMillis(), TimeUnit.MILLISECONDS));
        } catch (TimeoutException e) {
            builder.down().message("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            builder.down().message(cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            builder.down().message("interrupted");
        }
    }

    /** Stops the check's thread (at shutdown). */
    public void close() {
        thread.shutdownNow();
    }
}
