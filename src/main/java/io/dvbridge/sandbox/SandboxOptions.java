package io.dvbridge.sandbox;

import io.dvbridge.sandbox.limits.LimitsProfile;

import java.time.Duration;

/**
 * How the sandbox runs: the address it binds (127.0.0.1 by default; a container binds 0.0.0.0), its
 * port (0 = any free port; a fixed port N gives the environments N+1, N+2, ... in fixture order),
 * injected latency per request, the share of Dataverse and Power BI requests that fail on purpose, the
 * seed that makes those failures repeatable, the service protection limits and the lifetime of issued
 * tokens.
 */
public record SandboxOptions(String bindAddress, int port, Duration latency, double faultRate, long seed, LimitsProfile limits,
                             Duration tokenLifetime) {

    public static final String LOOPBACK = "127.0.0.1";

    public static SandboxOptions defaults() {
        return new SandboxOptions(LOOPBACK, 0, Duration.ZERO, 0.0, 42L, LimitsProfile.REAL, Duration.ofMinutes(60));
    }

    public SandboxOptions withBindAddress(String value) {
        return new SandboxOptions(value, port, latency, faultRate, seed, limits, tokenLifetime);
    }

    public SandboxOptions withPort(int value) {
        return new SandboxOptions(bindAddress, value, latency, faultRate, seed, limits, tokenLifetime);
    }

    public SandboxOptions withLatency(Duration value) {
        return new SandboxOptions(bindAddress, port, value, faultRate, seed, limits, tokenLifetime);
    }

    public SandboxOptions withFaultRate(double value) {
        return new SandboxOptions(bindAddress, port, latency, value, seed, limits, tokenLifetime);
    }

    public SandboxOptions withSeed(long value) {
        return new SandboxOptions(bindAddress, port, latency, faultRate, value, limits, tokenLifetime);
    }

    public SandboxOptions withLimits(LimitsProfile value) {
        return new SandboxOptions(bindAddress, port, latency, faultRate, seed, value, tokenLifetime);
    }

    public SandboxOptions withTokenLifetime(Duration value) {
        return new SandboxOptions(bindAddress, port, latency, faultRate, seed, limits, value);
    }
}
