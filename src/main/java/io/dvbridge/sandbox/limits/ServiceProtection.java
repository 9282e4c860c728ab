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
 * request times and a count of requests in flight, per caller key. It remembers the most requests each
 * key ever had in flight, so tests can check a client's concurrency, and it can throw a storm of 429s on
 * purpose ({@link #storm}).
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
    private final ThrottleStorm storm;

    public ServiceProtection(LimitsProfile profile, Clock clock) {
        this.profile = profile;
        this.clock = clock;
        this.storm = new ThrottleStorm(clock);
    }

    /**
     * Refuses the next {@code rejections} admissions with 429 and {@code retryAfter}; each refused caller stays
     * refused until its Retry-After has passed, so a client that comes back early is refused again.
     */
    public void storm(int rejections, Duration retryAfter) {
        storm.start(rejections, retryAfter);
    }

    /** The most requests {@code key} ({@code <app id>@<environment>} for Dataverse) ever had in flight at once. */
    public int peakInFlight(String key) {
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            return 0;
        }
        synchronized (bucket) {
            return bucket.peak;
        }
    }

    /** {@link #peakInFlight} of every key seen so far. */
    public java.util.Map<String, Integer> peaks() {
        java.util.Map<String, Integer> peaks = new java.util.TreeMap<>();
        buckets.keySet().forEach(key -> peaks.put(key, peakInFlight(key)));
        return peaks;
    }

    /** Forgets the peaks, e.g. between two parts of a benchmark. */
    public void resetPeaks() {
        buckets.values().forEach(b -> {
            synchronized (b) {
                b.peak = b.inFlight;
            }
        });
    }

    public LimitsProfile profile() {
        return profile;
    }

    /** Admits a request for {@code key} or says why not; an admitted request must close its permit. */
    public Admission admit(String key) {
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket());
        Optional<Duration> stormWait = storm.refuse(key);
        if (stormWait.isPresent()) {
            return new Admission(null, new Rejection(Kind.REQUESTS, stormWait.get(), profile.requestsPerWindow(), profile.window()));
        }
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
            bucket.peak = Math.max(bucket.peak, bucket.inFlight);
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
        int peak;
    }
}
