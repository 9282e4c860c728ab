package io.dvbridge.bench.export;

import io.dvbridge.cli.JobRuntime;
import io.dvbridge.config.Environments;
import io.dvbridge.dataverse.ChangePage;
import io.dvbridge.dataverse.DataverseClient;
import io.dvbridge.dataverse.DataverseConstants;
import io.dvbridge.dataverse.InMemoryChangeCheckpoints;
import io.dvbridge.http.RetryPolicy;
import org.apache.camel.builder.RouteBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The baselines of the export benchmark (issue 8): N generated rows of a Customer Insights table
 * ({@code msdynci_contactprofiles}, elastic and change-tracked, ids the UUID v5 of their Identifier) read by
 * change tracking, with injected latency on every request, by
 * <ul>
 *   <li>(a) the ceiling: a Camel route {@code from: dataverse:changes/...} that reads every page of the initial
 *   sync and discards it, and</li>
 *   <li>(b) a naive exporter: the same pages through {@link DataverseClient#changePage}, then one INSERT per row
 *   into PostgreSQL over plain JDBC (autocommit), as a hand-written export would.</li>
 * </ul>
 * It prints rows/s and the heap for each. dvbridge's export job is the third contender, to be added beside them.
 *
 * <p>The sandbox runs in a JVM of its own ({@code dvbridge sandbox}, {@code -Xmx4g}: it keeps every generated
 * row in memory, about 1 KB each), so the heap figures are the client's alone. Each size runs in a fresh JVM
 * with {@code -Xmx} from {@code bench.heap}.
 *
 * <p>Run (bench/README.md): {@code mvn -Pbench compile exec:exec -Dbench.main=io.dvbridge.bench.export.ExportBenchmark
 * -Dbench.sizes=1000000}. Properties: {@code bench.sizes}, {@code bench.latency.ms} (30), {@code bench.heap}
 * (the client's -Xmx, 512m). PostgreSQL: {@code bench.pg.url} (jdbc:postgresql://127.0.0.1:5432/test, user
 * postgres), schema {@code bench_export_naive}, dropped and created per run.
 */
public final class ExportBenchmark {

    private static final String TENANT = "6f1c2b9a-3d4e-4f50-8a61-7b2c3d4e5f60";
    private static final String CLIENT_ID = "3b7e1f4a-9c2d-4e8f-a1b3-5d6c7e8f9a0b";
    private static final String SECRET = "sandbox-only-demo-secret";
    private static final String ENVIRONMENT = "bench-ci";
    private static final String SET = "msdynci_contactprofiles";
    private static final List<String> COLUMNS = List.of("msdynci_contactprofileid", "partitionid", "msdynci_identifier", "msdynci_customerid",
            "msdynci_contactid", "msdynci_firstname", "msdynci_lastname", "msdynci_primaryemail", "msdynci_city", "msdynci_birthdate",
            "_msdynci_customerprofileid_value", "modifiedon");
    private static final int PAGE_SIZE = 5000;

    private static final String FIXTURE = """
            tenants:
              - id: %s
                name: contoso
                apps: [{clientId: %s, name: dvbridge-bench, secrets: ["%s"]}]
            environments:
              - name: %s
                tenant: contoso
                tables:
                  - logicalName: msdynci_customerprofile
                    entitySetName: msdynci_customerprofiles
                    elastic: true
                    changeTracking: true
                  - logicalName: msdynci_contactprofile
                    entitySetName: msdynci_contactprofiles
                    elastic: true
                    changeTracking: true
                    columns:
                      - {name: msdynci_identifier, type: String, maxLength: 400}
                      - {name: msdynci_customerid, type: String}
                      - {name: msdynci_contactid, type: String}
                      - {name: msdynci_firstname, type: String}
                      - {name: msdynci_lastname, type: String}
                      - {name: msdynci_primaryemail, type: String, maxLength: 200}
                      - {name: msdynci_city, type: String}
                      - {name: msdynci_birthdate, type: DateTime, behavior: DateOnly}
                      - {name: msdynci_customerprofileid, schemaName: msdynci_CustomerProfileId, type: Lookup, targets: [msdynci_customerprofile]}
                    generate:
                      count: %d
                      columns:
                        msdynci_contactprofileid: "{uuid5:msdynci_identifier}"
                        msdynci_identifier: "ContactProfile|{uuid:customer:100000}|cnt-{n:%%08d}"
                        partitionid: "{uuid:customer:100000}"
                        msdynci_customerid: "{uuid:customer:100000}"
                        msdynci_customerprofileid: "{uuid:customer:100000}"
                        msdynci_contactid: "cnt-{n:%%08d}"
                        msdynci_firstname: "{pick:Ines|Jonas|Kemal|Lea|Mateo|Noor}"
                        msdynci_lastname: "{pick:Novak|Olsen|Park|Quinn}"
                        msdynci_primaryemail: "contact{n}@example.org"
                        msdynci_city: "{pick:Leeds|Porto|Kobe|Mombasa}"
                        msdynci_birthdate: "1975-0{int:1:9}-1{int:0:9}"
            """;

    private ExportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String[] sizes = System.getProperty("bench.sizes", "1000000").split(",");
        if (!Boolean.getBoolean("bench.child")) {
            for (String size : sizes) {
                List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx" + System.getProperty("bench.heap", "512m"),
                        "-Dbench.child=true", "-Dbench.sizes=" + size.trim()));
                for (String property : List.of("bench.latency.ms", "bench.heap", "bench.pg.url")) {
                    Optional.ofNullable(System.getProperty(property)).ifPresent(v -> command.add("-D" + property + "=" + v));
                }
                command.addAll(List.of("-cp", System.getProperty("java.class.path"), ExportBenchmark.class.getName()));
                int code = new ProcessBuilder(command).inheritIO().start().waitFor();
                if (code != 0) {
                    System.exit(code);
                }
            }
            return;
        }
        System.exit(run(Integer.parseInt(sizes[0].trim()), Integer.getInteger("bench.latency.ms", 30)) ? 0 : 1);
    }

    private static boolean run(int rows, int latencyMs) throws Exception {
        Path dir = Files.createTempDirectory("dvbridge-export-bench");
        Path fixture = dir.resolve("fixture.yaml");
        Files.writeString(fixture, FIXTURE.formatted(TENANT, CLIENT_ID, SECRET, ENVIRONMENT, rows));
        Path ca = dir.resolve("sandbox-ca.pem");
        long generating = System.nanoTime();
        Process sandbox = startSandbox(fixture, ca, latencyMs, dir.resolve("sandbox.log"));
        try {
            String base = awaitListening(sandbox, dir.resolve("sandbox.log"));
            Map<String, String> config = new HashMap<>();
            config.put("dvbridge.runs.dir", dir.resolve("runs").toString());
            config.put("dvbridge.sandbox.environments", "");
            String prefix = "dvbridge.environment." + ENVIRONMENT + ".";
            config.put(prefix + "dataverse-url", base + "/orgs/" + ENVIRONMENT);
            config.put(prefix + "authority", base + "/" + TENANT + "/");
            config.put(prefix + "client-id", CLIENT_ID);
            config.put(prefix + "client-secret", SECRET); // the sandbox fixture's own, in memory only
            config.put(prefix + "powerbi-url", base + "/powerbi/v1.0/myorg/");
            config.put(prefix + "trust-pem", ca.toString());
            try (JobRuntime runtime = JobRuntime.start(config, Optional.empty())) {
                System.out.printf("rows=%d latency=%dms page=%d client -Xmx=%dMB; sandbox (own JVM) ready in %.0f s%n", rows, latencyMs,
                        PAGE_SIZE, Runtime.getRuntime().maxMemory() / 1_000_000, (System.nanoTime() - generating) / 1e9);
                long ceiling = readAndDiscard(runtime, rows);
                long naive = naiveExport(runtime, rows);
                boolean ok = ceiling == rows && naive == rows;
                if (!ok) {
                    System.out.println("VERIFICATION FAILED: expected " + rows + " rows from each, got " + ceiling + " and " + naive);
                }
                return ok;
            }
        } finally {
            sandbox.destroy();
            sandbox.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** (a) The component reads every page of the initial sync; the route drops each page. */
    private static long readAndDiscard(JobRuntime runtime, int rows) throws Exception {
        runtime.context().getRegistry().bind("benchCheckpoints", new InMemoryChangeCheckpoints());
        AtomicLong seen = new AtomicLong();
        CountDownLatch last = new CountDownLatch(1);
        long peakStart = resetHeapPeak();
        long start = System.nanoTime();
        runtime.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("dataverse:changes/" + SET + "?environment=" + ENVIRONMENT + "&select=" + String.join(",", COLUMNS)
                        + "&maxPageSize=" + PAGE_SIZE + "&checkpoints=#benchCheckpoints&initialDelay=0&delay=3600000&repeatCount=1")
                        .routeId("bench-ceiling").process(e -> {
                            seen.addAndGet(e.getMessage().getBody(List.class).size());
                            if (Boolean.TRUE.equals(e.getMessage().getHeader(DataverseConstants.CHANGES_LAST))) {
                                last.countDown();
                            }
                        });
            }
        });
        if (!last.await(6, TimeUnit.HOURS)) {
            throw new IllegalStateException("the change-tracking read did not reach its last page");
        }
        report("(a) read and discard (dataverse:changes)", seen.get(), (System.nanoTime() - start) / 1e9, peakStart);
        runtime.context().getRouteController().stopRoute("bench-ceiling");
        return seen.get();
    }

    /** (b) Page by page, then one INSERT per row, each its own transaction. */
    private static long naiveExport(JobRuntime runtime, int rows) throws Exception {
        Environments environments = runtime.context().getRegistry().lookupByNameAndType("environments", Environments.class);
        DataverseClient client = DataverseClient.connect(environments.environment(ENVIRONMENT), RetryPolicy.DEFAULT);
        String url = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
        long inserted = 0;
        try (Connection db = DriverManager.getConnection(url, "postgres", "")) {
            try (Statement ddl = db.createStatement()) {
                ddl.execute("DROP SCHEMA IF EXISTS bench_export_naive CASCADE");
                ddl.execute("CREATE SCHEMA bench_export_naive");
                ddl.execute("CREATE TABLE bench_export_naive.contactprofile (" + String.join(", ", COLUMNS.stream()
                        .map(c -> c + (c.equals("msdynci_contactprofileid") ? " uuid PRIMARY KEY" : " text")).toList()) + ")");
            }
            String insert = "INSERT INTO bench_export_naive.contactprofile (" + String.join(", ", COLUMNS) + ") VALUES ("
                    + String.join(", ", COLUMNS.stream().map(c -> c.equals("msdynci_contactprofileid") ? "?::uuid" : "?").toList()) + ")";
            long peakStart = resetHeapPeak();
            long start = System.nanoTime();
            try (PreparedStatement statement = db.prepareStatement(insert)) {
                Optional<URI> link = Optional.of(client.changesUrl(SET, COLUMNS));
                while (link.isPresent()) {
                    ChangePage page = client.changePage(SET, link.get(), PAGE_SIZE, Optional.empty());
                    for (Map<String, Object> row : page.rows()) {
                        for (int i = 0; i < COLUMNS.size(); i++) {
                            Object value = row.get(COLUMNS.get(i));
                            statement.setString(i + 1, value == null ? null : value.toString());
                        }
                        inserted += statement.executeUpdate();
                    }
                    link = page.nextLink().map(URI::create);
                }
            }
            report("(b) naive: page, then one INSERT per row", inserted, (System.nanoTime() - start) / 1e9, peakStart);
        }
        return inserted;
    }

    /** Collects what came before and restarts the heap pools' peaks; returns the heap in use after that collection. */
    private static long resetHeapPeak() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void report(String contender, long rows, double seconds, long heapAtStart) {
        long peak = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        System.out.printf("%s: %d rows in %.1f s = %.0f rows/s; client heap peak %.1f MB (garbage included; %.1f MB in use at start)%n",
                contender, rows, seconds, rows / seconds, peak / 1e6, heapAtStart / 1e6);
    }

    private static Process startSandbox(Path fixture, Path ca, int latencyMs, Path log) throws IOException {
        List<String> command = List.of(javaBinary(), "-Xmx4g", "-cp", System.getProperty("java.class.path"), "io.dvbridge.cli.DvBridge",
                "sandbox", "--fixture", fixture.toString(), "--port", "0", "--ca-out", ca.toString(), "--latency-ms",
                String.valueOf(latencyMs));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static final Pattern LISTENING = Pattern.compile("listening on (https://\\S+)");

    /** Waits for the sandbox's "listening on" line (generating the rows takes a while). */
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
            Thread.sleep(500);
        }
        throw new IllegalStateException("the sandbox stopped before listening: " + Files.readString(log));
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
