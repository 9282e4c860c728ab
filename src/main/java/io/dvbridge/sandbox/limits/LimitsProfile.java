package io.dvbridge.sandbox.limits;

import java.time.Duration;

/**
 * Service protection limits per (application user, environment): requests in a sliding window and
 * requests in flight. {@code real} is Dataverse's documented numbers; {@code test} is small enough
 * for a test to reach in seconds.
 */
public record LimitsProfile(String name, int requestsPerWindow, Duration window, int concurrentRequests) {

    public static final LimitsProfile REAL = new LimitsProfile("real", 6000, Duration.ofSeconds(300), 52);
    public static final LimitsProfile TEST = new LimitsProfile("test", 20, Duration.ofSeconds(3), 4);
    /**
     * Dataverse's 52 concurrent requests per user without the 6,000-per-5-minutes window: a benchmark of one
     * request per row would otherwise wait hours (1,000,000 rows at 20 requests per second), which measures the
     * window, not the client.
     */
    public static final LimitsProfile BENCH = new LimitsProfile("bench", Integer.MAX_VALUE, Duration.ofSeconds(300), 52);

    public static LimitsProfile named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "real" -> REAL;
            case "test" -> TEST;
            case "bench" -> BENCH;
            default -> throw new IllegalArgumentException("Unknown limits profile '" + name + "' (real, test or bench)");
        };
    }
}
