package io.dvbridge.bench.migration;

import io.dvbridge.cli.JobRuntime;
import io.dvbridge.jobs.DataExportRequest;
import io.dvbridge.jobs.DataImportRequest;
import io.dvbridge.jobs.ExportReport;
import io.dvbridge.jobs.ImportReport;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Exports N generated records from one sandbox environment to a data.zip and imports them into an
 * empty one, with injected latency on every request. Prints records per second, requests per record
 * and peak heap for each phase.
 *
 * <p>Run: {@code java -cp <classes:deps:bench classes> io.dvbridge.bench.migration.MigrationBenchmark [records] [latencyMs] [connections]}
 * (defaults 50000, 30, 4). Run once per size in a fresh JVM so the heap figures do not mix.
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

    private MigrationBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int records = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int latencyMs = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        Path dir = Files.createTempDirectory("dvbridge-migration-bench");
        Path fixture = dir.resolve("fixture.yaml");
        Files.writeString(fixture, FIXTURE.formatted(records));
        Path schema = dir.resolve("schema.xml");
        Files.writeString(schema, SCHEMA);
        Path zip = dir.resolve("data.zip");
        SandboxOptions options = SandboxOptions.defaults().withLatency(Duration.ofMillis(latencyMs));
        try (JobRuntime runtime = JobRuntime.start(Map.of("dvbridge.runs.dir", dir.resolve("runs").toString(),
                "dvbridge.sandbox.fixture", fixture.toString(), "dvbridge.sandbox.environments", "bench-src,bench-dst"),
                Optional.empty(), Optional.of(options))) {
            Sandbox sandbox = runtime.sandbox().orElseThrow();
            System.out.printf("records=%d latency=%dms connections=%d heap-after-fixture=%.1f MB%n", records, latencyMs, connections, usedMb());

            resetPeaks();
            sandbox.requestLog().clear();
            long start = System.nanoTime();
            ExportReport export = runtime.exportData(new DataExportRequest("bench-src", schema, zip));
            double seconds = (System.nanoTime() - start) / 1e9;
            report("export", export.records(), seconds, dataverseRequests(sandbox));

            resetPeaks();
            sandbox.requestLog().clear();
            start = System.nanoTime();
            ImportReport imported = runtime.importData(DataImportRequest.of("bench-dst", zip).withConnections(connections));
            seconds = (System.nanoTime() - start) / 1e9;
            report("import", imported.counts().total(), seconds, dataverseRequests(sandbox));
            System.out.printf("import counts: %s, $batch requests %d, query requests %d%n", imported.counts(), imported.writeRequests(),
                    imported.queryRequests());
        }
    }

    private static long dataverseRequests(Sandbox sandbox) {
        return sandbox.requestLog().count(e -> e.path().contains("/api/data/") && !e.path().contains("EntityDefinitions"));
    }

    private static void report(String phase, long records, double seconds, long requests) {
        System.out.printf("%s: %d records in %.1f s = %.0f records/s; %d requests = %.4f requests/record (1 per %.0f); peak heap %.1f MB%n",
                phase, records, seconds, records / seconds, requests, (double) requests / records, records / (double) Math.max(1, requests),
                peakMb());
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    private static double peakMb() {
        return ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1e6;
    }

    private static double usedMb() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1e6;
    }
}
