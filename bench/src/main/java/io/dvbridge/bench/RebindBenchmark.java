package io.dvbridge.bench;

import io.dvbridge.cli.JobRuntime;
import io.dvbridge.jobs.RebindRequest;
import io.dvbridge.rebind.FeatureSelection;
import io.dvbridge.rebind.RebindCounts;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.rebind.WriteMode;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.fixture.Fixture;
import io.dvbridge.sandbox.fixture.FixtureLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The rebind benchmark (bench/README.md): for each size, N stale report rows in a generated sandbox world
 * with injected latency, rebound once by dvbridge's rebind job and once, against a fresh sandbox of the
 * same world, by the seed's algorithm ({@link SeedAlgorithm}). Prints requests, wall time and heap for
 * both, and fails (exit 1) when either run did not leave every row pointing at its target report, so a
 * fast run that wrote nothing cannot pass for a win.
 *
 * <p>System properties: {@code bench.sizes} (default {@code 1000,5000}), {@code bench.latency.ms} (30),
 * {@code bench.warmup} (rows of the unmeasured warm-up round of both implementations, 20; 0 = none),
 * {@code bench.timeline} (false).
 */
public final class RebindBenchmark {

    /** A Dataverse changeset holds at most 1,000 requests, so larger runs cannot be atomic. */
    private static final int MAX_ATOMIC_ROWS = 1000;
    private static final int AIM_ROWS = 1000;
    private static final double AIM_REQUEST_RATIO = 20;
    private static final double AIM_TIME_RATIO = 10;

    /** {@code -Dbench.timeline=true} prints when each request arrived and was answered. */
    private static final boolean TIMELINE = Boolean.getBoolean("bench.timeline");

    private final Duration latency;
    private final Path workDir;

    private RebindBenchmark(Duration latency, Path workDir) {
        this.latency = latency;
        this.workDir = workDir;
    }

    public static void main(String[] args) throws IOException {
        List<Integer> sizes = Arrays.stream(System.getProperty("bench.sizes", "1000,5000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
        Duration latency = Duration.ofMillis(Long.parseLong(System.getProperty("bench.latency.ms", "30")));
        int warmupRows = Integer.parseInt(System.getProperty("bench.warmup", "20"));
        Path workDir = Files.createTempDirectory("dvbridge-bench-");
        List<String> failures = new ArrayList<>();
        List<Measurement[]> pairs = new ArrayList<>();
        try {
            RebindBenchmark bench = new RebindBenchmark(latency, workDir);
            System.out.printf("dvbridge rebind benchmark: sizes %s, injected latency %d ms per request, warm-up %d rows, %d cores, "
                            + "Java %s, max heap %d MB%n", sizes, latency.toMillis(), warmupRows, Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"), Runtime.getRuntime().maxMemory() / (1024 * 1024));
            if (warmupRows > 0) {
                // both implementations once, unmeasured, so neither pays the JVM's class loading and JIT alone
                BenchFixture warmup = BenchFixture.write(workDir, warmupRows);
                bench.dvbridge(warmup, failures);
                bench.seed(warmup, failures);
                System.out.printf("  warm-up with %,d rows done%n", warmupRows);
            }
            for (int rows : sizes) {
                BenchFixture fixture = BenchFixture.write(workDir, rows);
                Measurement dvbridge = bench.dvbridge(fixture, failures);
                Measurement seed = bench.seed(fixture, failures);
                pairs.add(new Measurement[]{dvbridge, seed});
                System.out.printf("  %,d rows done: dvbridge %s, seed %s%n", rows, seconds(dvbridge.wallTime()), seconds(seed.wallTime()));
            }
        } finally {
            deleteRecursively(workDir);
        }
        System.out.println();
        System.out.print(table(pairs));
        System.out.println();
        System.out.print(breakdown(pairs));
        aim(pairs).ifPresent(System.out::println);
        if (!failures.isEmpty()) {
            System.out.println();
            failures.forEach(f -> System.out.println("VERIFICATION FAILED: " + f));
            System.exit(1);
        }
    }

    // ------------------------------------------------------------------ the two implementations

    private Measurement dvbridge(BenchFixture fixture, List<String> failures) throws IOException {
        Path runs = Files.createDirectories(workDir.resolve("runs-" + fixture.rows()));
        Map<String, String> overrides = Map.of(
                "dvbridge.sandbox.fixture", fixture.file().toString(),
                "dvbridge.sandbox.environments", fixture.environment(),
                "dvbridge.runs.dir", runs.toString());
        boolean atomic = fixture.rows() <= MAX_ATOMIC_ROWS;
        WriteMode mode = atomic ? WriteMode.ATOMIC : WriteMode.ROW_BY_ROW;
        String modeText = atomic ? "atomic: one changeset"
                : "row by row: $batch of 1,000, continue-on-error (a changeset holds at most 1,000)";
        try (JobRuntime runtime = JobRuntime.start(overrides, Optional.empty(),
                Optional.of(SandboxOptions.defaults().withLatency(latency)))) {
            Sandbox sandbox = runtime.sandbox().orElseThrow(() -> new IllegalStateException("the embedded sandbox did not start"));
            RebindRequest request = RebindRequest.of(fixture.environment()).withFeature(FeatureSelection.HISTORICAL).withMode(mode);
            HeapPeak heap = HeapPeak.start();
            sandbox.requestLog().clear();
            Instant startedAt = Instant.now();
            long started = System.nanoTime();
            RebindReport report = runtime.rebind(request);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            Measurement m = Measurement.of(fixture.rows(), "dvbridge rebind", modeText, sandbox.requestLog().entries(), startedAt,
                    wall, heap.peakBytes());
            RebindCounts counts = report.counts();
            if (counts.total() != fixture.rows() || counts.updated() != fixture.rows()) {
                failures.add("dvbridge at " + fixture.rows() + " rows: report says " + counts);
            }
            RowCheck.of(sandbox, fixture).problem().ifPresent(p -> failures.add("dvbridge at " + fixture.rows() + " rows: " + p));
            return m;
        }
    }

    private Measurement seed(BenchFixture fixture, List<String> failures) {
        Fixture world = FixtureLoader.load(fixture.file());
        String secret = world.tenants().get(0).apps().get(0).secrets().get(0);
        try (Sandbox sandbox = Sandbox.start(world, SandboxOptions.defaults().withLatency(latency))) {
            SeedAlgorithm seed = new SeedAlgorithm(sandbox.authority(fixture.tenantId()), sandbox.dataverseResource(fixture.environment()),
                    sandbox.powerBiApiUrl(), fixture.clientId(), secret, BenchFixture.HISTORICAL_FEATURE, sandbox.clientTls());
            HeapPeak heap = HeapPeak.start();
            sandbox.requestLog().clear();
            Instant startedAt = Instant.now();
            long started = System.nanoTime();
            SeedAlgorithm.Result result = seed.run();
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            Measurement m = Measurement.of(fixture.rows(), "seed algorithm", "sequential: one PATCH per row",
                    sandbox.requestLog().entries(), startedAt, wall, heap.peakBytes());
            if (result.rowsPatched() != fixture.rows()) {
                failures.add("seed at " + fixture.rows() + " rows: patched " + result.rowsPatched() + " of " + result.rowsRead()
                        + " rows read (" + result.rowsWithoutReport() + " without a report)");
            }
            RowCheck.of(sandbox, fixture).problem().ifPresent(p -> failures.add("seed at " + fixture.rows() + " rows: " + p));
            return m;
        }
    }

    // ------------------------------------------------------------------ output

    private static String table(List<Measurement[]> pairs) {
        StringBuilder out = new StringBuilder();
        String format = "| %,6d | %-16s | %-82s | %,8d | %9s | %9s | %8s | %14s | %10s |%n";
        out.append(String.format("| %6s | %-16s | %-82s | %8s | %9s | %9s | %8s | %14s | %10s |%n", "rows", "implementation",
                "write mode", "requests", "wall time", "in server", "heap peak", "requests ratio", "time ratio"));
        out.append("|-------:|------------------|").append("-".repeat(84))
                .append("|---------:|----------:|----------:|---------:|---------------:|-----------:|\n");
        for (Measurement[] pair : pairs) {
            Measurement dv = pair[0];
            Measurement seed = pair[1];
            double requestRatio = (double) seed.requests() / dv.requests();
            double timeRatio = (double) seed.wallTime().toNanos() / dv.wallTime().toNanos();
            out.append(String.format(format, dv.rows(), dv.implementation(), dv.mode(), dv.requests(), seconds(dv.wallTime()),
                    seconds(dv.serverTime()), megabytes(dv.heapPeakBytes()), String.format("%.0fx fewer", requestRatio),
                    String.format("%.1fx less", timeRatio)));
            out.append(String.format(format, seed.rows(), seed.implementation(), seed.mode(), seed.requests(), seconds(seed.wallTime()),
                    seconds(seed.serverTime()), megabytes(seed.heapPeakBytes()), "1x", "1x"));
        }
        return out.toString();
    }

    private static String breakdown(List<Measurement[]> pairs) {
        StringBuilder out = new StringBuilder("Requests by kind (\"in server\" is the time the sandbox spent answering, its latency included):\n");
        for (Measurement[] pair : pairs) {
            for (Measurement m : pair) {
                out.append(String.format("  %,6d rows, %-16s %s%n", m.rows(), m.implementation() + ":", m.requestsByKind()));
                if (TIMELINE) {
                    out.append(m.timeline());
                }
            }
        }
        return out.toString();
    }

    private static Optional<String> aim(List<Measurement[]> pairs) {
        return pairs.stream().filter(p -> p[0].rows() == AIM_ROWS).findFirst().map(pair -> {
            double requestRatio = (double) pair[1].requests() / pair[0].requests();
            double timeRatio = (double) pair[1].wallTime().toNanos() / pair[0].wallTime().toNanos();
            boolean met = requestRatio >= AIM_REQUEST_RATIO && timeRatio >= AIM_TIME_RATIO;
            return String.format("Aim at %,d rows (>= %.0fx fewer requests, >= %.0fx less wall time): %.0fx and %.1fx, %s",
                    AIM_ROWS, AIM_REQUEST_RATIO, AIM_TIME_RATIO, requestRatio, timeRatio, met ? "met" : "NOT met");
        });
    }

    private static String seconds(Duration d) {
        return String.format("%.2f s", d.toNanos() / 1e9);
    }

    private static String megabytes(long bytes) {
        return String.format("%d MB", bytes / (1024 * 1024));
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot remove the benchmark's temporary directory " + dir, e);
        }
    }
}
