package io.dvbridge.bench.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.cli.JobRuntime;
import io.dvbridge.config.Environments;
import io.dvbridge.dataverse.ChangeCheckpoints;
import io.dvbridge.dataverse.ChangePage;
import io.dvbridge.dataverse.DataverseClient;
import io.dvbridge.dataverse.DataverseConstants;
import io.dvbridge.dataverse.DataverseWrite;
import io.dvbridge.dataverse.DataverseWriteResult;
import io.dvbridge.dataverse.EntityKey;
import io.dvbridge.dataverse.InMemoryChangeCheckpoints;
import io.dvbridge.http.RetryPolicy;
import org.apache.camel.builder.RouteBuilder;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigInteger;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The export benchmark (issue 8): N generated rows of a Customer Insights table ({@code msdynci_contactprofiles},
 * elastic and change-tracked, ids the UUID v5 of their Identifier) read by change tracking, with injected latency on
 * every request, in one run by
 * <ul>
 *   <li>(a) the ceiling: a Camel route {@code from: dataverse:changes/...} that reads every page of the initial
 *   sync and discards it (after adding each row to a checksum, the source's truth for the verification);</li>
 *   <li>dvbridge: the {@code export} job through the CLI ({@code dvbridge export --tables msdynci_contactprofile
 *   --to jdbc:postgresql://...}) in a JVM of its own at {@code -Xmx256m}, into schema {@code bench_export_dvbridge};</li>
 *   <li>(b) a naive exporter: the same pages through {@link DataverseClient#changePage}, then one INSERT per row
 *   into PostgreSQL over plain JDBC (autocommit), on a slice of {@code bench.naive.rows} rows;</li>
 *   <li>then 1% of the rows changed in the sandbox (at most 10,000; a tenth of them deleted) by $batch, and
 *   dvbridge's incremental run that exports them.</li>
 * </ul>
 * After each dvbridge run the PostgreSQL table's row count and checksum (sum of the first 64 bits of
 * md5(lower(id) ':' versionnumber), computed by PostgreSQL) must equal the sandbox's, else VERIFICATION FAILED and
 * exit 1. It prints rows/s and heap peaks, and the ratios against the aims.
 *
 * <p>The sandbox runs in a JVM of its own ({@code dvbridge sandbox}, {@code -Xmx4g}: it keeps every generated
 * row in memory, about 1 KB each). Each size runs in a fresh bench JVM with {@code -Xmx} from {@code bench.heap}.
 *
 * <p>Run (bench/README.md): {@code mvn -Pbench compile exec:exec -Dbench.main=io.dvbridge.bench.export.ExportBenchmark
 * -Dbench.sizes=1000000}. Properties: {@code bench.sizes}, {@code bench.latency.ms} (30), {@code bench.heap}
 * (the bench JVM's -Xmx, 512m), {@code bench.dvbridge.heap} (256m), {@code bench.naive.rows} (20000), {@code
 * bench.pg.url} (jdbc:postgresql://127.0.0.1:5432/test, user postgres); schemas {@code bench_export_naive} and
 * {@code bench_export_dvbridge} are dropped and created per run.
 */
public final class ExportBenchmark {

    private static final String TENANT = "6f1c2b9a-3d4e-4f50-8a61-7b2c3d4e5f60";
    private static final String CLIENT_ID = "3b7e1f4a-9c2d-4e8f-a1b3-5d6c7e8f9a0b";
    private static final String SECRET = "sandbox-only-demo-secret";
    private static final String ENVIRONMENT = "bench-ci";
    private static final String SET = "msdynci_contactprofiles";
    private static final List<String> COLUMNS = List.of("msdynci_contactprofileid", "partitionid", "msdynci_identifier", "msdynci_customerid",
            "msdynci_contactid", "msdynci_firstname", "msdynci_lastname", "msdynci_primaryemail", "msdynci_city", "msdynci_birthdate",
            "_msdynci_customerprofileid_value", "modifiedon", "versionnumber");
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
                  - logicalName: organization
                    entitySetName: organizations
                    primaryName: name
                    columns:
                      - {name: expirechangetrackingindays, type: Integer}
                    rows:
                      - {organizationid: 2f7c1e0a-5b3d-4c8e-9a61-0d4e8b7f3c25, name: bench-ci, expirechangetrackingindays: 7}
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
                for (String property : List.of("bench.latency.ms", "bench.heap", "bench.pg.url", "bench.naive.rows", "bench.dvbridge.heap")) {
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
            config.put(prefix + "client-secret", SECRET); // the sandbox fixture's own, made for this run
            config.put(prefix + "powerbi-url", base + "/powerbi/v1.0/myorg/");
            config.put(prefix + "trust-pem", ca.toString());
            int changes = Math.max(10, Math.min(10_000, rows / 100));
            int deletes = changes / 10;
            try (JobRuntime runtime = JobRuntime.start(config, Optional.empty())) {
                System.out.printf("rows=%d latency=%dms page=%d bench JVM -Xmx=%dMB, dvbridge CLI JVM -Xmx%s; sandbox (own JVM) ready in %.0f s%n",
                        rows, latencyMs, PAGE_SIZE, Runtime.getRuntime().maxMemory() / 1_000_000, DVBRIDGE_HEAP,
                        (System.nanoTime() - generating) / 1e9);
                SourceState source = readAndDiscard(runtime, rows, changes);
                Contender ceiling = source.contender();
                List<String> failures = new ArrayList<>();
                if (ceiling.rows() != rows) {
                    failures.add("(a) read " + ceiling.rows() + " rows, not " + rows);
                }
                DvBridgeExport dvbridge = new DvBridgeExport(dir, config);
                Contender full = dvbridge.run("full", rows);
                verify("dvbridge full", dvbridge.sinkState(), new SinkState(rows, source.checksum()), failures);

                int slice = Math.min(rows, Integer.getInteger("bench.naive.rows", 20_000));
                Contender naive = naiveExport(runtime, slice);
                if (naive.rows() != slice) {
                    failures.add("(b) inserted " + naive.rows() + " rows, not " + slice);
                }

                DataverseClient client = client(runtime);
                SinkState expected = makeChanges(client, source, changes, deletes, failures);
                Contender delta = dvbridge.run("incremental", changes);
                verify("dvbridge incremental", dvbridge.sinkState(), expected, failures);

                System.out.println();
                System.out.printf("SUMMARY rows=%,d latency=%dms page=%,d%n", rows, latencyMs, PAGE_SIZE);
                System.out.println("  " + ceiling.line());
                System.out.println("  " + full.line());
                System.out.println("  " + naive.line() + (slice < rows ? "  [a slice of " + slice + " rows; rows/s extrapolated to "
                        + rows + " rows: " + String.format("%.0f s", rows / naive.rate()) + "]" : ""));
                System.out.println("  " + delta.line() + String.format(" (%d changes: %d updates, %d deletes)", changes, changes - deletes, deletes));
                System.out.printf("  dvbridge / (a) = %.0f%% (aim >= 80%%); dvbridge / (b) = %.1fx (aim >= 10x); incremental / full time = %.2f%% (aim <= 5%%)%n",
                        100 * full.rate() / ceiling.rate(), full.rate() / naive.rate(), 100 * delta.seconds() / full.seconds());
                if (!failures.isEmpty()) {
                    failures.forEach(f -> System.out.println("VERIFICATION FAILED: " + f));
                    return false;
                }
                System.out.println("  verification: PostgreSQL row count and checksum of (id, versionnumber) match the sandbox after both runs");
                return true;
            }
        } finally {
            sandbox.destroy();
            sandbox.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static final String DVBRIDGE_HEAP = System.getProperty("bench.dvbridge.heap", "256m");
    private static final String DVBRIDGE_SCHEMA = "bench_export_dvbridge";

    /** One contender's measured run. {@code heapPeak}: bytes. */
    record Contender(String name, long rows, double seconds, long heapPeak, String heapNote) {
        double rate() {
            return rows / seconds;
        }

        String line() {
            return String.format("%-44s %,9d rows in %8.1f s = %,7.0f rows/s; heap peak %.0f MB (%s)", name, rows, seconds, rate(),
                    heapPeak / 1048576.0, heapNote);
        }
    }

    /** A table's row count and the order-independent checksum: the sum of md5(lower(id) + ':' + versionnumber)'s first 64 bits. */
    record SinkState(long rows, BigInteger checksum) {
    }

    /** What (a) saw: the rows, their checksum, the delta link of the last page, and the rows chosen to change later. */
    record SourceState(Contender contender, BigInteger checksum, String deltaLink, List<ChosenRow> chosen) {
    }

    record ChosenRow(String id, String partitionId, String version) {
    }

    private static void verify(String what, SinkState actual, SinkState expected, List<String> failures) {
        if (!actual.equals(expected)) {
            failures.add(what + ": PostgreSQL has " + actual.rows() + " rows, checksum " + actual.checksum().toString(16) + "; the sandbox "
                    + expected.rows() + " rows, checksum " + expected.checksum().toString(16));
        } else {
            System.out.printf("%s: PostgreSQL matches the sandbox (%,d rows, checksum %s)%n", what, actual.rows(), actual.checksum().toString(16));
        }
    }

    static long rowHash(Object id, Object version) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest((String.valueOf(id).toLowerCase(Locale.ROOT) + ":" + version)
                    .getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 0, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** (a) The component reads every page of the initial sync; the route drops each page (after summing its checksum). */
    private static SourceState readAndDiscard(JobRuntime runtime, int rows, int changes) throws Exception {
        AtomicReference<String> deltaLink = new AtomicReference<>();
        runtime.context().getRegistry().bind("benchCheckpoints", new ChangeCheckpoints() {
            private final InMemoryChangeCheckpoints saved = new InMemoryChangeCheckpoints();

            @Override
            public Optional<String> load(String key) {
                return saved.load(key);
            }

            @Override
            public void save(String key, String link) {
                saved.save(key, link);
                deltaLink.set(link);
            }

            @Override
            public void clear(String key) {
                saved.clear(key);
            }
        });
        AtomicLong seen = new AtomicLong();
        long[] checksum = new long[1];
        int every = Math.max(1, rows / changes);
        List<ChosenRow> chosen = new ArrayList<>();
        CountDownLatch last = new CountDownLatch(1);
        long peakStart = resetHeapPeak();
        long start = System.nanoTime();
        runtime.context().addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("dataverse:changes/" + SET + "?environment=" + ENVIRONMENT + "&select=" + String.join(",", COLUMNS)
                        + "&maxPageSize=" + PAGE_SIZE + "&checkpoints=#benchCheckpoints&initialDelay=0&delay=3600000&repeatCount=1")
                        .routeId("bench-ceiling").process(e -> {
                            @SuppressWarnings("unchecked")
                            List<Map<String, Object>> page = e.getMessage().getBody(List.class);
                            for (Map<String, Object> row : page) {
                                Object id = row.get("msdynci_contactprofileid");
                                checksum[0] += rowHash(id, row.get("versionnumber"));
                                long n = seen.incrementAndGet();
                                if (n % every == 0 && chosen.size() < changes) {
                                    chosen.add(new ChosenRow(String.valueOf(id), String.valueOf(row.get("partitionid")),
                                            String.valueOf(row.get("versionnumber"))));
                                }
                            }
                            if (Boolean.TRUE.equals(e.getMessage().getHeader(DataverseConstants.CHANGES_LAST))) {
                                last.countDown();
                            }
                        });
            }
        });
        if (!last.await(6, TimeUnit.HOURS)) {
            throw new IllegalStateException("the change-tracking read did not reach its last page");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Contender contender = new Contender("(a) read and discard (dataverse:changes)", seen.get(), seconds, heapPeak(), "bench JVM, MXBean pools");
        System.out.println(contender.line() + String.format("; %.1f MB in use at start", peakStart / 1e6));
        runtime.context().getRouteController().stopRoute("bench-ceiling");
        // the route saves the delta link after the last page has been processed: wait for it
        for (int i = 0; i < 100 && (deltaLink.get() == null || !deltaLink.get().contains("deltatoken")); i++) {
            Thread.sleep(100);
        }
        return new SourceState(contender, BigInteger.valueOf(checksum[0]), deltaLink.get(), chosen);
    }

    private static DataverseClient client(JobRuntime runtime) {
        Environments environments = runtime.context().getRegistry().lookupByNameAndType("environments", Environments.class);
        return DataverseClient.connect(environments.environment(ENVIRONMENT), RetryPolicy.DEFAULT);
    }

    /**
     * Updates {@code changes - deletes} of the chosen rows and deletes the others, in $batch requests of 1,000, then reads
     * the sandbox's own delta from (a)'s delta link to learn the new versions: the table the sink must hold afterwards.
     */
    private static SinkState makeChanges(DataverseClient client, SourceState source, int changes, int deletes, List<String> failures) {
        long start = System.nanoTime();
        List<DataverseWrite> writes = new ArrayList<>();
        Set<String> updated = new HashSet<>();
        Set<String> deleted = new HashSet<>();
        long checksum = source.checksum().longValue();
        for (int i = 0; i < source.chosen().size(); i++) {
            ChosenRow row = source.chosen().get(i);
            checksum -= rowHash(row.id(), row.version());
            if (i < deletes) {
                Map<String, Object> key = new LinkedHashMap<>();
                key.put("msdynci_contactprofileid", UUID.fromString(row.id()));
                key.put("partitionid", row.partitionId());
                writes.add(DataverseWrite.delete(SET, new EntityKey.Alternate(key)));
                deleted.add(row.id());
            } else {
                writes.add(DataverseWrite.update(SET, new EntityKey.Id(UUID.fromString(row.id())),
                        Map.of("partitionid", row.partitionId(), "msdynci_city", "Trondheim", "msdynci_lastname", "Changed " + i), "*"));
                updated.add(row.id());
            }
        }
        List<DataverseWriteResult> results = client.batch(writes, false, DataverseClient.MAX_BATCH_REQUESTS);
        results.stream().filter(r -> !r.succeeded()).limit(3).forEach(r -> failures.add("change " + r.index() + " failed: " + r));
        if (source.chosen().size() != changes) {
            failures.add("only " + source.chosen().size() + " rows were chosen to change, not " + changes);
        }
        Set<String> seenUpserts = new HashSet<>();
        Set<String> seenDeletes = new HashSet<>();
        Optional<URI> link = Optional.ofNullable(source.deltaLink()).map(URI::create);
        if (link.isEmpty()) {
            failures.add("(a) saw no delta link");
        }
        while (link.isPresent()) {
            ChangePage page = client.changePage(SET, link.get(), PAGE_SIZE, Optional.empty());
            for (Map<String, Object> row : page.rows()) {
                String id = String.valueOf(row.get("msdynci_contactprofileid"));
                seenUpserts.add(id);
                checksum += rowHash(id, row.get("versionnumber"));
            }
            seenDeletes.addAll(page.deletedIds().stream().map(d -> d.toLowerCase(Locale.ROOT)).toList());
            link = page.nextLink().map(URI::create);
        }
        if (!seenUpserts.equals(updated) || !seenDeletes.equals(deleted)) {
            failures.add("the sandbox's delta holds " + seenUpserts.size() + " upserts and " + seenDeletes.size() + " deletes, not the "
                    + updated.size() + " updates and " + deleted.size() + " deletes made");
        }
        System.out.printf("changes made in the sandbox: %,d updates and %,d deletes in %.1f s ($batch of 1,000)%n", updated.size(),
                deleted.size(), (System.nanoTime() - start) / 1e9);
        return new SinkState(source.contender().rows() - deleted.size(), BigInteger.valueOf(checksum).add(BigInteger.ZERO));
    }

    /**
     * dvbridge: the {@code export} job through the CLI ({@code dvbridge export ...}) in a JVM of its own at -Xmx256m,
     * into schema bench_export_dvbridge. The first run is the full sync; the second resumes from the delta link the
     * sink saved with the last page.
     */
    private static final class DvBridgeExport {
        private final Path dir;
        private final Path properties;
        private final String url = System.getProperty("bench.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");

        DvBridgeExport(Path dir, Map<String, String> config) throws Exception {
            this.dir = dir;
            this.properties = dir.resolve("bench.properties");
            Properties p = new Properties();
            p.putAll(config);
            try (var out = Files.newBufferedWriter(properties, StandardCharsets.UTF_8)) {
                p.store(out, "export benchmark: the sandbox environment");
            }
            try (Connection db = DriverManager.getConnection(url, "postgres", ""); Statement ddl = db.createStatement()) {
                ddl.execute("DROP SCHEMA IF EXISTS " + DVBRIDGE_SCHEMA + " CASCADE");
                ddl.execute("CREATE SCHEMA " + DVBRIDGE_SCHEMA);
            }
        }

        Contender run(String name, long expectedRows) throws Exception {
            Path gcLog = dir.resolve("gc-" + name + ".log");
            String target = url + (url.contains("?") ? "&" : "?") + "user=postgres&currentSchema=" + DVBRIDGE_SCHEMA;
            List<String> command = List.of(javaBinary(), "-Xmx" + DVBRIDGE_HEAP, "-Xlog:gc:file=" + gcLog, "-cp",
                    System.getProperty("java.class.path"), "io.dvbridge.cli.DvBridge", "export", "--environment", ENVIRONMENT,
                    "--tables", "msdynci_contactprofile", "--to", target, "--page-size", String.valueOf(PAGE_SIZE),
                    "--config", properties.toString(), "--report", dir.resolve("report-" + name + ".json").toString(), "--no-color");
            long start = System.nanoTime();
            int code = new ProcessBuilder(command).inheritIO().start().waitFor();
            double wall = (System.nanoTime() - start) / 1e9;
            if (code != 0) {
                throw new IllegalStateException("VERIFICATION FAILED: dvbridge export (" + name + ") exited with " + code);
            }
            // the job's own time, from its report: the JVM's and Camel's start (seconds on a loaded machine) left out,
            // as they are for (a) and (b), which run in a JVM already started
            JsonNode report = new ObjectMapper().readTree(dir.resolve("report-" + name + ".json").toFile());
            double seconds = Duration.between(Instant.parse(report.get("startedAt").asText()), Instant.parse(report.get("finishedAt").asText()))
                    .toNanos() / 1e9;
            long[] heap = gcPeaks(gcLog);
            Contender contender = new Contender("dvbridge export, " + name + " (CLI, own JVM)", expectedRows, seconds, heap[0],
                    String.format("CLI JVM -Xmx%s, most in use before a GC, at most %d MB live after one; the process took %.1f s with"
                            + " JVM and Camel start", DVBRIDGE_HEAP, heap[1] / (1024 * 1024), wall));
            System.out.println(contender.line());
            return contender;
        }

        SinkState sinkState() throws Exception {
            try (Connection db = DriverManager.getConnection(url, "postgres", ""); Statement s = db.createStatement()) {
                String table;
                try (ResultSet r = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = '" + DVBRIDGE_SCHEMA
                        + "' AND table_name LIKE '%msdynci_contactprofile'")) {
                    if (!r.next()) {
                        throw new IllegalStateException("VERIFICATION FAILED: no msdynci_contactprofile table in " + DVBRIDGE_SCHEMA);
                    }
                    table = DVBRIDGE_SCHEMA + "." + r.getString(1);
                }
                try (ResultSet r = s.executeQuery("SELECT count(*), coalesce(sum(('x' || substr(md5(lower(id::text) || ':' || versionnumber::text),"
                        + " 1, 16))::bit(64)::bigint), 0) FROM " + table)) {
                    r.next();
                    // the source side sums in a long (mod 2^64): reduce PostgreSQL's exact sum the same way
                    return new SinkState(r.getLong(1), BigInteger.valueOf(r.getBigDecimal(2).toBigInteger().longValue()));
                }
            }
        }
    }

    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");

    /** From a run's GC log: the most heap in use before any collection, and the most still in use after one (bytes). */
    private static long[] gcPeaks(Path gcLog) throws IOException {
        long before = 0;
        long after = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                before = Math.max(before, Long.parseLong(m.group(1)));
                after = Math.max(after, Long.parseLong(m.group(2)));
            }
        }
        return new long[] {before * 1024 * 1024, after * 1024 * 1024};
    }

    /** (b) Page by page, then one INSERT per row, each its own transaction; stops after {@code slice} rows. */
    private static Contender naiveExport(JobRuntime runtime, int slice) throws Exception {
        DataverseClient client = client(runtime);
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
                while (link.isPresent() && inserted < slice) {
                    ChangePage page = client.changePage(SET, link.get(), PAGE_SIZE, Optional.empty());
                    for (Map<String, Object> row : page.rows()) {
                        if (inserted == slice) {
                            break;
                        }
                        for (int i = 0; i < COLUMNS.size(); i++) {
                            Object value = row.get(COLUMNS.get(i));
                            statement.setString(i + 1, value == null ? null : value.toString());
                        }
                        inserted += statement.executeUpdate();
                    }
                    link = page.nextLink().map(URI::create);
                }
            }
            Contender contender = new Contender("(b) naive: page, then one INSERT per row", inserted, (System.nanoTime() - start) / 1e9,
                    heapPeak(), "bench JVM, MXBean pools");
            System.out.println(contender.line() + String.format("; %.1f MB in use at start", peakStart / 1e6));
            return contender;
        }
    }

    /** Collects what came before and restarts the heap pools' peaks; returns the heap in use after that collection. */
    private static long resetHeapPeak() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The sum of the heap pools' peaks since {@link #resetHeapPeak} (garbage included). */
    private static long heapPeak() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum();
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
