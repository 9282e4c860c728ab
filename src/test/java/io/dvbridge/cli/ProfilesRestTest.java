package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Export profiles over `dvbridge run`'s REST API, the way the Data Export Service's profile operations were called:
 * authenticated, against the demo sandbox; an active profile's schedule runs the real export job into the embedded
 * database. One
 * instance serves every test (starting one takes seconds); each test has profiles of its own names.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProfilesRestTest {

    static final String KEY = "test-key-0123456789abcdefghijklmnopqrstuvwxyz";
    static final String REQUEST = "{\"environment\":\"contoso-prod\",\"tables\":\"msdynci_segmentmembership\",\"to\":\"embedded\"}";
    static final String PROFILE = "{\"name\":\"ci-to-pg\",\"request\":" + REQUEST + ",\"interval\":\"15m\","
            + "\"retryInterval\":\"30s\",\"retryMax\":3}";

    static String profile(String name) {
        return PROFILE.replace("ci-to-pg", name);
    }

    @TempDir
    static Path runs;
    TriggerWorld world;
    int port;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();

    record Answer(int status, JsonNode body, HttpResponse<String> raw) {
    }

    @BeforeAll
    void start() {
        port = TriggerWorld.freePort();
        Map<String, String> config = new HashMap<>(Map.of("camel.server.enabled", "true", "camel.server.port", Integer.toString(port),
                "dvbridge.api.keys", "ci", "dvbridge.api.keys.ci", KEY,
                "dvbridge.export.profile.nightly.environment", "contoso-prod", "dvbridge.export.profile.nightly.tables", "ci",
                "dvbridge.export.profile.nightly.interval", "1h"));
        world = new TriggerWorld(runs, config);
    }

    @AfterAll
    void stop() {
        world.close();
    }

    Answer call(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(60))
                .header("X-API-Key", KEY);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return send(request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build());
    }

    Answer send(HttpRequest request) throws Exception {
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        boolean isJson = response.headers().firstValue("Content-Type").orElse("").startsWith("application/json");
        return new Answer(response.statusCode(), isJson && !response.body().isBlank() ? json.readTree(response.body()) : json.nullNode(), response);
    }

    @Test
    void every_profile_operation_needs_credentials() throws Exception {
        List<String[]> operations = List.of(new String[]{"GET", "/api/profiles"}, new String[]{"POST", "/api/profiles"},
                new String[]{"GET", "/api/profiles/nightly"}, new String[]{"PUT", "/api/profiles/nightly"},
                new String[]{"DELETE", "/api/profiles/nightly"}, new String[]{"POST", "/api/profiles/nightly/activate"},
                new String[]{"POST", "/api/profiles/nightly/deactivate"}, new String[]{"POST", "/api/profiles/nightly/test"},
                new String[]{"POST", "/api/profiles/validate"}, new String[]{"GET", "/api/profiles/nightly/failures"});
        for (String[] operation : operations) {
            Answer answer = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + operation[1])).header("Content-Type", "application/json")
                    .method(operation[0], HttpRequest.BodyPublishers.ofString(operation[0].matches("POST|PUT") ? profile("unauthorised") : "")).build());

            assertThat(answer.status()).as(operation[0] + " " + operation[1]).isEqualTo(401);
            assertThat(answer.raw().headers().firstValue("WWW-Authenticate")).as(operation[1]).isPresent();
        }
        assertThat(world.runtime.stateStore().exportProfiles().find("unauthorised")).isEmpty();
    }

    @Test
    void a_profile_is_created_read_listed_updated_and_deleted_beside_the_configured_one() throws Exception {
        Answer created = call("POST", "/api/profiles", PROFILE);

        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        assertThat(created.raw().headers().firstValue("Location")).hasValue("/api/profiles/ci-to-pg");
        assertThat(created.body().get("source").asText()).isEqualTo("store");
        assertThat(created.body().get("active").asBoolean()).isFalse();
        assertThat(created.body().get("retryInterval").asText()).isEqualTo("PT30S");
        assertThat(created.body().get("warnings")).as("15 minutes is far below the 7 days changes are kept").isEmpty();

        Answer read = call("GET", "/api/profiles/ci-to-pg", null);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.body().get("request")).isEqualTo(json.readTree(REQUEST));
        assertThat(read.body().get("interval").asText()).isEqualTo("PT15M");
        assertThat(read.body().get("retryMax").asInt()).isEqualTo(3);

        Answer list = call("GET", "/api/profiles", null);
        assertThat(list.body().get("profiles")).extracting(p -> p.get("name").asText() + "/" + p.get("source").asText())
                .contains("ci-to-pg/store", "nightly/configuration");

        Answer updated = call("PUT", "/api/profiles/ci-to-pg", "{\"request\":" + REQUEST.replace("msdynci_segmentmembership", "ci")
                + ",\"interval\":\"PT2H\"}");
        assertThat(updated.status()).as(updated.raw().body()).isEqualTo(200);
        assertThat(updated.body().get("interval").asText()).isEqualTo("PT2H");
        assertThat(updated.body().get("retryMax").asInt()).as("an update is the whole profile").isEqualTo(12);
        assertThat(updated.body().at("/request/tables").asText()).isEqualTo("ci");

        Answer twice = call("POST", "/api/profiles", PROFILE);
        assertThat(twice.status()).isEqualTo(409);
        assertThat(twice.body().get("field").asText()).isEqualTo("name");

        Answer configured = call("DELETE", "/api/profiles/nightly", null);
        assertThat(configured.status()).isEqualTo(409);
        assertThat(configured.body().get("error").asText()).contains("dvbridge.export.profile.nightly.");
        assertThat(call("PUT", "/api/profiles/nightly", PROFILE.replace("ci-to-pg", "nightly")).status()).isEqualTo(409);

        Answer deleted = call("DELETE", "/api/profiles/ci-to-pg", null);
        assertThat(deleted.status()).isEqualTo(200);
        assertThat(call("GET", "/api/profiles/ci-to-pg", null).status()).isEqualTo(404);
        assertThat(call("DELETE", "/api/profiles/ci-to-pg", null).status()).isEqualTo(404);
    }

    @Test
    void mistakes_are_refused_naming_the_field_and_nothing_is_saved() throws Exception {
        Map<String, String> mistakes = Map.of(
                "{\"name\":\"a\",\"request\":" + REQUEST.replace("contoso-prod", "nowhere") + "}", "request.environment",
                "{\"name\":\"a\",\"request\":" + REQUEST.replace("}", ",\"bogus\":1}") + "}", "request.bogus",
                "{\"name\":\"a\",\"request\":{}}", "request.environment",
                "{\"name\":\"a\",\"request\":" + REQUEST.replace("msdynci_segmentmembership", "Not A Table") + "}", "request.tables",
                "{\"name\":\"a\",\"request\":" + REQUEST + ",\"interval\":\"often\"}", "interval",
                "{\"name\":\"a\",\"request\":" + REQUEST + ",\"retryMax\":50}", "retryMax",
                "{\"name\":\"A b\",\"request\":" + REQUEST + "}", "name",
                "{\"request\":" + REQUEST + "}", "name",
                "{\"name\":\"a\"}", "request",
                "{\"name\":\"a\",\"request\":" + REQUEST + ",\"colour\":\"red\"}", "colour");
        for (var mistake : mistakes.entrySet()) {
            for (String path : List.of("/api/profiles/validate", "/api/profiles")) {
                Answer refused = call("POST", path, mistake.getKey());

                assertThat(refused.status()).as(path + " " + mistake.getKey()).isEqualTo(400);
                assertThat(refused.body().get("field").asText()).as(mistake.getKey()).isEqualTo(mistake.getValue());
                assertThat(refused.body().get("exitCode").asInt()).isEqualTo(64);
            }
        }
        assertThat(world.runtime.stateStore().exportProfiles().find("a")).isEmpty();

        Answer valid = call("POST", "/api/profiles/validate", profile("validated").replace("15m", "4d"));
        assertThat(valid.status()).as(valid.raw().body()).isEqualTo(200);
        assertThat(valid.body().get("valid").asBoolean()).isTrue();
        assertThat(valid.body().get("warnings").get(0).get("field").asText()).isEqualTo("interval");
        assertThat(valid.body().get("warnings").get(0).get("warning").asText()).as("the sandbox keeps changes 7 days")
                .contains("expirechangetrackingindays");
        assertThat(world.runtime.stateStore().exportProfiles().find("validated")).as("validate saves nothing").isEmpty();
    }

    @Test
    void an_active_profile_runs_its_job_on_its_schedule_until_deactivated() throws Exception {
        call("POST", "/api/profiles", profile("synced").replace("15m", "1h"));

        Answer activated = call("POST", "/api/profiles/synced/activate", null);

        assertThat(activated.status()).as(activated.raw().body()).isEqualTo(200);
        assertThat(activated.body().get("active").asBoolean()).isTrue();
        assertThat(activated.body().has("nextSync")).isTrue();
        assertThat(scheduledProfiles()).isEqualTo(1);
        JsonNode run = runOf("profile:synced");
        assertThat(run.get("trigger").asText()).isEqualTo("schedule");
        assertThat(run.get("job").asText()).isEqualTo("export");
        assertThat(run.get("exitCode").asInt()).as(run.toString()).isZero();

        Answer deactivated = call("POST", "/api/profiles/synced/deactivate", null);
        assertThat(deactivated.body().get("active").asBoolean()).isFalse();
        assertThat(deactivated.body().has("nextSync")).isFalse();
        assertThat(scheduledProfiles()).isZero();

        call("POST", "/api/profiles/synced/activate", null);
        assertThat(scheduledProfiles()).isEqualTo(1);
        assertThat(call("DELETE", "/api/profiles/synced", null).status()).isEqualTo(200);
        assertThat(scheduledProfiles()).as("a deleted profile's schedule goes with it").isZero();
        assertThat(call("POST", "/api/profiles/nightly/activate", null).status()).as("configured: the file decides").isEqualTo(409);
    }

    @Test
    void a_test_checks_the_environment_the_profile_exports_from_and_its_sink() throws Exception {
        call("POST", "/api/profiles", profile("tested"));

        Answer tested = call("POST", "/api/profiles/tested/test", null);

        assertThat(tested.status()).as(tested.raw().body()).isEqualTo(200);
        assertThat(tested.body().get("passed").asBoolean()).isTrue();
        assertThat(tested.raw().headers().firstValue("X-Dvbridge-Exit-Code")).hasValue("0");
        assertThat(tested.body().at("/connectivity/job").asText()).isEqualTo("check");
        assertThat(tested.body().at("/connectivity/environments/0").asText()).isEqualTo("contoso-prod");
        assertThat(tested.body().at("/sink/kind").asText()).isEqualTo("embedded");
        assertThat(tested.body().at("/sink/passed").asBoolean()).isTrue();
        assertThat(call("POST", "/api/profiles/missing/test", null).status()).isEqualTo(404);
    }

    @Test
    void the_failure_log_is_paged_and_filtered_by_table() throws Exception {
        call("POST", "/api/profiles", profile("failing"));
        // the export job's failure log: one entry naming the profile, the others written by runs its schedule started
        world.runtime.stateStore().runs().insert(new io.dvbridge.store.RunRecord("export-20261202-080000-aaaaaa", "export",
                io.dvbridge.store.RunStatus.NEEDS_ATTENTION, List.of("contoso-prod"), false, "schedule", "profile:failing",
                Instant.parse("2026-12-02T08:00:00Z"), java.util.Optional.empty(), java.util.Optional.empty(), java.util.Optional.empty(),
                "done", 0, 0, "test"));
        try (Connection connection = world.runtime.stateStore().dataSource().getConnection();
             PreparedStatement insert = connection.prepareStatement("INSERT INTO export_failures (profile, run_id, environment, target, entity,"
                     + " record_id, notification_time, change_type, failure_reason, payload) VALUES (?, ?, 'contoso-prod', 'embedded', ?, ?, ?, 'Upsert', ?, '{}')")) {
            for (int i = 0; i < 5; i++) {
                insert.setString(1, i == 0 ? "failing" : "");
                insert.setString(2, i == 0 ? "export-0" : "export-20261202-080000-aaaaaa");
                insert.setString(3, i < 3 ? "account" : "contact");
                insert.setString(4, "0000000" + i + "-0000-0000-0000-000000000000");
                insert.setObject(5, OffsetDateTime.of(2026, 12, 2, 8, 0, i, 0, ZoneOffset.UTC));
                insert.setString(6, "Invalid object name 'dbo.ci_" + i + "'");
                insert.executeUpdate();
            }
            insert.setString(1, "");
            insert.setString(2, "export-of-someone-else");
            insert.setString(3, "contact");
            insert.setString(4, "00000009-0000-0000-0000-000000000000");
            insert.setObject(5, OffsetDateTime.of(2026, 12, 2, 9, 0, 0, 0, ZoneOffset.UTC));
            insert.setString(6, "not this profile's");
            insert.executeUpdate();
        }

        Answer first = call("GET", "/api/profiles/failing/failures?limit=2", null);
        Answer second = call("GET", first.body().get("next").asText(), null);
        Answer last = call("GET", second.body().get("next").asText(), null);
        Answer contacts = call("GET", "/api/profiles/failing/failures?table=contact", null);

        assertThat(first.status()).as(first.raw().body()).isEqualTo(200);
        assertThat(first.body().get("failures")).extracting(f -> f.get("recordId").asText())
                .containsExactly("00000004-0000-0000-0000-000000000000", "00000003-0000-0000-0000-000000000000");
        assertThat(first.body().get("failures").get(0).get("entity").asText()).isEqualTo("contact");
        assertThat(first.body().get("failures").get(0).get("recordId").asText()).isEqualTo("00000004-0000-0000-0000-000000000000");
        assertThat(first.body().get("failures").get(0).get("notificationTime").asText()).isEqualTo("2026-12-02T08:00:04Z");
        assertThat(first.body().get("failures").get(0).get("changeType").asText()).isEqualTo("Upsert");
        assertThat(first.body().get("failures").get(0).get("failureReason").asText()).isEqualTo("Invalid object name 'dbo.ci_4'");
        assertThat(second.body().get("failures")).extracting(f -> f.get("recordId").asText())
                .containsExactly("00000002-0000-0000-0000-000000000000", "00000001-0000-0000-0000-000000000000");
        assertThat(last.body().get("failures")).extracting(f -> f.get("runId").asText()).containsExactly("export-0");
        assertThat(last.body().has("next")).isFalse();
        assertThat(contacts.body().get("failures")).hasSize(2);
        Answer badLimit = call("GET", "/api/profiles/failing/failures?limit=0", null);
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.body().get("field").asText()).isEqualTo("limit");
        assertThat(call("GET", "/api/profiles/missing/failures", null).status()).isEqualTo(404);
    }

    /** Waits for the run the profile's schedule started to end, as an operator watching the runs would. */
    JsonNode runOf(String caller) throws Exception {
        Instant giveUp = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(giveUp)) {
            for (JsonNode run : call("GET", "/api/runs?job=export", null).body().get("runs")) {
                if (run.get("caller").asText().equals(caller) && !run.get("status").asText().matches("QUEUED|RUNNING")) {
                    return run;
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("No run by " + caller + " ended");
    }

    /** The profiles' jobs in the clustered scheduler's tables, which every instance sharing the store reads. */
    long scheduledProfiles() throws Exception {
        try (Connection connection = world.runtime.stateStore().dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_GROUP = 'dvbridge-profiles'");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
