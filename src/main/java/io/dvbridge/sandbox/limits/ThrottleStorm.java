package io.dvbridge.sandbox.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A burst of 429 answers injected on purpose: the next {@code rejections} requests are refused with a
 * Retry-After, and a refused caller stays refused until that time has passed (as Dataverse keeps refusing a
 * user who comes back early), so a client that ignores Retry-After meets more 429s than one that waits.
 */
final class ThrottleStorm {

    private final Clock clock;
    private final Map<String, Instant> blockedUntil = new HashMap<>();
    private int remaining;
    private Duration retryAfter = Duration.ZERO;

    ThrottleStorm(Clock clock) {
        this.clock = clock;
    }

    synchronized void start(int rejections, Duration wait) {
        if (rejections < 0 || wait.isNegative() || wait.isZero()) {
            throw new IllegalArgumentException("a storm needs a non-negative count and a positive Retry-After");
        }
        remaining = rejections;
        retryAfter = wait;
    }

    /** How long {@code key} must wait, when this request is refused. */
    synchronized Optional<Duration> refuse(String key) {
        Instant now = clock.instant();
        Instant until = blockedUntil.get(key);
        if (until != null && now.isBefore(until)) {
            return Optional.of(Duration.between(now, until));
        }
        if (remaining > 0) {
            remaining--;
            blockedUntil.put(key, now.plus(retryAfter));
            return Optional.of(retryAfter);
        }
        return Optional.empty();
    }
}
