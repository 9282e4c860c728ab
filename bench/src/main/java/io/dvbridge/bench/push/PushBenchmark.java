package io.dvbridge.bench.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.auth.Credential;
import io.dvbridge.auth.TokenSource;
import io.dvbridge.auth.TokenSourceRegistry;
import io.dvbridge.auth.TrustStores;
import io.dvbridge.cli.JobRuntime;
import io.dvbridge.jobs.PushReport;
import io.dvbridge.jobs.PushRequest;
import io.dvbridge.push.WriteMode;
import io.dvbridge.config.DvEnvironment;
import io.dvbridge.config.Environments;
import io.dvbridge.config.UnknownEnvironmentException;
import io.dvbridge.dataverse.BulkRow;
import io.dvbridge.dataverse.BulkRowResult;
import io.dvbridge.dataverse.DataverseComponent;
import io.dvbridge.http.HttpClients;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pushes N generated rows (3 of them bad) into one table of the sandbox with 30 ms latency, three ways, each into a
 * fresh sandbox from the same fixture (bench/README.md):
 * <ol>
 * <li><b>dvbridge</b>: a YAML route splits the rows (streamed, 500 per exchange) over a pool of 52 threads into
 *     {@code dataverse:createMultiple}; the component's per-user limiter decides how many requests are in flight and
 *     bisects a failed request down to its bad rows. With {@code bench.ways} naming {@code job}, the push job runs
 *     too, from the same rows written to a CSV ({@link #pushJob}).</li>
 * <li><b>one POST per row</b> from 52 threads (java.net.http, the same msal4j token).</li>
 * <li><b>the seed's approach</b>: one {@code $batch} changeset of 500 creates at a time, sequentially, no retry: a
 *     changeset with a bad row loses its 499 good ones.</li>
 * </ol>
 * Rows are generated as they are sent, so the client holds at most the rows in flight. The sandbox runs in a JVM of
 * its own and keeps every row it stores; the heap figure is this JVM's, the client's alone. Requests, the most in
 * flight and the rows landed are the sandbox's own counts ({@code /_sandbox/stats}).
 */
public final class PushBenchmark {

    static final String TABLE = "dvb_benchrow";
    static final String SET = "dvb_benchrows";
    private static final String TENANT = "8a2b3c4d-0000-4000-8000-00000000b001";
    private static final String APP = "8a2b3c4d-0000-4000-8000-00000000b002";
    private static final String ORG = "bench-org";
    private static final int THREADS = 52;
    private static final int CHUNK = 500;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The component route (body: an Iterator of List of BulkRow); the push job is measured by {@link #pushJob}. */
    static final String DVBRIDGE_ROUTE = """
            - route:
                from:
                  uri: direct:push
                  steps:
                    - split:
                        simple: "${body}"
                        streaming: true
                        parallelProcessing: true
                        executorService: pushPool
                        steps:
                          - to: "dataverse:createMultiple/dvb_benchrow?environment=bench&batchSize=500"
                          - process:
                              ref: tally
            """;

    private final int rows;
    private final Duration latency;
    private final Set<Long> bad;
    private final String secret = "bench-" + UUID.randomUUID();

    PushBenchmark(int rows, Duration latency) {
        this.rows = rows;
        this.latency = latency;
        this.bad = new TreeSet<>(List.of((long) rows / 3, (long) rows / 2, (long) rows - 7));
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.getInteger("bench.rows", 1_000_000);
        Duration latency = Duration.ofMillis(Long.getLong("bench.latency.ms", 30));
        PushBenchmark bench = new PushBenchmark(rows, latency);
        System.out.printf(Locale.ROOT, "Push benchmark: %,d rows (bad: %s), %d ms latency, limits: 52 concurrent per user%n%n",
                rows, bench.bad, latency.toMillis());
        // bench.ways=dvbridge,seed skips (a), whose 18 minutes at 1,000,000 rows measure the latency, not the sandbox
        Set<String> ways = Set.of(System.getProperty("bench.ways", "dvbridge,post,seed").split(","));
        List<Result> results = new ArrayList<>();
        if (ways.contains("job")) {
            results.add(bench.pushJob());
        }
        results.add(bench.dvbridge());
        if (ways.contains("post")) {
            results.add(bench.postPerRow());
        }
        if (ways.contains("seed")) {
            results.add(bench.seedBatches());
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "%-26s %10s %12s %10s %12s %10s %10s %10s%n", "", "requests", "wall", "rows/s",
                "max flight", "heap MB", "landed", "refused");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "%-26s %,10d %12s %,10.0f %12d %,10d %,10d %,10d%n", r.name, r.requests,
                    String.format(Locale.ROOT, "%.1f s", r.wall.toMillis() / 1000.0), r.rows / (r.wall.toMillis() / 1000.0),
                    r.maxInFlight, r.heapPeak / (1024 * 1024), r.landed, r.refused);
        }
        Result ours = results.stream().filter(r -> r.name.startsWith("dvbridge")).findFirst().orElseThrow();
        for (Result other : results.stream().filter(r -> !r.name.startsWith("dvbridge")).toList()) {
            System.out.printf(Locale.ROOT, "%ndvbridge against %s: %.1fx fewer requests, %.2fx the rows/s.", other.name,
                    (double) other.requests / ours.requests, (ours.rows / (double) ours.wall.toMillis())
                            / (other.rows / (double) other.wall.toMillis()));
        }
        System.out.println();
        boolean exact = true;
        for (Result r : results.stream().filter(r -> r.name.startsWith("dvbridge")).toList()) {
            boolean right = r.refusedRows.equals(bench.bad) && r.landed == rows - bench.bad.size();
            System.out.println(right ? r.name + " refused exactly the bad rows " + r.refusedRows + " and landed the rest."
                    : "VERIFICATION FAILED: " + r.name + " refused " + r.refusedRows + " and landed " + r.landed);
            exact &= right;
        }
        System.exit(exact ? 0 : 1);
    }

    record Result(String name, int rows, long requests, Duration wall, int maxInFlight, long heapPeak, long landed,
                  long refused, Set<Long> refusedRows) {
    }

    // ---------------------------------------------------------------- the three ways

    Result dvbridge() throws Exception {
        try (World world = new World()) {
            ConcurrentSkipListSet<Long> refused = new ConcurrentSkipListSet<>();
            Processor tally = exchange -> {
                @SuppressWarnings("unchecked")
                List<BulkRowResult> results = exchange.getMessage().getBody(List.class);
                results.stream().filter(r -> !r.written()).forEach(r -> refused.add(r.rowNumber()));
            };
            ThreadPoolExecutor pool = new ThreadPoolExecutor(THREADS, THREADS, 1, TimeUnit.MINUTES,
                    new ArrayBlockingQueue<>(THREADS), new ThreadPoolExecutor.CallerRunsPolicy());
            CamelContext camel = new DefaultCamelContext();
            camel.getRegistry().bind("environments", world.environments());
            camel.getRegistry().bind("pushPool", pool);
            camel.getRegistry().bind("tally", tally);
            PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("push-bench.camel.yaml", DVBRIDGE_ROUTE));
            camel.start();
            try {
                return world.measure("dvbridge createMultiple", () -> camel.createProducerTemplate().sendBody("direct:push", chunks()),
                        () -> camel.getComponent("dataverse", DataverseComponent.class).concurrency("bench").peakInFlight(),
                        refused);
            } finally {
                camel.stop();
                pool.shutdownNow();
            }
        }
    }

    /**
     * The push job as a user runs it ({@code dvbridge push -e bench --table dvb_benchrow --from rows.csv --mode create
     * --max-rejects 3}): a generated CSV, validated against the table's metadata first (the bad rows are rejected
     * there, never sent), then written in parallel bulk requests with checkpoints. Refused rows are the job's rejects
     * file (CSV row numbers, 1 = the first row after the header, as the generator numbers them).
     */
    Result pushJob() throws Exception {
        try (World world = new World()) {
            Path dir = Files.createTempDirectory("dvbridge-push-job");
            Path csv = dir.resolve("rows.csv");
            try (java.io.BufferedWriter out = Files.newBufferedWriter(csv)) {
                out.write("dvb_name,dvb_number\n");
                for (long n = 1; n <= rows; n++) {
                    out.write("Row " + n + "," + (bad.contains(n) ? -1 : n) + "\n");
                }
            }
            Path rejects = dir.resolve("rejects.csv");
            Map<String, String> config = new java.util.HashMap<>();
            config.put("dvbridge.runs.dir", dir.resolve("runs").toString());
            config.put("dvbridge.sandbox.environments", "");
            String prefix = "dvbridge.environment.bench.";
            config.put(prefix + "dataverse-url", world.base + "/orgs/" + ORG);
            config.put(prefix + "authority", world.base + "/" + TENANT + "/");
            config.put(prefix + "client-id", APP);
            config.put(prefix + "client-secret", secret); // the generated fixture's own, in memory only
            config.put(prefix + "powerbi-url", world.base + "/powerbi/v1.0/myorg/");
            config.put(prefix + "trust-pem", world.ca.toString());
            ConcurrentSkipListSet<Long> refused = new ConcurrentSkipListSet<>();
            try (JobRuntime runtime = JobRuntime.start(config, Optional.empty())) {
                return world.measure("dvbridge push job (CSV)", () -> {
                    PushReport report = (PushReport) runtime.run("push", new PushRequest("bench", TABLE, csv.toString(), Optional.empty(),
                            WriteMode.CREATE, Optional.empty(), false, false, Optional.of(rejects), Optional.of("3"), CHUNK, false));
                    System.out.println("push job: " + report.summary());
                    for (String line : Files.readAllLines(rejects).subList(1, Files.readAllLines(rejects).size())) {
                        refused.add(Long.parseLong(line.substring(0, line.indexOf(','))));
                    }
                }, () -> runtime.context().getComponent("dataverse", DataverseComponent.class).concurrency("bench").peakInFlight(), refused);
            }
        }
    }

    Result postPerRow() throws Exception {
        try (World world = new World()) {
            ConcurrentSkipListSet<Long> refused = new ConcurrentSkipListSet<>();
            AtomicLong next = new AtomicLong(1);
            return world.measure("(a) one POST per row", () -> {
                List<Thread> threads = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    Thread thread = new Thread(() -> {
                        for (long n = next.getAndIncrement(); n <= rows; n = next.getAndIncrement()) {
                            HttpResponse<String> answer = world.send("POST", SET, "application/json", json(n));
                            if (answer.statusCode() >= 300) {
                                refused.add(n);
                            }
                        }
                    });
                    thread.start();
                    threads.add(thread);
                }
                for (Thread thread : threads) {
                    thread.join();
                }
            }, () -> 0, refused);
        }
    }

    Result seedBatches() throws Exception {
        try (World world = new World()) {
            ConcurrentSkipListSet<Long> refused = new ConcurrentSkipListSet<>();
            return world.measure("(b) seed: $batch of 500", () -> {
                for (long first = 1; first <= rows; first += CHUNK) {
                    long last = Math.min(rows, first + CHUNK - 1);
                    HttpResponse<String> answer = world.send("POST", "$batch", "multipart/mixed; boundary=batch_bench",
                            changeset(first, last));
                    if (answer.statusCode() >= 300 || answer.body().contains("HTTP/1.1 4")) {
                        for (long n = first; n <= last; n++) {
                            refused.add(n);
                        }
                    }
                }
            }, () -> 0, refused);
        }
    }

    // ---------------------------------------------------------------- rows

    /** Row n as JSON; a bad row has a negative number, below the column's minimum of 0. */
    private String json(long n) {
        return "{\"dvb_name\":\"Row " + n + "\",\"dvb_number\":" + (bad.contains(n) ? -1 : n) + "}";
    }

    private BulkRow row(long n) {
        return new BulkRow(n, Map.of(), Map.of("dvb_name", "Row " + n, "dvb_number", bad.contains(n) ? -1L : n));
    }

    /** The rows in lists of 500, made as the split asks for them. */
    private Iterator<List<BulkRow>> chunks() {
        return new Iterator<>() {
            private long next = 1;

            @Override
            public boolean hasNext() {
                return next <= rows;
            }

            @Override
            public List<BulkRow> next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                List<BulkRow> chunk = new ArrayList<>(CHUNK);
                for (int i = 0; i < CHUNK && next <= rows; i++) {
                    chunk.add(row(next++));
                }
                return chunk;
            }
        };
    }

    /** The seed's request: one changeset of creates, CRLF line ends. */
    private String changeset(long first, long last) {
        StringBuilder body = new StringBuilder("--batch_bench\r\nContent-Type: multipart/mixed; boundary=changeset_bench\r\n\r\n");
        for (long n = first; n <= last; n++) {
            body.append("--changeset_bench\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ")
                    .append(n - first + 1).append("\r\n\r\nPOST ").append(SET).append(" HTTP/1.1\r\nContent-Type: application/json\r\n\r\n")
                    .append(json(n)).append("\r\n");
        }
        return body.append("--changeset_bench--\r\n--batch_bench--\r\n").toString();
    }

    // ---------------------------------------------------------------- one sandbox

    /**
     * A fresh sandbox from the fixture in a JVM of its own ({@code dvbridge sandbox}, {@code -Xmx} = {@code bench.sandbox.xmx}),
     * so that this JVM's heap is the client's alone; its environment as dvbridge configures it, and a plain client.
     */
    private final class World implements AutoCloseable {
        final Process sandbox;
        final String base;
        final Path ca;
        final TokenSource tokens;
        final DvEnvironment environment;
        final HttpClient http;

        World() throws IOException, InterruptedException {
            String fixture = """
                    tenants:
                      - id: %s
                        name: bench
                        apps:
                          - {clientId: %s, name: bench-pusher, secrets: ["%s"]}
                    environments:
                      - name: %s
                        tenant: bench
                        dopHint: 16
                        tables:
                          - logicalName: %s
                            entitySetName: %s
                            primaryName: dvb_name
                            columns:
                              - {name: dvb_number, type: BigInt, minValue: 0}
                    """.formatted(TENANT, APP, secret, ORG, TABLE, SET);
            Path dir = Files.createTempDirectory("dvbridge-push-bench");
            Path fixtureFile = dir.resolve("fixture.yaml");
            Files.writeString(fixtureFile, fixture);
            ca = dir.resolve("sandbox-ca.pem");
            Path log = dir.resolve("sandbox.log");
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx" + System.getProperty("bench.sandbox.xmx", "4g")));
            // e.g. -Dbench.sandbox.opts=-XX:StartFlightRecording=filename=sandbox.jfr to profile the sandbox
            String opts = System.getProperty("bench.sandbox.opts", "").trim();
            if (!opts.isEmpty()) {
                command.addAll(List.of(opts.split("\\s+")));
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.dvbridge.cli.DvBridge", "sandbox", "--fixture",
                    fixtureFile.toString(), "--port", "0", "--ca-out", ca.toString(), "--latency-ms", Long.toString(latency.toMillis()),
                    "--limits", "bench"));
            sandbox = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            base = awaitListening(sandbox, log);
            SSLContext tls = TrustStores.withExtraTrust(ca);
            tokens = new TokenSourceRegistry().confidentialClient(base + "/" + TENANT + "/", APP, new Credential.ClientSecret(secret), tls);
            environment = new DvEnvironment("bench", URI.create(base + "/orgs/" + ORG), URI.create(base + "/powerbi/v1.0/myorg/"),
                    DvEnvironment.POWER_BI_SCOPE, tokens, tls);
            http = HttpClients.forEnvironment(tls, Duration.ofSeconds(30));
        }

        private static final Pattern LISTENING = Pattern.compile("listening on (https://\\S+)");

        private static String awaitListening(Process sandbox, Path log) throws IOException, InterruptedException {
            while (sandbox.isAlive()) {
                for (String line : Files.readAllLines(log)) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m.group(1).replaceAll("/$", "");
                    }
                }
                Thread.sleep(200);
            }
            throw new IllegalStateException("the sandbox stopped before listening: " + Files.readString(log));
        }

        Environments environments() {
            return new Environments() {
                @Override
                public DvEnvironment environment(String name) {
                    if (!name.equals("bench")) {
                        throw new UnknownEnvironmentException(name, names());
                    }
                    return environment;
                }

                @Override
                public Set<String> names() {
                    return Set.of("bench");
                }
            };
        }

        HttpResponse<String> send(String method, String relative, String contentType, String body) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/orgs/" + ORG + "/api/data/v9.2/" + relative))
                    .timeout(Duration.ofSeconds(120)).method(method, HttpRequest.BodyPublishers.ofString(body))
                    .header("Authorization", "Bearer " + tokens.token(environment.dataverseScope()).value())
                    .header("Content-Type", contentType).header("Accept", "application/json")
                    .header("OData-Version", "4.0").header("OData-MaxVersion", "4.0").build();
            try {
                return http.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(method + " " + relative + " failed: " + e.getMessage(), e);
            }
        }

        /** The sandbox's admin endpoint ({@code /_sandbox/...}: no token, outside the limits). */
        JsonNode admin(String method, String path) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(120))
                    .method(method, HttpRequest.BodyPublishers.noBody()).build();
            try {
                String body = http.send(request, HttpResponse.BodyHandlers.ofString()).body();
                return body.isEmpty() ? null : JSON.readTree(body);
            } catch (Exception e) {
                throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
            }
        }

        interface Run {
            void run() throws Exception;
        }

        Result measure(String name, Run run, java.util.function.IntSupplier clientPeak, Set<Long> refused) throws Exception {
            tokens.token(environment.dataverseScope());
            admin("DELETE", "/_sandbox/requests");
            List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(p -> p.getType() == MemoryType.HEAP).toList();
            System.gc();
            heap.forEach(MemoryPoolMXBean::resetPeakUsage);
            long start = System.nanoTime();
            run.run();
            Duration wall = Duration.ofNanos(System.nanoTime() - start);
            long heapPeak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
            JsonNode stats = admin("GET", "/_sandbox/stats");
            long requests = 0; // what the clients sent: the log's entries but the admin calls
            for (Iterator<Map.Entry<String, JsonNode>> it = stats.path("counters").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> counter = it.next();
                requests += counter.getKey().contains(" /_sandbox/") ? 0 : counter.getValue().asLong();
            }
            int serverPeak = stats.path("peakInFlight").path(APP + "@" + ORG).asInt();
            long landed = stats.path("rows").path(ORG).path(SET).asLong();
            Result result = new Result(name, rows, requests, wall, Math.max(serverPeak, clientPeak.getAsInt()), heapPeak,
                    landed, refused.size(), new TreeSet<>(refused.size() > 20 ? Set.of() : refused));
            System.out.printf(Locale.ROOT, "%s: %,d requests, %.1f s, %,d landed, %,d refused, %d in flight at most (sandbox's count)%n",
                    name, requests, wall.toMillis() / 1000.0, result.landed, result.refused, serverPeak);
            return result;
        }

        @Override
        public void close() throws InterruptedException {
            sandbox.destroy();
            sandbox.waitFor(30, TimeUnit.SECONDS);
        }
    }
}
