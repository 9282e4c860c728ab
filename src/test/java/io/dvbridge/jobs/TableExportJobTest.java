package io.dvbridge.jobs;

import io.dvbridge.sandbox.dataverse.EnvironmentData;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;
import io.dvbridge.store.RunStatus;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.cli.DvBridge;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export job through the camel-main bootstrap the CLI uses, reading the demo fixture's Customer Insights tables
 * from the sandbox over HTTPS (change tracking through the dataverse:changes consumer) into real databases and files.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TableExportJobTest {

    static final String PROD = DemoWorld.PROD;
    static final String PROFILES = "msdynci_customerprofiles";

    @TempDir
    static Path runs;
    static DemoWorld world;

    @BeforeAll
    static void start() {
        world = new DemoWorld(runs);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static EnvironmentData data() {
        return world.sandbox.environment(PROD).data();
    }

    static TableExportReport export(TableExportRequest request) {
        return (TableExportReport) world.runtime.run("export", request);
    }

    @Test
    @Order(1)
    void every_customer_insights_table_lands_in_the_embedded_database_then_only_the_changes_follow() throws SQLException {
        TableExportReport first = export(TableExportRequest.of(PROD, "ci", "embedded").withPrefix("demo"));
        assertThat(first.status()).as(first.summary()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.tables()).hasSize(8).allSatisfy(t -> {
            assertThat(t.mode()).isEqualTo("full");
            assertThat(t.reconciliation().matches()).as(t.table()).isTrue();
        });
        Table profiles = data().tableBySet(PROFILES).orElseThrow();
        assertThat(result(first, "msdynci_customerprofile").upserted()).isEqualTo(profiles.size());

        StoredRow changed = profiles.rows().get(3);
        data().modify(PROFILES, changed.id(), Map.of("msdynci_city", "Reykjavik"));
        StoredRow removed = profiles.rows().get(5);
        data().remove(PROFILES, removed.id());

        TableExportReport second = export(TableExportRequest.of(PROD, "msdynci_customerprofile", "embedded").withPrefix("demo"));
        TableExportResult table = result(second, "msdynci_customerprofile");
        assertThat(table.mode()).isEqualTo("incremental");
        assertThat(table.upserted()).isEqualTo(1);
        assertThat(table.deleted()).isEqualTo(1);
        assertThat(table.reconciliation().sinkCount()).isEqualTo(profiles.size());
        try (Connection h2 = DriverManager.getConnection(((TableExportSteps) world.runtime.context().getRegistry()
                .lookupByName("tableExportSteps")).embeddedUrl()); Statement s = h2.createStatement()) {
            assertThat(text(s, "SELECT msdynci_city FROM demo_msdynci_customerprofile WHERE id = '" + changed.id() + "'")).isEqualTo("Reykjavik");
            assertThat(text(s, "SELECT COUNT(*) FROM demo_msdynci_customerprofile WHERE id = '" + removed.id() + "'")).isEqualTo("0");
        }
    }

    @Test
    @Order(2)
    void a_run_killed_between_pages_resumes_on_postgresql_with_nothing_lost_or_doubled() throws SQLException {
        String schema = "exp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection pg = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = pg.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
            s.execute("SET search_path TO " + schema);
            s.execute(new io.dvbridge.export.SqlDialect.PostgreSql().createCheckpoints());
            // the third position saved fails, as if the process died inside that page's transaction (sequences are not rolled back)
            s.execute("CREATE SEQUENCE fail_seq");
            s.execute("CREATE FUNCTION fail_third() RETURNS trigger AS $$ BEGIN IF nextval('" + schema + ".fail_seq') = 3 THEN"
                    + " RAISE EXCEPTION 'the sink went down'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER fail_third BEFORE INSERT OR UPDATE ON dvb_export_checkpoints FOR EACH ROW EXECUTE FUNCTION fail_third()");
        }
        String url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + schema;
        TableExportRequest request = TableExportRequest.of(PROD, "msdynci_customerprofile", url).withPageSize(100);

        TableExportReport killed = export(request);
        assertThat(killed.status()).isEqualTo(RunStatus.FAILED);
        assertThat(killed.exitCode()).isEqualTo(1);
        assertThat(result(killed, "msdynci_customerprofile").error()).contains("the sink went down");

        TableExportReport resumed = export(request.withReconcile(true));
        TableExportResult table = result(resumed, "msdynci_customerprofile");
        assertThat(resumed.status()).as(resumed.summary()).isEqualTo(RunStatus.SUCCEEDED);
        int size = data().tableBySet(PROFILES).orElseThrow().size();
        assertThat(table.upserted()).isEqualTo(size - 200);
        assertThat(table.reconciliation().sourceCount()).isEqualTo(size);
        assertThat(table.reconciliation().sinkCount()).isEqualTo(size);
        assertThat(table.reconciliation().sinkChecksum()).isEqualTo(table.reconciliation().sourceChecksum());
    }

    @Test
    @Order(3)
    void a_dry_run_shows_columns_ddl_and_counts_and_creates_nothing() throws SQLException {
        String schema = "exp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection pg = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = pg.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        java.util.function.Predicate<io.dvbridge.sandbox.RequestLog.Entry> tableRead =
                e -> e.path().endsWith("/msdynci_enrichments") && e.method().equals("GET");
        long readsBefore = world.sandbox.requestLog().count(tableRead);
        long countsBefore = world.sandbox.requestLog().count(e -> e.path().endsWith("/msdynci_enrichments/$count"));
        TableExportReport report = export(TableExportRequest.of(PROD, "msdynci_enrichment",
                "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + schema).withDryRun(true));
        TableExportResult table = result(report, "msdynci_enrichment");
        assertThat(report.status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(table.ddl()).anySatisfy(d -> assertThat(d).startsWith("CREATE TABLE \"msdynci_enrichment\""));
        assertThat(table.columns()).contains("id", "partitionid", "versionnumber", "sinkmodifiedon");
        assertThat(table.reconciliation().sourceCount()).isEqualTo(data().tableBySet("msdynci_enrichments").orElseThrow().size());
        assertThat(world.sandbox.requestLog().count(e -> e.path().endsWith("/msdynci_enrichments/$count"))).as("counted by $count")
                .isEqualTo(countsBefore + 1);
        assertThat(world.sandbox.requestLog().count(tableRead)).as("no key read under the $count cap").isEqualTo(readsBefore);
        try (Connection pg = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = pg.createStatement()) {
            assertThat(text(s, "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + schema + "'")).isEqualTo("0");
        }
    }

    @Test
    @Order(6)
    void a_dry_run_counts_the_keys_when_count_hits_the_dataverse_cap() {
        String set = "msdynci_predictions";
        Table predictions = data().tableBySet(set).orElseThrow();
        Map<String, Object> template = new java.util.HashMap<>(predictions.rows().get(0).values());
        template.remove("versionnumber");
        while (predictions.size() <= io.dvbridge.dataverse.DataverseClient.COUNT_CAP) {
            template.put(predictions.schema().primaryId(), UUID.randomUUID());
            data().add(set, template, Map.of());
        }
        TableExportReport report = export(TableExportRequest.of(PROD, "msdynci_prediction", "embedded").withDryRun(true));
        assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result(report, "msdynci_prediction").reconciliation().sourceCount()).as("past $count's cap of 5,000")
                .isEqualTo(predictions.size());
    }

    @Test
    @Order(4)
    void a_folder_of_json_lines_reads_back_as_the_source_and_the_cli_exits_0() throws Exception {
        Path folder = runs.resolve("lake");
        StringWriter out = new StringWriter();
        CommandLine cli = DvBridge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(new StringWriter(), true));
        Path config = runs.resolve("cli.properties");
        Files.writeString(config, "dvbridge.runs.dir=" + runs.resolve("cli-runs") + "\n");
        int code = cli.execute("export", "--environment", PROD, "--tables", "msdynci_segmentmembership", "--to", folder.toString(),
                "--format", "jsonl", "--prefix", "ci", "--config", config.toString(), "--no-color");
        assertThat(code).as(out.toString()).isZero();
        assertThat(cli.execute("export", "--environment", PROD, "--tables", "ci", "--format", "avro", "--config", config.toString()))
                .isEqualTo(64);

        Table source = data().tableBySet("msdynci_segmentmemberships").orElseThrow();
        Path tableFolder = folder.resolve("ci_msdynci_segmentmembership");
        ObjectMapper json = new ObjectMapper();
        JsonNode manifest = json.readTree(tableFolder.resolve("manifest.json").toFile());
        Map<String, JsonNode> lines = new java.util.HashMap<>();
        for (JsonNode part : manifest.get("parts")) {
            for (String line : Files.readAllLines(tableFolder.resolve(part.get("file").asText()))) {
                JsonNode node = json.readTree(line);
                lines.put(node.get("id").asText(), node);
            }
        }
        assertThat(lines).hasSize(source.size());
        for (StoredRow row : source.rows()) {
            JsonNode line = lines.get(row.id().toString());
            assertThat(line.get("versionnumber").asLong()).isEqualTo(row.version());
            assertThat(line.get("partitionid").asText()).isEqualTo(row.get("partitionid"));
            assertThat(line.get("msdynci_segments").asText()).isEqualTo(String.valueOf(row.get("msdynci_segments")));
        }
    }

    @Test
    @Order(5)
    void a_record_the_target_refuses_is_retried_logged_in_des_fields_and_lands_on_a_later_run() throws Exception {
        String schema = "exp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection pg = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
             Statement s = pg.createStatement()) {
            s.execute("CREATE SCHEMA " + schema);
        }
        String url = "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + schema;
        TableExportRequest request = TableExportRequest.of(PROD, "msdynci_customermeasure", url).withRetry(2, 0);
        assertThat(export(request).status()).isEqualTo(RunStatus.SUCCEEDED);
        Table measures = data().tableBySet("msdynci_customermeasures").orElseThrow();
        StoredRow refused = measures.rows().get(10);
        StoredRow accepted = measures.rows().get(11);
        try (Connection pg = DriverManager.getConnection(url); Statement s = pg.createStatement()) {
            s.execute("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.id = '" + refused.id() + "' THEN"
                    + " RAISE EXCEPTION 'measure rejected by the target'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql");
            s.execute("CREATE TRIGGER refuse BEFORE INSERT OR UPDATE ON msdynci_customermeasure FOR EACH ROW EXECUTE FUNCTION refuse()");
        }
        data().modify("msdynci_customermeasures", refused.id(), Map.of("msdynci_measures", "{\"ltv\": 1}"));
        data().modify("msdynci_customermeasures", accepted.id(), Map.of("msdynci_measures", "{\"ltv\": 2}"));

        // started as an export profile's sync is (the profile service's caller), so the failure log names the profile
        TableExportReport failed = (TableExportReport) world.runtime.launcher().run(JobCatalog.standard().require("export", "job"),
                request, Trigger.CLI, "profile:nightly-measures");
        TableExportResult table = result(failed, "msdynci_customermeasure");
        assertThat(failed.status()).as(failed.summary()).isEqualTo(RunStatus.NEEDS_ATTENTION);
        assertThat(failed.exitCode()).isEqualTo(2);
        assertThat(table.failed()).isEqualTo(1);
        assertThat(table.upserted()).isEqualTo(1);
        List<String> log = Files.readAllLines(runs.resolve(failed.runId()).resolve(TableExportReport.FAILURES_FILE));
        JsonNode entry = new ObjectMapper().readTree(log.get(0));
        assertThat(log).hasSize(1);
        assertThat(entry.get("Entity").asText()).isEqualTo("msdynci_customermeasure");
        assertThat(entry.get("RecordId").asText()).isEqualTo(refused.id().toString());
        assertThat(entry.get("ChangeType").asText()).isEqualTo("Upsert");
        assertThat(entry.get("FailureReason").asText()).contains("measure rejected by the target");
        assertThat(entry.get("NotificationTime").asText()).isNotBlank();
        assertThat(world.runtime.stateStore().exportFailures().ofProfile("nightly-measures", 10))
                .extracting(io.dvbridge.store.ExportFailureRecord::recordId, io.dvbridge.store.ExportFailureRecord::profile)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(refused.id().toString(), "nightly-measures"));
        assertThat(world.runtime.stateStore().profileFailures().page("nightly-measures", java.util.Optional.empty(), 0, 10).failures())
                .as("the profile's failure log reads it").hasSize(1);

        try (Connection pg = DriverManager.getConnection(url); Statement s = pg.createStatement()) {
            s.execute("DROP TRIGGER refuse ON msdynci_customermeasure");
        }
        TableExportReport later = export(request);
        assertThat(later.status()).as(later.summary()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(result(later, "msdynci_customermeasure").notes()).contains("1 of 1 record(s) that failed earlier landed");
        try (Connection pg = DriverManager.getConnection(url); Statement s = pg.createStatement()) {
            assertThat(text(s, "SELECT msdynci_measures FROM msdynci_customermeasure WHERE id = '" + refused.id() + "'")).isEqualTo("{\"ltv\": 1}");
        }
    }

    @Test
    @Order(10)
    void an_expired_token_resyncs_the_table_on_mariadb_and_deletes_the_rows_the_gap_hid() throws SQLException {
        String database = "exp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection maria = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
             Statement s = maria.createStatement()) {
            s.execute("CREATE DATABASE " + database);
        }
        String url = "jdbc:mariadb://127.0.0.1:3306/" + database + "?user=root";
        TableExportRequest request = TableExportRequest.of(PROD, "msdynci_contactprofile", url).withPrefix("dvb");
        assertThat(export(request).status()).isEqualTo(RunStatus.SUCCEEDED);
        Table contacts = data().tableBySet("msdynci_contactprofiles").orElseThrow();
        data().advanceClock(Duration.ofDays(8));
        List<UUID> gone = List.of(contacts.rows().get(1).id(), contacts.rows().get(2).id());
        gone.forEach(id -> data().remove("msdynci_contactprofiles", id));

        TableExportReport report = export(request);
        TableExportResult table = result(report, "msdynci_contactprofile");
        assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(table.mode()).isEqualTo("resync");
        assertThat(table.deleted()).isEqualTo(2);
        assertThat(table.reconciliation().sourceRead()).isTrue();
        assertThat(table.reconciliation().sinkCount()).isEqualTo(contacts.size());
        assertThat(table.reconciliation().matches()).isTrue();
        try (Connection maria = DriverManager.getConnection(url); Statement s = maria.createStatement()) {
            assertThat(text(s, "SELECT COUNT(*) FROM dvb_msdynci_contactprofile WHERE id IN ('" + gone.get(0) + "', '" + gone.get(1) + "')"))
                    .isEqualTo("0");
        }
    }

    static TableExportResult result(TableExportReport report, String table) {
        return report.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow(() -> new AssertionError(report.summary()));
    }

    static String text(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
