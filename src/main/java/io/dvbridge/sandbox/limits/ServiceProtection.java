package io.dvbridge.sandbox.limits;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Dataverse's service protection limits (also used for Power BI's throttling): a sliding window of
 * request times and a count of requests in flight, per caller key.
 */
public final class ServiceProtection {

    /** Why a request was refused and how long the caller must wait. */
    public record Rejection(Kind kind, Duration retryAfter, int limit, Duration window) {
        public long retryAfterSeconds() {
            return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
        }
    }

    public enum Kind { REQUESTS, CONCURRENCY }

    /** Held while a request runs; closing it frees its concurrency slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    private final LimitsProfile profile;
    private final Clock clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public ServiceProtection(LimitsProfile profile, Clock clock) {
        this.profile = profile;
        this.clock = clock;
    }

    public LimitsProfile profile() {
        return profile;
    }

    /** Admits a request for {@code key} or says why not; an admitted request must close its permit. */
    public Admission admit(String key) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
        synchronized (bucket) {
            Instant now = clock.instant();
            Instant windowStart = now.minus(profile.window());
            while (!bucket.times.isEmpty() && !bucket.times.peekFirst().isAfter(windowStart)) {
                bucket.times.pollFirst();
            }
            if (bucket.inFlight >= profile.concurrentRequests()) {
                return new Admission(null, new Rejection(Kind.CONCURRENCY, Duration.ofSeconds(1),
                        profile.concurrentRequests(), profile.window()));
            }
            if (bucket.times.size() >= profile.requestsPerWindow()) {
                Duration wait = Duration.between(now, bucket.times.peekFirst().plus(profile.window()));
                return new Admission(null, new Rejection(Kind.REQUESTS, wait, profile.requestsPerWindow(), profile.window()));
            }
            bucket.times.addLast(now);
            bucket.inFlight++;
        }
        return new Admission(() -> {
            synchronized (bucket) {
                bucket.inFlight--;
            }
        }, null);
    }

    /** Either a permit or a rejection. */
    public record Admission(Permit permit, Rejection rejection) {
        public Optional<Rejection> rejected() {
            return Optional.ofNullable(rejection);
        }
    }

    private static final class Bucket {
        final ArrayDeque<Instant> times = new ArrayDeque<>();
        int inFlight;
    }
}
