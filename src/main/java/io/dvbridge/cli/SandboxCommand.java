package io.dvbridge.cli;

import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.fixture.Fixture;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.fixture.TenantSpec;
import io.dvbridge.sandbox.fixture.EnvironmentSpec;
import io.dvbridge.sandbox.limits.LimitsProfile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code dvbridge sandbox}: runs the sandbox tenant in the foreground until stopped. */
@Command(name = "sandbox", mixinStandardHelpOptions = true,
        header = "Start the sandbox tenant: Entra ID, Dataverse and Power BI.",
        description = "Start the sandbox tenant (Entra ID, Dataverse Web API, Power BI REST) over HTTPS, on 127.0.0.1 unless --bind says otherwise; --host names it for clients in other containers.")
final class SandboxCommand implements Callable<Integer> {

    @Option(names = "--fixture", required = true, description = "Fixture YAML (see docs/sandbox.md), e.g. config/sandbox/demo.yaml")
    Path fixture;

    @Option(names = "--port", defaultValue = "0", description = "Port to listen on; 0 picks free ones. A fixed port N serves the environments' own origins on N+1, N+2, ... in fixture order (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--bind", defaultValue = "127.0.0.1", description = "Address to listen on; 0.0.0.0 in a container (default: ${DEFAULT-VALUE})")
    String bindAddress;

    @Option(names = "--host", description = "Host name clients reach the sandbox by, e.g. its compose service name: the URLs it prints and serves use it and its certificate names it (default: the --bind address, or 127.0.0.1 when that is 0.0.0.0)")
    String hostName;

    @Option(names = "--ca-out", description = "Write the PEM of the sandbox's self-signed certificate here, for clients to trust")
    Path caOut;

    @Option(names = "--latency-ms", defaultValue = "0", description = "Latency added to every request, in ms (default: ${DEFAULT-VALUE})")
    long latencyMs;

    @Option(names = "--fault-rate", defaultValue = "0", description = "Share of Dataverse and Power BI requests answered with 500, 503 or a dropped connection, 0..1 (default: ${DEFAULT-VALUE})")
    double faultRate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for injected faults and generated rows (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--limits", defaultValue = "real", description = "Service protection limits: real (6,000 requests per 300 s, 52 concurrent) or test (small) (default: ${DEFAULT-VALUE})")
    String limits;

    @Option(names = "--token-lifetime-s", defaultValue = "3600", description = "Lifetime of issued tokens in seconds (default: ${DEFAULT-VALUE})")
    long tokenLifetimeSeconds;

    @Override
    public Integer call() throws Exception {
        Fixture world = FixtureLoader.load(fixture);
        SandboxOptions options = SandboxOptions.defaults().withBindAddress(bindAddress).withPort(port).withLatency(Duration.ofMillis(latencyMs))
                .withFaultRate(faultRate).withSeed(seed).withLimits(LimitsProfile.named(limits))
                .withTokenLifetime(Duration.ofSeconds(tokenLifetimeSeconds)).withHostName(hostName);
        CountDownLatch stopped = new CountDownLatch(1);
        try (Sandbox sandbox = Sandbox.start(world, options)) {
            if (caOut != null) {
                writeAtomically(caOut, sandbox.certificatePem());
            }
            describe(sandbox, world, System.out);
            Thread hook = new Thread(stopped::countDown);
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stopped.await();
            } catch (InterruptedException e) {
                // Embedded use (tests, tools) stops the sandbox by interrupting its thread: a normal end.
                Runtime.getRuntime().removeShutdownHook(hook);
                Thread.currentThread().interrupt();
            }
        }
        return 0;
    }

    /** A client waiting for the file (a health check, another container) never reads half a certificate. */
    private static void writeAtomically(Path target, String text) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
        try {
            Files.writeString(temp, text);
            Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private void describe(Sandbox sandbox, Fixture world, PrintStream out) {
        out.println("dvbridge sandbox listening on " + sandbox.baseUrl());
        for (TenantSpec t : world.tenants()) {
            out.println("  Entra ID authority   " + sandbox.authority(t.id()) + (t.name() == null ? "" : "  (" + t.name() + ")"));
        }
        for (EnvironmentSpec e : world.environments()) {
            String label = "  Dataverse " + pad(e.name()) + " ";
            out.println(label + sandbox.dataverseOriginApiUrl(e.name()) + "  (organization URL " + sandbox.dataverseOrigin(e.name()) + ")");
            out.println(" ".repeat(label.length()) + sandbox.dataverseApiUrl(e.name()) + "  (same environment, path form)");
        }
        out.println("  Power BI             " + sandbox.powerBiApiUrl());
        out.println("  Request log          " + sandbox.baseUrl() + "/_sandbox/requests  (counters: /_sandbox/stats)");
        if (caOut != null) {
            out.println("  Certificate (PEM)    " + caOut.toAbsolutePath());
        }
        out.println("Limits " + sandbox.options().limits().name() + ", latency " + latencyMs + " ms, fault rate " + faultRate
                + ", seed " + seed + ". Stop with Ctrl+C.");
        out.flush();
    }

    private static String pad(String s) {
        return String.format("%-10s", s);
    }
}
