package io.dvbridge.bench.migration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.management.GarbageCollectionNotificationInfo;
import io.dvbridge.auth.TrustStores;
import io.dvbridge.cli.JobRuntime;
import io.dvbridge.jobs.DataExportRequest;
import io.dvbridge.jobs.DataImportRequest;
import io.dvbridge.jobs.ExportReport;
import io.dvbridge.jobs.ImportReport;

import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exports N generated records from one sandbox environment to a data.zip and imports them into an
 * empty one, with injected latency on every request. Prints records per second, requests per record
 * and dvbridge's heap for each phase.
 *
 * <p>The sandbox runs in a JVM of its own ({@code dvbridge sandbox} on a free port), and dvbridge
 * reaches it as a configured environment (docs/environments.md, "Sandbox environments"), so the heap
 * figures are dvbridge's alone and not the sandbox's copy of the rows. Each size runs in a fresh
 * dvbridge JVM (with {@code -Xmx} from {@code bench.heap}) so sizes do not share a heap.
 *
 * <p>Run (bench/README.md): {@code mvn -Pbench compile exec:exec -Dbench.main=io.dvbridge.bench.migration.MigrationBenchmark
 * -Dbench.sizes=10000,50000}. Properties: {@code bench.sizes}, {@code bench.latency.ms} (30),
 * {@code bench.connections} (4), {@code bench.heap} (dvbridge's -Xmx, 512m).
 */
public final class MigrationBenchmark {

    private static final String FIXTURE = """
            tenants:
              - id: 6f1c2b9a-3d4e-4f50-8a61-7b2c3d4e5f60
                name: contoso
                apps:
                  - clientId: 3b7e1f4a-9c2d-4e8f-a1b3-5d6c7e8f9a0b
                    name: dvbridge-demo
                    secrets: ["sandbox-only-demo-secret"]
            environments:
              - name: bench-src
                tenant: contoso
                tables:
                  - logicalName: dvb_item
                    entitySetName: dvb_items
                    primaryName: dvb_name
                    columns:
                      - {name: dvb_code, type: String, maxLength: 20}
                      - {name: dvb_qty, type: Integer}
                      - {name: dvb_price, type: Money}
                      - {name: dvb_active, type: Boolean}
                    generate:
                      count: %d
                      columns: {dvb_name: "Item {n}", dvb_code: "I-{n:%%07d}", dvb_qty: "{int:1:1000}", dvb_price: "{int:1:90000}", dvb_active: "{pick:true|false}"}
              - name: bench-dst
                tenant: contoso
                tables:
                  - logicalName: dvb_item
                    entitySetName: dvb_items
                    primaryName: dvb_name
                    columns:
                      - {name: dvb_code, type: String, maxLength: 20}
                      - {name: dvb_qty, type: Integer}
                      - {name: dvb_price, type: Money}
                      - {name: dvb_active, type: Boolean}
            """;

    private static final String SCHEMA = """
            <entities>
              <entity name="dvb_item" displayname="Item" etc="10001" primaryidfield="dvb_itemid" primarynamefield="dvb_name" disableplugins="false">
                <fields>
                  <field displayname="Item" name="dvb_itemid" type="guid" primaryKey="true" />
                  <field displayname="Name" name="dvb_name" type="string" />
                  <field displayname="Code" name="dvb_code" type="string" />
                  <field displayname="Quantity" name="dvb_qty" type="number" />
                  <field displayname="Price" name="dvb_price" type="money" />
                  <field displayname="Active" name="dvb_active" type="bool" />
                </fields>
              </entity>
            </entities>
            """;

    private static final String TENANT = "6f1c2b9a-3d4e-4f50-8a61-7b2c3d4e5f60";
    private static final String CLIENT_ID = "3b7e1f4a-9c2d-4e8f-a1b3-5d6c7e8f9a0b";
    private static final String SECRET = "sandbox-only-demo-secret";

    private MigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] sizes = System.getProperty("bench.sizes", "50000").split(",");
        if (!Boolean.getBoolean("bench.child")) {
            for (String size : sizes) {
                int code = runSizeInFreshJvm(Integer.parseInt(size.trim()));
                if (code != 0) {
                    System.exit(code);
                }
            }
            return;
        }
        int records = Integer.parseInt(sizes[0].trim());
        int latencyMs = Integer.getInteger("bench.latency.ms", 30);
        int connections = Integer.getInteger("bench.connections", 4);
        System.exit(run(records, latencyMs, connections) ? 0 : 1);
    }

    private static int runSizeInFreshJvm(int records) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + System.getProperty("bench.heap", "512m"),
                "-Dbench.child=true", "-Dbench.sizes=" + records));
        for (String property : List.of("bench.latency.ms", "bench.connections", "bench.heap")) {
            Optional.ofNullable(System.getProperty(property)).ifPresent(v -> command.add("-D" + property + "=" + v));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), MigrationBenchmark.class.getName()));
        return new ProcessBuilder(command).inheritIO().start().waitFor();
    }

    private static boolean run(int records, int latencyMs, int connections) throws Exception {
        Path dir = Files.createTempDirectory("dvbridge-migration-bench");
        Path fixture = dir.resolve("fixture.yaml");
        Files.writeString(fixture, FIXTURE.formatted(records));
        Path schema = dir.resolve("schema.xml");
        Files.writeString(schema, SCHEMA);
        Path zip = dir.resolve("data.zip");
        Path ca = dir.resolve("sandbox-ca.pem");
        Process sandbox = startSandbox(fixture, ca, latencyMs, dir.resolve("sandbox.log"));
        try {
            String base = awaitListening(sandbox, dir.resolve("sandbox.log"));
            Admin admin = new Admin(base, ca);
            Map<String, String> config = new HashMap<>();
            config.put("dvbridge.runs.dir", dir.resolve("runs").toString());
            config.put("dvbridge.sandbox.environments", "");
            for (String env : List.of("bench-src", "bench-dst")) {
                String prefix = "dvbridge.environment." + env + ".";
                config.put(prefix + "dataverse-url", base + "/orgs/" + env);
                config.put(prefix + "authority", base + "/" + TENANT + "/");
                config.put(prefix + "client-id", CLIENT_ID);
                config.put(prefix + "client-secret", SECRET); // the sandbox fixture's own, in memory only
                config.put(prefix + "powerbi-url", base + "/powerbi/v1.0/myorg/");
                config.put(prefix + "trust-pem", ca.toString());
            }
            try (JobRuntime runtime = JobRuntime.start(config, Optional.empty())) {
                Heap heap = new Heap();
                System.out.printf("records=%d latency=%dms connections=%d dvbridge -Xmx=%dMB, heap after start %.1f MB (sandbox in its own JVM)%n",
                        records, latencyMs, connections, Runtime.getRuntime().maxMemory() / 1_000_000, heap.usedAfterGcMb());

                heap.reset();
                admin.clear();
                long start = System.nanoTime();
                ExportReport export = runtime.exportData(new DataExportRequest("bench-src", schema, zip));
                report("export", export.records(), (System.nanoTime() - start) / 1e9, admin.dataverseRequests(), heap);

                heap.reset();
                admin.clear();
                start = System.nanoTime();
                ImportReport imported = runtime.importData(DataImportRequest.of("bench-dst", zip).withConnections(connections));
                report("import", imported.results().total(), (System.nanoTime() - start) / 1e9, admin.dataverseRequests(), heap);
                long writes = admin.count("POST /orgs/bench-dst/api/data/v9.2/$batch 200");
                System.out.printf("import counts: %s; $batch %d (sandbox log %d), queries %d; data.zip %.1f MB%n", imported.counts(),
                        imported.writeRequests(), writes, imported.queryRequests(), Files.size(zip) / 1e6);
                boolean ok = export.records() == records && imported.results().created() == records && imported.results().failed() == 0;
                if (!ok) {
                    System.out.println("VERIFICATION FAILED: expected " + records + " records exported and created");
                }
                return ok;
            }
        } finally {
            sandbox.destroy();
            sandbox.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process startSandbox(Path fixture, Path ca, int latencyMs, Path log) throws IOException {
        List<String> command = List.of(javaBinary(), "-Xmx2g", "-cp", System.getProperty("java.class.path"), "io.dvbridge.cli.DvBridge",
                "sandbox", "--fixture", fixture.toString(), "--port", "0", "--ca-out", ca.toString(), "--latency-ms",
                String.valueOf(latencyMs));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static final Pattern LISTENING = Pattern.compile("listening on (https://\\S+)");

    /** Waits for the sandbox's "listening on" line (generating the fixture's rows takes a while). */
    private static String awaitListening(Process sandbox, Path log) throws IOException, InterruptedException {
        while (sandbox.isAlive()) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(Files.newInputStream(log), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        return m.group(1).replaceAll("/$", "");
                    }
                }
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("the sandbox stopped before listening: " + Files.readString(log));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static void report(String phase, long records, double seconds, long requests, Heap heap) {
        System.out.printf("%s: %d records in %.1f s = %.0f records/s; %d Dataverse requests (metadata included, tokens not) = 1 per %.0f records;"
                        + " dvbridge heap: peak %.1f MB (garbage included), max after GC %.1f MB (%d GCs)%n",
                phase, records, seconds, records / seconds, requests, records / (double) Math.max(1, requests),
                heap.peakMb(), heap.maxAfterGcMb(), heap.collections());
    }

    /** The sandbox's request log, read over its admin endpoint. */
    private static final class Admin {
        private final String base;
        private final HttpClient http;
        private final ObjectMapper json = new ObjectMapper();

        Admin(String base, Path ca) {
            this.base = base;
            this.http = HttpClient.newBuilder().sslContext(TrustStores.withExtraTrust(ca)).build();
        }

        void clear() throws IOException, InterruptedException {
            http.send(HttpRequest.newBuilder(URI.create(base + "/_sandbox/requests")).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        }

        private JsonNode counters() throws IOException, InterruptedException {
            String body = http.send(HttpRequest.newBuilder(URI.create(base + "/_sandbox/stats")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return json.readTree(body).path("counters");
        }

        /** Requests to the Dataverse Web API (tokens are not Dataverse requests). */
        long dataverseRequests() throws IOException, InterruptedException {
            long total = 0;
            for (var it = counters().fields(); it.hasNext(); ) {
                var e = it.next();
                if (e.getKey().contains("/api/data/")) {
                    total += e.getValue().asLong();
                }
            }
            return total;
        }

        long count(String key) throws IOException, InterruptedException {
            return counters().path(key).asLong(0);
        }
    }

    /**
     * dvbridge's heap over one phase: the sum of the heap pools' peaks (garbage included, so it mostly
     * shows how much the collector let accumulate) and the largest heap left after a collection (the
     * live data, the figure that must stay flat as records grow).
     */
    private static final class Heap {
        private final AtomicLong maxAfterGc = new AtomicLong();
        private final AtomicLong collections = new AtomicLong();

        private final java.util.Set<String> heapPools = new java.util.HashSet<>();

        Heap() {
            ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).forEach(p -> heapPools.add(p.getName()));
            for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
                ((NotificationEmitter) gc).addNotificationListener((notification, handback) -> {
                    if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                        return;
                    }
                    var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                    long after = info.getGcInfo().getMemoryUsageAfterGc().entrySet().stream()
                            .filter(e -> heapPools.contains(e.getKey())).mapToLong(e -> e.getValue().getUsed()).sum();
                    maxAfterGc.accumulateAndGet(after, Math::max);
                    collections.incrementAndGet();
                }, null, null);
            }
        }

        void reset() {
            System.gc();
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
            maxAfterGc.set(0);
            collections.set(0);
        }

        double peakMb() {
            return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                    .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1e6;
        }

        double maxAfterGcMb() {
            return maxAfterGc.get() / 1e6;
        }

        long collections() {
            return collections.get();
        }

        double usedAfterGcMb() {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
        }
    }
}
