package io.dvbridge.http;

import java.time.Duration;

/**
 * How hard a call tries before it gives up.
 *
 * @param maxRetries         retries of an idempotent request after a 5xx (500, 502, 503, 504) or a connection error
 * @param initialBackoff     first backoff ceiling; each retry doubles it (full jitter: the wait is random below the ceiling)
 * @param maxBackoff         the ceiling never grows beyond this
 * @param maxThrottleRetries how many 429 answers are waited out before giving up
 * @param maxRetryAfter      a 429 asking for a longer wait than this fails at once instead of blocking the route
 * @param requestTimeout     limit for one attempt, from sending to the end of the response
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, int maxThrottleRetries,
                          Duration maxRetryAfter, Duration requestTimeout) {

    public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), 10,
            Duration.ofSeconds(300), Duration.ofSeconds(120));

    public RetryPolicy {
        if (maxRetries < 0 || maxThrottleRetries < 0) {
            throw new IllegalArgumentException("retry counts must not be negative");
        }
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        requirePositive(maxRetryAfter, "maxRetryAfter");
        requirePositive(requestTimeout, "requestTimeout");
    }

    /** Full jitter: a random wait in [0, min(maxBackoff, initialBackoff * 2^retry)). */
    Duration backoffCeiling(int retry) {
        long max = maxBackoff.toMillis();
        long ceiling = initialBackoff.toMillis();
        for (int i = 0; i < retry && ceiling < max; i++) {
            ceiling *= 2;
        }
        return Duration.ofMillis(Math.min(ceiling, max));
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
