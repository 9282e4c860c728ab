package io.dvbridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;

import java.time.Duration;
import java.util.Map;

/**
 * Records dvbridge's own meters ({@link MeterNames}) at the points where things happen: the job launcher when a run
 * ends, the HTTP pipeline per answer and per token. {@code dvbridge run} gives it the Prometheus registry that
 * {@code /observe/metrics} shows; one-shot commands give it {@link #none()}.
 */
public final class DvMetrics {

    /** Run durations from seconds to hours: fixed buckets keep the histogram's series bounded. */
    private static final Duration[] RUN_BUCKETS = {Duration.ofSeconds(1), Duration.ofSeconds(5), Duration.ofSeconds(15),
            Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15), Duration.ofMinutes(30),
            Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6)};

    private final MeterRegistry registry;

    public DvMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** Meters that go nowhere: Micrometer's composite registry with no registry in it (one-shot commands, plain clients). */
    public static DvMetrics none() {
        return new DvMetrics(new CompositeMeterRegistry());
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** A run ended: its status, how long it took, and its report's row counts by {@link RowOutcome}. */
    public void runEnded(String job, String status, Duration took, Map<String, Long> counts) {
        Counter.builder(MeterNames.RUNS).description("Runs that ended, by job and status")
                .tag(MeterNames.JOB, job).tag(MeterNames.STATUS, status).register(registry).increment();
        Timer.builder(MeterNames.RUN_DURATION).description("How long runs took, by job")
                .tag(MeterNames.JOB, job).serviceLevelObjectives(RUN_BUCKETS).register(registry)
                .record(took.isNegative() ? Duration.ZERO : took);
        counts.forEach((name, value) -> RowOutcome.ofCount(name).filter(outcome -> value != null && value > 0)
                .ifPresent(outcome -> Counter.builder(MeterNames.ROWS).description("Rows by job and outcome, from the reports' counts")
                        .tag(MeterNames.JOB, job).tag(MeterNames.OUTCOME, outcome.label()).register(registry).increment(value)));
    }

    /** The meters of one service ({@code dataverse}, {@code powerbi}) of one configured environment. */
    public ServiceMetrics service(String environment, String service) {
        return new ServiceMetrics(registry, environment, service);
    }
}
