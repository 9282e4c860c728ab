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
import java.util.Map;

import static io.dvbridge.cli.TriggerWorld.PROD;
import static io.dvbridge.cli.TriggerWorld.PROD_HISTORICAL_WS;
import static org.assertj.core.api.Assertions.assertThat;

/** `dvbridge run`'s REST trigger over real HTTP, with the jobs running against the demo sandbox. */
class TriggersRestTest {

    @TempDir
    Path runs;
    TriggerWorld world;
    int port;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @BeforeEach
    void start() {
        port = TriggerWorld.freePort();
        world = new TriggerWorld(runs, Map.of("camel.server.enabled", "true", "camel.server.port", Integer.toString(port)));
    }

    @AfterEach
    void stop() {
        world.close();
    }

    Answer post(String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer get(String path) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        return new Answer(response.statusCode(), json.readTree(response.body()), response);
    }

    @Test
    void a_dry_run_on_the_demo_answers_with_the_report_its_nine_planned_rows_and_exit_code_2() throws Exception {
        Answer answer = post("/api/jobs/rebind", "{\"environment\":\"contoso-prod\",\"dryRun\":true}");

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("X-Dvbridge-Exit-Code")).hasValue("2");
        assertThat(answer.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(answer.raw().headers().map().keySet()).as("no job or request header leaks into the answer")
                .noneMatch(h -> h.equalsIgnoreCase("CamelDataverseKeySet") || h.equalsIgnoreCase("CamelPowerBiWorkspaceId"));
        assertThat(answer.body().at("/counts/planned").asInt()).isEqualTo(9);
        assertThat(answer.body().get("exitCode").asInt()).isEqualTo(2);
        assertThat(answer.body().get("dryRun").asBoolean()).isTrue();
        assertThat(world.row("Queue Overview").get("msdyn_workspaceid")).as("a dry run writes nothing").isNotEqualTo(PROD_HISTORICAL_WS);
    }

    @Test
    void an_unknown_environment_is_a_400_naming_the_field_and_no_request_leaves_the_process() throws Exception {
        world.sandbox.requestLog().clear();

        Answer answer = post("/api/jobs/rebind", "{\"environment\":\"contoso-qa\"}");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.raw().headers().firstValue("X-Dvbridge-Exit-Code")).hasValue("64");
        assertThat(answer.body().get("field").asText()).isEqualTo("environment");
        assertThat(answer.body().get("error").asText()).contains("contoso-qa").contains("contoso-prod");
        assertThat(world.sandbox.requestLog().size()).as("not even a token request").isZero();
    }

    @Test
    void a_body_that_is_not_json_or_has_a_wrong_field_is_a_400_without_a_stack_trace() throws Exception {
        Answer notJson = post("/api/jobs/rebind", "{\"environment\": contoso-prod");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(notJson.body().get("error").asText()).startsWith("The request body is not valid JSON");
        assertThat(notJson.raw().body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("com.fasterxml");

        Answer wrongType = post("/api/jobs/rebind", "{\"environment\":\"contoso-prod\",\"dryRun\":\"maybe\"}");
        assertThat(wrongType.status()).isEqualTo(400);
        assertThat(wrongType.body().get("field").asText()).isEqualTo("dryRun");

        Answer form = send(HttpRequest.newBuilder(uri("/api/jobs/rebind")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"environment\":\"contoso-prod\"}")).build());
        assertThat(form.status()).isEqualTo(400);
        assertThat(form.body().get("field").asText()).isEqualTo("Content-Type");

        Answer url = post("/api/jobs/rebind", "{\"environment\":\"contoso-prod\",\"dataverseUrl\":\"https://evil.example\"}");
        assertThat(url.status()).isEqualTo(400);
        assertThat(url.body().get("field").asText()).isEqualTo("dataverseUrl");
    }

    @Test
    void a_finished_run_s_report_is_served_from_the_run_store() throws Exception {
        String runId = post("/api/jobs/rebind", "{\"environment\":\"contoso-prod\",\"dryRun\":true}").body().get("runId").asText();

        Answer run = get("/api/runs/" + runId);
        assertThat(run.status()).isEqualTo(200);
        assertThat(run.body().get("runId").asText()).isEqualTo(runId);
        assertThat(run.body().at("/counts/planned").asInt()).isEqualTo(9);

        Answer missing = get("/api/runs/rebind-20990101-000000-abcdef");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body().get("error").asText()).contains("rebind-20990101-000000-abcdef").doesNotContain(runs.toString());

        Answer notAnId = get("/api/runs/etc-passwd");
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.body().get("field").asText()).isEqualTo("runId");
    }

    @Test
    void a_migrate_request_runs_the_whole_move_and_a_schema_path_is_refused() throws Exception {
        Answer move = post("/api/jobs/migrate",
                "{\"from\":\"contoso-dev\",\"to\":\"contoso-prod\",\"schema\":\"analytics-reports.xml\",\"dryRun\":true}");
        assertThat(move.status()).as(move.raw().body()).isEqualTo(200);
        assertThat(move.body().get("from").asText()).isEqualTo("contoso-dev");
        assertThat(move.body().get("steps")).hasSize(3);
        assertThat(move.raw().headers().firstValue("X-Dvbridge-Exit-Code")).hasValue(move.body().get("exitCode").asText());

        Answer path = post("/api/jobs/migrate", "{\"from\":\"contoso-dev\",\"to\":\"contoso-prod\",\"schema\":\"../../etc/passwd\"}");
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.body().get("field").asText()).isEqualTo("schema");
    }

    @Test
    void health_answers_up() throws Exception {
        Answer health = get("/api/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
    }
}
