package io.dvbridge.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The concurrency of one application user of one environment, adapted to what the service says
 * ("Send parallel requests" and "Service protection API limits",
 * learn.microsoft.com/power-apps/developer/data-platform/send-parallel-requests and api-limits):
 * <ul>
 * <li>one request goes first; its answer's {@code x-ms-dop-hint} becomes the starting limit (without a hint:
 *     {@value #START_WITHOUT_HINT});</li>
 * <li>never more than {@code ceiling} in flight (at most {@value #SERVICE_MAXIMUM}, Dataverse's limit of
 *     concurrent requests per user, error -2147015898);</li>
 * <li>a 429 halves the limit and holds every new request back until its Retry-After has passed;</li>
 * <li>after as many successful answers in a row as the limit, the limit grows by one (additive increase).</li>
 * </ul>
 * Thread-safe; {@link #peakInFlight()} tells what really happened.
 */
public final class AdaptiveConcurrencyLimiter implements ConcurrencyLimiter {

    public static final int SERVICE_MAXIMUM = 52;
    static final int START_WITHOUT_HINT = 4;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int ceiling;
    private int limit = 1;
    private boolean started;
    private int inFlight;
    private int peak;
    private int successes;
    private long pausedUntilNanos = System.nanoTime();
    private long throttles;

    /** @param ceiling the most requests in flight, 1 to {@value #SERVICE_MAXIMUM} */
    public AdaptiveConcurrencyLimiter(int ceiling) {
        if (ceiling < 1 || ceiling > SERVICE_MAXIMUM) {
            throw new IllegalArgumentException("maxConcurrency must be between 1 and " + SERVICE_MAXIMUM + ", not " + ceiling);
        }
        this.ceiling = ceiling;
    }

    @Override
    public void acquire() {
        lock.lock();
        try {
            while (true) {
                long pause = pausedUntilNanos - System.nanoTime();
                if (pause > 0) {
                    changed.awaitNanos(pause);
                } else if (inFlight < limit) {
                    break;
                } else {
                    changed.await(1, TimeUnit.SECONDS);
                }
            }
            inFlight++;
            peak = Math.max(peak, inFlight);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a free request slot", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(Answer answer) {
        lock.lock();
        try {
            inFlight--;
            if (!started && answer.status() != 0) {
                started = true;
                limit = Math.min(ceiling, Math.max(1, answer.dopHint().orElse(START_WITHOUT_HINT)));
            }
            if (answer.status() == 429) {
                throttles++;
                limit = Math.max(1, limit / 2);
                successes = 0;
                long until = System.nanoTime() + answer.retryAfter().orElse(Duration.ofSeconds(1)).toNanos();
                pausedUntilNanos = Math.max(pausedUntilNanos, until);
            } else if (answer.status() >= 200 && answer.status() < 500 && ++successes >= limit && limit < ceiling) {
                limit++;
                successes = 0;
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** How many more requests would be admitted now (negative when over a lowered limit). */
    public int available() {
        lock.lock();
        try {
            return limit - inFlight;
        } finally {
            lock.unlock();
        }
    }

    public int limit() {
        lock.lock();
        try {
            return limit;
        } finally {
            lock.unlock();
        }
    }

    /** The most requests that were ever in flight at once. */
    public int peakInFlight() {
        lock.lock();
        try {
            return peak;
        } finally {
            lock.unlock();
        }
    }

    /** How many 429 answers lowered the limit. */
    public long throttles() {
        lock.lock();
        try {
            return throttles;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String toString() {
        return "AdaptiveConcurrencyLimiter[limit=" + limit() + ", ceiling=" + ceiling + ", peak=" + peakInFlight() + "]";
    }
}
