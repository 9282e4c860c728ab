package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import io.dvbridge.store.RunQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static io.dvbridge.cli.TriggerWorld.PROD;
import static io.dvbridge.cli.TriggerWorld.PROD_HISTORICAL_WS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * `dvbridge run`'s REST API over real HTTP, the way a pipeline or a dashboard calls it: authenticated with an
 * API key or an Entra ID token the sandbox tenant issues to real msal4j, jobs running against the demo sandbox.
 */
class TriggersRestTest {

    static final String KEY = "test-key-0123456789abcdefghijklmnopqrstuvwxyz";
    static final String PIPELINE = "4e9a7b2c-1d3f-4a5b-8c6d-7e8f9a0b1c2d";
    static final String DASHBOARD = "9f1e2d3c-4b5a-4968-a7b6-c5d4e3f2a1b0";
    static final String DEMO_APP = "3b7e1f4a-9c2d-4e8f-a1b3-5d6c7e8f9a0b";

    @TempDir
    Path runs;
    TriggerWorld world;
    int port;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @BeforeEach
    void start() throws Exception {
        port = TriggerWorld.freePort();
        Map<String, String> config = new HashMap<>(Map.of("camel.server.enabled", "true", "camel.server.port", Integer.toString(port),
                "dvbridge.api.keys", "ci", "dvbridge.api.keys.ci", KEY,
                "dvbridge.api.entra.authority", "sandbox:contoso", "dvbridge.api.entra.audience", "api://dvbridge",
                "dvbridge.api.entra.client-id", "8d2f6c1e-5b4a-4c3d-9e8f-1a2b3c4d5e6f"));
        config.put("dvbridge.run.files-dir", runs.resolve("files").toString());
        Files.createDirectories(runs.resolve("files"));
        world = new TriggerWorld(runs, config);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    Answer post(String path, String body) throws Exception {
        return send(request(path).header("X-API-Key", KEY).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer get(String path) throws Exception {
        return send(request(path).header("X-API-Key", KEY).GET().build());
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60));
    }

    Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        boolean isJson = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        return new Answer(response.statusCode(), isJson && !body.isBlank() ? json.readTree(body) : json.nullNode(), response);
    }

    /** Polls the run until it ends, as a pipeline step would. */
    JsonNode finished(String runId) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(giveUp)) {
            JsonNode run = get("/api/runs/" + runId).body();
            if (!run.get("status").asText().matches("QUEUED|RUNNING")) {
                return run;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("Run " + runId + " did not end");
    }

    /** A request as a browser on a rebound DNS name sends it (the JDK's client will not send a Host of our choosing). */
    String rawPost(String host, String path, String body) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            byte[] content = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nX-API-Key: " + KEY + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + content.length + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().write(content);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    String token(String clientId, String secret, String scope) throws Exception {
        ConfidentialClientApplication app = ConfidentialClientApplication.builder(clientId, ClientCredentialFactory.createFromSecret(secret))
                .authority(world.sandbox.authority("contoso")).instanceDiscovery(false).validateAuthority(false)
                .sslSocketFactory(world.sandbox.clientTls().getSocketFactory()).build();
        return app.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).skipCache(true).build()).join().accessToken();
    }

    @Test
    void a_job_answers_202_with_its_location_and_the_run_shows_progress_then_its_report() throws Exception {
        Answer accepted = post("/api/jobs/rebind", "{\"environment\":\"contoso-prod\",\"dryRun\":true}");

        assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(202);
        String runId = accepted.body().get("runId").asText();
        assertThat(accepted.raw().headers().firstValue("Location")).hasValue("/api/runs/" + runId);
        JsonNode run = finished(runId);
        assertThat(run.get("status").asText()).isEqualTo("NEEDS_ATTENTION");
        assertThat(run.get("exitCode").asInt()).isEqualTo(2);
        assertThat(run.get("trigger").asText()).isEqualTo("rest");
        assertThat(run.get("caller").asText()).contains("ci");

        Answer report = get("/api/runs/" + runId + "/report");
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body().at("/counts/planned").asInt()).isEqualTo(9);
        assertThat(report.body().at("/rebind/dryRun").asBoolean()).isTrue();
        Answer html = send(request("/api/runs/" + runId + "/report?format=html").header("X-API-Key", KEY).GET().build());
        assertThat(html.raw().headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
        assertThat(html.raw().body()).contains("<html");
        assertThat(world.row("Queue Overview").get("msdyn_workspaceid")).as("a dry run writes nothing").isNotEqualTo(PROD_HISTORICAL_WS);
    }

    @Test
    void wait_true_answers_the_report_when_the_run_ends_with_the_exit_code_the_cli_would_give() throws Exception {
        Answer answer = post("/api/jobs/rebind?wait=true", "{\"environment\":\"contoso-prod\",\"dryRun\":true}");

        assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
        assertThat(answer.raw().headers().firstValue("X-Dvbridge-Exit-Code")).hasValue("2");
        assertThat(answer.body().get("exitCode").asInt()).isEqualTo(2);
        assertThat(answer.raw().headers().map().keySet()).as("no job or request header leaks into the answer")
                .noneMatch(h -> h.equalsIgnoreCase("CamelDataverseParameters") || h.equalsIgnoreCase("CamelPowerBiWorkspaceId")
                        || h.equalsIgnoreCase("X-API-Key"));
    }

    @Test
    void every_job_runs_from_rest_check_data_export_and_data_import_included() throws Exception {
        Answer check = post("/api/jobs/check?wait=true", "{\"environment\":\"contoso-prod\"}");
        assertThat(check.status()).as(check.raw().body()).isEqualTo(200);
        assertThat(check.body().get("job").asText()).isEqualTo("check");
        assertThat(check.body().get("exitCode").asInt()).isZero();

        Answer export = post("/api/jobs/data-export?wait=true",
                "{\"environment\":\"contoso-dev\",\"schema\":\"analytics-reports.xml\",\"out\":\"reports.zip\"}");
        assertThat(export.status()).as(export.raw().body()).isEqualTo(200);
        assertThat(export.body().get("exitCode").asInt()).isZero();
        assertThat(runs.resolve("files").resolve("reports.zip")).exists();

        Answer dryImport = post("/api/jobs/data-import?wait=true", "{\"environment\":\"contoso-prod\",\"data\":\"reports.zip\",\"dryRun\":true}");
        assertThat(dryImport.status()).as(dryImport.raw().body()).isEqualTo(200);
        assertThat(dryImport.body().get("job").asText()).isEqualTo("data-import");
        assertThat(dryImport.body().get("dryRun").asBoolean()).isTrue();
        JsonNode importRun = get("/api/runs/" + dryImport.body().get("runId").asText()).body();
        assertThat(importRun.at("/progress/done").asLong()).as("the run's record shows its progress").isEqualTo(10);
        assertThat(importRun.at("/progress/total").asLong()).isEqualTo(10);
        assertThat(importRun.at("/progress/ratePerSecond").isNumber()).isTrue();

        Answer path = post("/api/jobs/data-export", "{\"environment\":\"contoso-dev\",\"schema\":\"analytics-reports.xml\",\"out\":\"/tmp/x.zip\"}");
        assertThat(path.status()).isEqualTo(400);
        assertThat(path.body().get("field").asText()).isEqualTo("out");
        assertThat(path.raw().body()).doesNotContain(runs.toString());
    }

    @Test
    void bad_requests_are_400_naming_the_field_and_start_no_run() throws Exception {
        world.sandbox.requestLog().clear();
        Map<String, String> cases = Map.of(
                "{\"environment\":\"contoso-prod\",\"dryRun\":true,\"dryRun\":false}", "dryRun",
                "{\"environment\":\"contoso-qa\"}", "environment",
                "{\"environment\":\"contoso-prod\",\"stageOrder\":-5,\"pipelineId\":\"15e0e09f-8678-5627-bebe-85363591dec9\"}", "stageOrder",
                "{\"environment\":\"contoso-prod\",\"pipelineId\":\"nope\",\"stageOrder\":1}", "pipelineId",
                "{\"environment\":\"contoso-prod\",\"undoRunId\":\"../../runs\"}", "undoRunId",
                "{\"environment\":\"contoso-prod\",\"dataverseUrl\":\"https://evil.example\"}", "dataverseUrl",
                "{\"environment\": contoso-prod", "");
        for (var entry : cases.entrySet()) {
            Answer answer = post("/api/jobs/rebind", entry.getKey());
            assertThat(answer.status()).as(entry.getKey()).isEqualTo(400);
            assertThat(answer.raw().headers().firstValue("X-Dvbridge-Exit-Code")).hasValue("64");
            assertThat(answer.body().path("field").asText()).as(entry.getKey()).isEqualTo(entry.getValue());
            assertThat(answer.raw().body()).doesNotContain("Exception").doesNotContain("\tat ").doesNotContain(runs.toString());
        }
        Answer form = send(request("/api/jobs/rebind").header("X-API-Key", KEY).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("{\"environment\":\"contoso-prod\"}")).build());
        assertThat(form.body().get("field").asText()).isEqualTo("Content-Type");
        Answer tooLarge = post("/api/jobs/rebind", "{\"environment\":\"contoso-prod\",\"workspaceIds\":[\"" + "x".repeat(70_000) + "\"]}");
        assertThat(tooLarge.status()).as("a body over dvbridge.api.max-body-bytes").isEqualTo(413);
        Answer unknownJob = post("/api/jobs/exprt", "{}");
        assertThat(unknownJob.status()).isEqualTo(400);
        assertThat(unknownJob.body().get("error").asText()).contains("rebind");
        assertThat(world.runtime.stateStore().runs().page(RunQuery.newest(50)).runs()).as("no run was recorded").isEmpty();
        assertThat(world.sandbox.requestLog().size()).as("not even a token request").isZero();
    }

    @Test
    void foreign_hosts_missing_or_wrong_keys_and_tokens_are_refused_before_any_job_starts() throws Exception {
        String body = "{\"environment\":\"contoso-prod\"}";
        String rebound = rawPost("attacker.example.com", "/api/jobs/rebind", body);
        assertThat(rebound).startsWith("HTTP/1.1 421");
        Answer noKey = send(request("/api/jobs/rebind").header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(noKey.status()).isEqualTo(401);
        assertThat(noKey.raw().headers().firstValue("WWW-Authenticate")).isPresent();
        Answer badKey = send(request("/api/jobs/rebind").header("X-API-Key", KEY + "x").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(badKey.status()).isEqualTo(401);
        String dataverseToken = token(DEMO_APP, "sandbox-only-demo-secret", "https://contoso-prod.crm.dynamics.com/.default");
        Answer wrongAudience = send(request("/api/jobs/rebind").header("Authorization", "Bearer " + dataverseToken)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(wrongAudience.status()).isEqualTo(401);
        String readOnly = token(DASHBOARD, "sandbox-only-dashboard-secret", "api://dvbridge/.default");
        Answer wrongRole = send(request("/api/jobs/rebind").header("Authorization", "Bearer " + readOnly)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(wrongRole.status()).isEqualTo(403);
        assertThat(wrongRole.body().get("error").asText()).contains("Jobs.Run");
        assertThat(world.runtime.stateStore().runs().page(RunQuery.newest(50)).runs()).as("no run was recorded").isEmpty();
        assertThat(rebound + noKey.raw().body() + badKey.raw().body() + wrongRole.raw().body()).doesNotContain(KEY);

        Answer reads = send(request("/api/runs").header("Authorization", "Bearer " + readOnly).GET().build());
        assertThat(reads.status()).isEqualTo(200);
        String pipeline = token(PIPELINE, "sandbox-only-pipeline-secret", "api://dvbridge/.default");
        Answer started = send(request("/api/jobs/rebind").header("Authorization", "Bearer " + pipeline)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"environment\":\"contoso-prod\",\"dryRun\":true}")).build());
        assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
        assertThat(finished(started.body().get("runId").asText()).get("caller").asText()).contains(PIPELINE);
        assertThat(started.raw().headers().firstValue("Access-Control-Allow-Origin")).as("no CORS unless configured").isEmpty();
    }

    @Test
    void jobs_and_runs_are_listed_with_their_schemas_filters_and_pages() throws Exception {
        JsonNode jobs = get("/api/jobs").body().get("jobs");
        assertThat(jobs.findValuesAsText("name")).containsExactly("rebind", "migrate", "data-export", "data-import", "check", "export", "push");
        assertThat(jobs.get(0).at("/request/properties/environment/type").asText()).isEqualTo("string");

        for (int i = 0; i < 3; i++) {
            finished(post("/api/jobs/check", "{\"environment\":\"contoso-prod\"}").body().get("runId").asText());
        }
        finished(post("/api/jobs/rebind", "{\"environment\":\"contoso-prod\",\"dryRun\":true}").body().get("runId").asText());

        JsonNode checks = get("/api/runs?job=check&limit=2").body();
        assertThat(checks.get("runs")).hasSize(2).allSatisfy(r -> assertThat(r.get("job").asText()).isEqualTo("check"));
        JsonNode rest = get(checks.get("next").asText()).body();
        assertThat(rest.get("runs")).hasSize(1);
        assertThat(get("/api/runs?status=needs-attention").body().get("runs")).hasSize(1);
        assertThat(get("/api/runs?environment=contoso-dev").body().get("runs")).isEmpty();
        assertThat(get("/api/runs?limit=0").status()).isEqualTo(400);
        assertThat(get("/api/runs/rebind-20990101-000000-abcdef").status()).isEqualTo(404);
        Answer notAnId = get("/api/runs/etc-passwd");
        assertThat(notAnId.status()).isEqualTo(400);
        assertThat(notAnId.body().get("field").asText()).isEqualTo("runId");
    }

    @Test
    void health_answers_up_for_an_authenticated_caller() throws Exception {
        Answer health = get("/api/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body().get("status").asText()).isEqualTo("UP");
        assertThat(send(request("/api/health").GET().build()).status()).isEqualTo(401);
    }
}
