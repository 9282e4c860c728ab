package io.dvbridge.http;

import java.time.Duration;
import java.util.Optional;

/**
 * Decides how many requests of one application user may be in flight at once. {@link ResilientHttpExecutor}
 * asks before every attempt and reports how each one ended, so every caller that shares a limiter (every
 * route thread, every endpoint of the same environment and user) is paced together.
 */
public interface ConcurrencyLimiter {

    /** No limit: every request goes at once. */
    ConcurrencyLimiter NONE = new ConcurrencyLimiter() {
        @Override
        public void acquire() {
        }

        @Override
        public void release(Answer answer) {
        }
    };

    /** Blocks until one more request may go; every call must be followed by one {@link #release}. */
    void acquire();

    /** The request that {@link #acquire} admitted has ended. */
    void release(Answer answer);

    /**
     * How an attempt ended: {@code status} 0 when no answer came; {@code retryAfter} of a 429; the service's
     * recommended degree of parallelism ({@code x-ms-dop-hint}) when the answer carried one.
     */
    record Answer(int status, Optional<Duration> retryAfter, Optional<Integer> dopHint) {
        public static Answer none() {
            return new Answer(0, Optional.empty(), Optional.empty());
        }
    }
}
