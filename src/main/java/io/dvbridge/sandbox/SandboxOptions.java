package io.dvbridge.sandbox;

import io.dvbridge.sandbox.limits.LimitsProfile;

import java.time.Duration;

/**
 * How the sandbox runs: the address it binds (127.0.0.1 by default; a container binds 0.0.0.0), the host
 * name clients reach it by (empty: the bind address, or 127.0.0.1 when it binds every interface; a compose
 * service name such as {@code sandbox} in a container network), its port (0 = any free port; a fixed port N gives the environments N+1, N+2, ... in fixture order),
 * injected latency per request, the share of Dataverse and Power BI requests that fail on purpose, the
 * seed that makes those failures repeatable, the service protection limits and the lifetime of issued
 * tokens.
 */
public record SandboxOptions(String bindAddress, int port, Duration latency, double faultRate, long seed, LimitsProfile limits,
                             Duration tokenLifetime, String hostName) {

    public static final String LOOPBACK = "127.0.0.1";

    public static SandboxOptions defaults() {
        return new SandboxOptions(LOOPBACK, 0, Duration.ZERO, 0.0, 42L, LimitsProfile.REAL, Duration.ofMinutes(60), "");
    }

    public SandboxOptions withBindAddress(String value) {
        return new SandboxOptions(value, port, latency, faultRate, seed, limits, tokenLifetime, hostName);
    }

    public SandboxOptions withPort(int value) {
        return new SandboxOptions(bindAddress, value, latency, faultRate, seed, limits, tokenLifetime, hostName);
    }

    public SandboxOptions withLatency(Duration value) {
        return new SandboxOptions(bindAddress, port, value, faultRate, seed, limits, tokenLifetime, hostName);
    }

    public SandboxOptions withFaultRate(double value) {
        return new SandboxOptions(bindAddress, port, latency, value, seed, limits, tokenLifetime, hostName);
    }

    public SandboxOptions withSeed(long value) {
        return new SandboxOptions(bindAddress, port, latency, faultRate, value, limits, tokenLifetime, hostName);
    }

    public SandboxOptions withLimits(LimitsProfile value) {
        return new SandboxOptions(bindAddress, port, latency, faultRate, seed, value, tokenLifetime, hostName);
    }

    public SandboxOptions withTokenLifetime(Duration value) {
        return new SandboxOptions(bindAddress, port, latency, faultRate, seed, limits, value, hostName);
    }

    /** The name clients use: URLs the sandbox prints and returns carry it, and its certificate names it. */
    public SandboxOptions withHostName(String value) {
        return new SandboxOptions(bindAddress, port, latency, faultRate, seed, limits, tokenLifetime, value == null ? "" : value.strip());
    }
}
