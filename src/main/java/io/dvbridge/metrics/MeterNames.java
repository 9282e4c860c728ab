package io.dvbridge.metrics;

/**
 * dvbridge's meters and their tags, named once. Micrometer names; Prometheus shows them with {@code _} for {@code .},
 * counters with {@code _total} and timers in {@code _seconds} (docs/operations.md lists both spellings).
 * Every tag takes values from a bounded set: configured environments, catalog jobs, statuses, status classes.
 */
public final class MeterNames {

    /** Counter: runs that ended, by job and status. */
    public static final String RUNS = "dvbridge.runs";
    /** Timer (histogram): how long runs took, by job. */
    public static final String RUN_DURATION = "dvbridge.run.duration";
    /** Counter: rows by job and outcome (read, written, rejected, failed), from the reports' counts ({@link RowOutcome}). */
    public static final String ROWS = "dvbridge.rows";
    /** Counter: HTTP answers (every attempt) from Dataverse and Power BI, by environment, service and status class. */
    public static final String REQUESTS = "dvbridge.requests";
    /** Counter: 429 answers, by environment and service. */
    public static final String THROTTLED = "dvbridge.throttled";
    /** Counter in seconds: time waited on Retry-After (or backoff without one) after 429 answers. */
    public static final String THROTTLE_WAIT = "dvbridge.throttle.wait";
    /** Counter: bearer tokens handed to requests, by environment, service and source (cached or fetched). */
    public static final String TOKENS = "dvbridge.tokens";
    /** Gauge: messages waiting in a queue of the queue trigger, sampled in the background. */
    public static final String QUEUE_DEPTH = "dvbridge.queue.depth";

    public static final String JOB = "job";
    public static final String STATUS = "status";
    public static final String OUTCOME = "outcome";
    public static final String ENVIRONMENT = "environment";
    public static final String SERVICE = "service";
    public static final String SOURCE = "source";
    public static final String QUEUE = "queue";

    private MeterNames() {
    }
}
