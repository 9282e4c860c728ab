package io.dvbridge.triggers.health;

import io.dvbridge.config.DvEnvironment;
import io.dvbridge.config.Environments;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Whether a Dataverse token can be had for each configured environment, found out in the background: asking
 * Entra ID can take seconds, and a health probe must not wait for it. From the first health probe on (an instance
 * nobody monitors sends no token requests of its own), every {@code interval} one thread asks each environment's
 * token source (cheap while its token is cached) and keeps the last outcome with its time; the checks
 * ({@link EnvironmentTokenCheck}) only read it.
 */
public final class TokenReadiness implements AutoCloseable {

    /** The last outcome for one environment: whether a token came, what went wrong if not, and when. */
    public record Outcome(boolean tokenAvailable, String message, Instant at) {
    }

    private final Environments environments;
    private final Clock clock;
    private final Duration interval;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private final Map<String, Outcome> last = new ConcurrentHashMap<>();
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread t = new Thread(runnable, "dvbridge-token-readiness");
        t.setDaemon(true);
        return t;
    });

    public TokenReadiness(Environments environments, Duration interval, Clock clock) {
        this.environments = environments;
        this.interval = interval;
        this.clock = clock;
    }

    /** Starts asking now and then every interval, unless that already began. */
    void startIfIdle() {
        if (started.compareAndSet(false, true)) {
            thread.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Asks every environment once, one after the other. */
    void refresh() {
        for (String name : environments.names()) {
            last.put(name, ask(name));
        }
    }

    private Outcome ask(String name) {
        try {
            DvEnvironment environment = environments.environment(name);
            environment.tokens().token(environment.dataverseScope());
            return new Outcome(true, "a Dataverse token can be had", clock.instant());
        } catch (RuntimeException e) {
            // token sources' messages name the app and the reason, never a secret or a token
            return new Outcome(false, "no Dataverse token: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()),
                    clock.instant());
        }
    }

    /** The last outcome for the environment; empty until it was first asked. */
    public Optional<Outcome> last(String environment) {
        return Optional.ofNullable(last.get(environment));
    }

    /** Stops asking; waits a little for a request in flight, so it does not outlive what it talks to. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
