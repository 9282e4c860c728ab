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

    public static LimitsProfile named(String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "real" -> REAL;
            case "test" -> TEST;
            default -> throw new IllegalArgumentException("Unknown limits profile '" + name + "' (real or test)");
        };
    }
}
