package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code dvbridge run}'s health and metrics over real HTTP, as Prometheus and an orchestrator's probe call them:
 * behind the API's guard, metrics moving as a job runs against the demo sandbox.
 */
class ObserveEndpointsTest {

    static final String KEY = "observe-key-0123456789abcdefghijklmnopqrstuvwxyz";
    static final String READER = "reader-key-0123456789abcdefghijklmnopqrstuvwxyz";

    @TempDir
    Path runs;
    TriggerWorld world;
    int port;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        port = TriggerWorld.freePort();
        world = new TriggerWorld(runs, Map.of("camel.server.enabled", "true", "camel.server.port", Integer.toString(port),
                "dvbridge.api.keys", "ci, dashboard", "dvbridge.api.keys.ci", KEY,
                "dvbridge.api.keys.dashboard", READER, "dvbridge.api.keys.dashboard.permissions", "Runs.Read"));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    HttpResponse<String> get(String path, String key) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
        if (key != null) {
            request.header("X-API-Key", key);
        }
        return http.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    PrometheusText scrape() throws Exception {
        HttpResponse<String> answer = get("/observe/metrics", READER);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
        return PrometheusText.parse(answer.body());
    }

    @Test
    void health_and_metrics_answer_401_without_credentials_liveness_included() throws Exception {
        for (String path : new String[]{"/observe/health", "/observe/health/live", "/observe/health/ready", "/observe/metrics"}) {
            HttpResponse<String> answer = get(path, null);
            assertThat(answer.statusCode()).as(path).isEqualTo(401);
            assertThat(answer.headers().firstValue("WWW-Authenticate")).as(path).isPresent();
            assertThat(answer.body()).as(path).doesNotContain("dvbridge_", "UP");
        }
        assertThat(get("/observe/metrics", "not-a-key-0123456789abcdefghijklmnopqrstuvw").statusCode()).isEqualTo(401);
    }

    @Test
    void readiness_names_the_state_store_and_a_token_check_per_environment() throws Exception {
        JsonNode ready = json.readTree(readyWhenKnown().body());

        assertThat(ready.get("status").asText()).isEqualTo("UP");
        assertThat(ready.findValuesAsText("name")).contains("state-store", "token-contoso-dev", "token-contoso-prod")
                .doesNotContain("broker");
        JsonNode live = json.readTree(get("/observe/health/live", READER).body());
        assertThat(live.findValuesAsText("name")).doesNotContain("state-store", "token-contoso-prod");
    }

    @Test
    void metrics_move_as_a_rebind_dry_run_runs_through_the_api() throws Exception {
        PrometheusText before = scrape();
        HttpResponse<String> run = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/jobs/rebind?wait=true"))
                .header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"environment\":\"contoso-prod\",\"dryRun\":true}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(run.statusCode()).as(run.body()).isEqualTo(200);
        JsonNode report = json.readTree(run.body());
        PrometheusText after = scrape();

        Map<String, String> rebind = Map.of("job", "rebind");
        assertThat(after.sum("dvbridge_runs_total", Map.of("job", "rebind", "status", "NEEDS_ATTENTION")))
                .isEqualTo(before.sum("dvbridge_runs_total", Map.of("job", "rebind", "status", "NEEDS_ATTENTION")) + 1);
        assertThat(after.sum("dvbridge_run_duration_seconds_count", rebind)).isEqualTo(before.sum("dvbridge_run_duration_seconds_count", rebind) + 1);
        assertThat(after.has("dvbridge_run_duration_seconds_bucket")).isTrue();
        assertThat(after.sum("dvbridge_rows_total", Map.of("job", "rebind", "outcome", "read")))
                .isEqualTo(before.sum("dvbridge_rows_total", Map.of("job", "rebind", "outcome", "read")) + report.at("/counts/total").asLong());
        Map<String, String> dataverse = Map.of("environment", "contoso-prod", "service", "dataverse", "status", "2xx");
        Map<String, String> powerBi = Map.of("environment", "contoso-prod", "service", "powerbi", "status", "2xx");
        assertThat(after.sum("dvbridge_requests_total", dataverse)).isGreaterThan(before.sum("dvbridge_requests_total", dataverse));
        assertThat(after.sum("dvbridge_requests_total", powerBi)).isGreaterThan(before.sum("dvbridge_requests_total", powerBi));
        Map<String, String> tokens = Map.of("environment", "contoso-prod", "service", "dataverse");
        assertThat(after.sum("dvbridge_tokens_total", tokens)).isGreaterThan(before.sum("dvbridge_tokens_total", tokens));
        assertThat(after.has("camel_exchanges_total")).as("Camel's own meters are in the same registry").isTrue();
        assertThat(after.samples()).as("labels never carry a URL or a token")
                .allSatisfy(sample -> assertThat(sample.labels().values()).noneMatch(v -> v.contains("https://") || v.startsWith("ey")));
    }

    /** Readiness while the token checks have not had their first answer is UNKNOWN (503): wait for a verdict. */
    HttpResponse<String> readyWhenKnown() throws Exception {
        for (int attempt = 0; attempt < 300; attempt++) {
            HttpResponse<String> answer = get("/observe/health/ready", READER);
            if (!json.readTree(answer.body()).get("status").asText().equals("UNKNOWN")) {
                return answer;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness stayed UNKNOWN");
    }
}
