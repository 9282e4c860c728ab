package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rabbitmq.client.ConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness goes DOWN when the state store or the broker goes away and UP again when it comes back: the machine's
 * PostgreSQL and RabbitMQ, reached through a {@link TcpPassage} the test cuts and opens again.
 */
class HealthFollowsItsResourcesTest {

    static final String KEY = "health-key-0123456789abcdefghijklmnopqrstuvwxyz";
    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path runs;
    final HttpClient http = HttpClient.newHttpClient();
    final ObjectMapper json = new ObjectMapper();
    int port;

    Map<String, String> server() {
        port = TriggerWorld.freePort();
        Map<String, String> config = new HashMap<>(Map.of("camel.server.enabled", "true", "camel.server.port", Integer.toString(port),
                "dvbridge.api.keys", "ops", "dvbridge.api.keys.ops", KEY, "dvbridge.api.keys.ops.permissions", "Runs.Read"));
        config.put("dvbridge.observe.check-timeout", "1s");
        return config;
    }

    @Test
    void readiness_follows_the_state_store_down_and_up_again() throws Exception {
        String schema = "obs_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        sql("CREATE SCHEMA " + schema);
        try (TcpPassage passage = new TcpPassage(5432)) {
            Map<String, String> config = server();
            config.put("dvbridge.store.url", "jdbc:postgresql://127.0.0.1:" + passage.port() + "/test?currentSchema=" + schema);
            config.put("dvbridge.store.username", "postgres");
            try (TriggerWorld world = new TriggerWorld(runs, config)) {
                assertThat(check(readiness("UP"), "state-store")).isEqualTo("UP");

                passage.cut();
                JsonNode down = readiness("DOWN");
                assertThat(check(down, "state-store")).isEqualTo("DOWN");
                assertThat(down.toString()).doesNotContain("postgresql://", "password");

                passage.open();
                assertThat(check(readiness("UP"), "state-store")).isEqualTo("UP");
            }
        } finally {
            sql("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    @Test
    void readiness_follows_the_broker_down_and_up_again_and_the_queue_depth_is_measured() throws Exception {
        String queue = "obs-jobs-" + UUID.randomUUID();
        try (TcpPassage passage = new TcpPassage(5672)) {
            Map<String, String> config = server();
            config.put("dvbridge.queue.enabled", "true");
            config.put("dvbridge.queue.exchange", "obs-" + UUID.randomUUID());
            config.put("dvbridge.queue.jobs", queue);
            config.put("dvbridge.queue.reports", queue + "-reports");
            config.put("dvbridge.queue.dead-letter", queue + "-dead");
            config.put("dvbridge.rabbitmq.port", Integer.toString(passage.port()));
            config.put("dvbridge.rabbitmq.password", "guest");
            try (TriggerWorld world = new TriggerWorld(runs, config)) {
                JsonNode up = readiness("UP");
                assertThat(check(up, "broker")).isEqualTo("UP");
                assertThat(message(up, "broker")).contains(queue).contains("0 message(s)");

                passage.cut();
                JsonNode down = readiness("DOWN");
                assertThat(check(down, "broker")).isEqualTo("DOWN");
                assertThat(down.toString()).doesNotContain("guest");

                passage.open();
                assertThat(check(readiness("UP"), "broker")).isEqualTo("UP");
                HttpResponse<String> metrics = get("/observe/metrics");
                assertThat(PrometheusText.parse(metrics.body()).samples()).as("the sampled depth of the job queue")
                        .anySatisfy(sample -> {
                            assertThat(sample.name()).isEqualTo("dvbridge_queue_depth");
                            assertThat(sample.labels()).containsEntry("queue", queue);
                            assertThat(sample.value()).isZero();
                        });
            }
        } finally {
            deleteQueues(queue, queue + "-reports", queue + "-dead");
        }
    }

    /** Polls readiness until its overall status is {@code status} (a probe's answer changes as checks see the resource). */
    JsonNode readiness(String status) throws Exception {
        JsonNode last = null;
        for (int attempt = 0; attempt < 600; attempt++) {
            HttpResponse<String> answer = get("/observe/health/ready");
            last = json.readTree(answer.body());
            if (last.get("status").asText().equals(status)) {
                assertThat(answer.statusCode()).isEqualTo(status.equals("UP") ? 200 : 503);
                return last;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("readiness never became " + status + "; last: " + last);
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(30))
                .header("X-API-Key", KEY).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    static String check(JsonNode health, String name) {
        return entry(health, name).get("status").asText();
    }

    static String message(JsonNode health, String name) {
        return entry(health, name).path("message").asText();
    }

    private static JsonNode entry(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check " + name + " in " + health);
    }

    static void sql(String statement) throws Exception {
        try (Connection connection = DriverManager.getConnection(POSTGRES, "postgres", ""); Statement s = connection.createStatement()) {
            s.execute(statement);
        }
    }

    static void deleteQueues(String... queues) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(5672);
        try (var connection = factory.newConnection(); var channel = connection.createChannel()) {
            for (String queue : queues) {
                channel.queueDelete(queue);
            }
        }
    }
}
