package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.jobs.JobReport;
import io.dvbridge.jobs.TableExportReport;
import io.dvbridge.jobs.TableExportRequest;
import io.dvbridge.store.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.dvbridge.cli.TriggerWorld.PROD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where an export may write, by trigger: REST names a configured target (its credentials from configuration), never a
 * JDBC URL, and a folder only inside the files folder; the CLI may give a JDBC URL. No password reaches a report.
 */
class ExportTargetsRestTest {

    static final String KEY = "test-key-0123456789abcdefghijklmnopqrstuvwxyz";
    static final String PASSWORD = "Wh1sper-3xport-Secret";
    static final String TABLE = "msdynci_segmentmembership";

    @TempDir
    static Path runs;
    static TriggerWorld world;
    static int port;
    static String warehouseUrl;
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void start() throws IOException {
        port = TriggerWorld.freePort();
        warehouseUrl = "jdbc:h2:file:" + runs.resolve("warehouse").resolve("dw").toAbsolutePath() + ";DATABASE_TO_LOWER=TRUE";
        Map<String, String> config = new HashMap<>(Map.of("camel.server.enabled", "true", "camel.server.port", Integer.toString(port),
                "dvbridge.api.keys", "ci", "dvbridge.api.keys.ci", KEY,
                "dvbridge.export.target.warehouse.url", warehouseUrl,
                "dvbridge.export.target.warehouse.user", "dw",
                "dvbridge.export.target.warehouse.password", PASSWORD));
        config.put("dvbridge.run.files-dir", runs.resolve("files").toString());
        Files.createDirectories(runs.resolve("files"));
        world = new TriggerWorld(runs.resolve("runs"), config);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static JsonNode post(String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs/export?wait=true"))
                .timeout(Duration.ofSeconds(120)).header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
        assertThat(response.body()).doesNotContain(PASSWORD);
        if (expectedStatus == 400) {
            assertThat(response.body()).as("a refusal names the folder's key, not the server's path").doesNotContain(runs.toString());
        }
        return JSON.readTree(response.body());
    }

    @Test
    void rest_refuses_a_jdbc_url_naming_the_field_and_the_configured_targets() throws Exception {
        JsonNode refused = post("{\"environment\":\"" + PROD + "\",\"tables\":\"" + TABLE + "\",\"to\":\"jdbc:postgresql://evil.example:5432/x?user=a&password=b\"}", 400);
        assertThat(refused.get("field").asText()).isEqualTo("to");
        assertThat(refused.toString()).contains("warehouse").contains("command line only").doesNotContain("evil.example");
    }

    @Test
    void rest_confines_a_folder_to_the_files_folder() throws Exception {
        JsonNode refused = post("{\"environment\":\"" + PROD + "\",\"tables\":\"" + TABLE + "\",\"to\":\"/tmp/lake\"}", 400);
        assertThat(refused.get("field").asText()).isEqualTo("to");
        JsonNode done = post("{\"environment\":\"" + PROD + "\",\"tables\":\"" + TABLE + "\",\"to\":\"lake\",\"format\":\"jsonl\"}", 200);
        assertThat(done.get("exitCode").asInt()).as(done.toString()).isZero();
        assertThat(runs.resolve("files").resolve("lake").resolve(TABLE).resolve("manifest.json")).exists();
    }

    @Test
    void rest_writes_to_a_named_target_with_its_configured_credentials_and_no_password_is_shown() throws Exception {
        JsonNode done = post("{\"environment\":\"" + PROD + "\",\"tables\":\"" + TABLE + "\",\"to\":\"warehouse\"}", 200);
        assertThat(done.get("exitCode").asInt()).as(done.toString()).isZero();
        assertThat(done.get("summary").asText()).contains("export target warehouse (H2)").doesNotContain(warehouseUrl);
        try (Connection dw = DriverManager.getConnection(warehouseUrl, "dw", PASSWORD); Statement s = dw.createStatement();
             ResultSet count = s.executeQuery("SELECT COUNT(*) FROM " + TABLE)) {
            count.next();
            assertThat(count.getLong(1)).isEqualTo(world.sandbox.environment(PROD).data().tableBySet(TABLE + "s").orElseThrow().size());
        }
        assertNoPasswordIn(runs.resolve("runs"), PASSWORD);
    }

    @Test
    void the_cli_may_give_a_jdbc_url_and_its_password_is_masked_in_the_report() throws Exception {
        String url = "jdbc:h2:file:" + runs.resolve("cli-target").resolve("db").toAbsolutePath()
                + ";DATABASE_TO_LOWER=TRUE;USER=cli;PASSWORD=" + PASSWORD + "x";
        JobReport report = world.runtime.run("export", TableExportRequest.of(PROD, TABLE, url));
        assertThat(report.status()).as(report.summary()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(((TableExportReport) report).target()).contains("PASSWORD=***").doesNotContain(PASSWORD);
        assertNoPasswordIn(runs.resolve("runs"), PASSWORD + "x");
    }

    @Test
    void a_connection_failure_does_not_quote_the_password() {
        String url = "jdbc:postgresql://dw:" + PASSWORD + "@127.0.0.1:1/none?password=" + PASSWORD;
        assertThatThrownBy(() -> world.runtime.run("export", TableExportRequest.of(PROD, TABLE, url)))
                .hasMessageContaining("Cannot connect to the export target jdbc:postgresql://***@127.0.0.1:1/none?password=***")
                .hasMessageNotContaining(PASSWORD).hasNoCause();
    }

    /** Every file the runs wrote (reports, run records in the state store, failure logs). */
    static void assertNoPasswordIn(Path folder, String password) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).toList();
        }
        assertThat(files).anyMatch(f -> f.getFileName().toString().equals("report.json"));
        for (Path file : files) {
            assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString()).doesNotContain(password);
        }
    }
}
