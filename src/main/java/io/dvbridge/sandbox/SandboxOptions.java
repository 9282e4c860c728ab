package io.dvbridge.sandbox;

import io.dvbridge.sandbox.limits.LimitsProfile;

import java.time.Duration;

/**
 * How the sandbox runs: port (0 = any free port), injected latency per request, the share of
 * Dataverse and Power BI requests that fail on purpose, the seed that makes those failures
 * repeatable, the service protection limits and the lifetime of issued tokens.
 */
public record SandboxOptions(int port, Duration latency, double faultRate, long seed, LimitsProfile limits,
                             Duration tokenLifetime) {

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, Duration.ZERO, 0.0, 42L, LimitsProfile.REAL, Duration.ofMinutes(60));
    }

    public SandboxOptions withPort(int value) {
        return new SandboxOptions(value, latency, faultRate, seed, limits, tokenLifetime);
    }

    public SandboxOptions withLatency(Duration value) {
        return new SandboxOptions(port, value, faultRate, seed, limits, tokenLifetime);
    }

    public SandboxOptions withFaultRate(double value) {
        return new SandboxOptions(port, latency, value, seed, limits, tokenLifetime);
    }

    public SandboxOptions withSeed(long value) {
        return new SandboxOptions(port, latency, faultRate, value, limits, tokenLifetime);
    }

    public SandboxOptions withLimits(LimitsProfile value) {
        return new SandboxOptions(port, latency, faultRate, seed, value, tokenLifetime);
    }

    public SandboxOptions withTokenLifetime(Duration value) {
        return new SandboxOptions(port, latency, faultRate, seed, limits, value);
    }
}
