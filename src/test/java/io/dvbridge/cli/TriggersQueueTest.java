package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import static io.dvbridge.cli.TriggerWorld.PROD_HISTORICAL_WS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * `dvbridge run`'s queue trigger against the machine's real RabbitMQ (127.0.0.1:5672). Every test uses
 * an exchange and queues of its own, deleted afterwards, so parallel runs cannot take each other's messages.
 */
class TriggersQueueTest {

    /** How long a receive waits for the job's answer: a bound on a hung test, not a measured time. */
    static final long RECEIVE_MILLIS = 120_000;

    @TempDir
    Path runs;
    TriggerWorld world;
    CachingConnectionFactory connections;
    RabbitTemplate rabbit;
    final String suffix = UUID.randomUUID().toString().substring(0, 8);
    final String exchange = "dvbridge.test." + suffix;
    final String jobs = "dvbridge.test.jobs." + suffix;
    final String reports = "dvbridge.test.reports." + suffix;
    final String deadLetter = "dvbridge.test.dead." + suffix;
    final String replyTo = "dvbridge.test.replies." + suffix;
    final ObjectMapper json = new ObjectMapper();

    @BeforeEach
    void start() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", 5672), 2_000);
        } catch (IOException e) {
            fail("RabbitMQ is not reachable on 127.0.0.1:5672 (" + e.getMessage() + "); start it, e.g. `rabbitmq-server -detached` (.ci/run does)");
        }
        connections = new CachingConnectionFactory("127.0.0.1", 5672);
        connections.setUsername("guest");
        connections.setPassword("guest");
        rabbit = new RabbitTemplate(connections);
        world = new TriggerWorld(runs, Map.of(
                "dvbridge.queue.enabled", "true",
                "dvbridge.queue.exchange", exchange,
                "dvbridge.queue.jobs", jobs,
                "dvbridge.queue.reports", reports,
                "dvbridge.queue.dead-letter", deadLetter,
                "dvbridge.rabbitmq.username", "guest",
                "dvbridge.rabbitmq.password", "guest",
                "dvbridge.run.files-dir", runs.resolve("files").toString()));
    }

    @AfterEach
    void stop() {
        try {
            world.close();
        } finally {
            RabbitAdmin admin = new RabbitAdmin(connections);
            for (String queue : new String[]{jobs, reports, deadLetter, replyTo}) {
                admin.deleteQueue(queue);
            }
            admin.deleteExchange(exchange);
            connections.destroy();
        }
    }

    void send(String job, String body) {
        send(job, body, null);
    }

    void send(String job, String body, String replyQueue) {
        send(job, body, replyQueue, UUID.randomUUID().toString());
    }

    void send(String job, String body, String replyQueue, String messageId) {
        MessageProperties properties = new MessageProperties();
        if (job != null) {
            properties.setHeader("job", job);
        }
        if (messageId != null) {
            properties.setMessageId(messageId);
        }
        properties.setContentType("application/json");
        properties.setCorrelationId("corr-" + suffix + "-" + job);
        if (replyQueue != null) {
            properties.setReplyTo(replyQueue);
        }
        rabbit.send(exchange, jobs, new Message(body.getBytes(StandardCharsets.UTF_8), properties));
    }

    Message receive(String queue) {
        Message message = rabbit.receive(queue, RECEIVE_MILLIS);
        assertThat(message).as("a message on " + queue).isNotNull();
        return message;
    }

    JsonNode body(Message message) throws IOException {
        return json.readTree(message.getBody());
    }

    @Test
    void a_rebind_message_runs_the_job_updates_the_rows_and_publishes_the_report() throws Exception {
        send("rebind", "{\"environment\":\"contoso-prod\"}");

        Message answer = receive(reports);
        JsonNode report = body(answer);
        assertThat(report.at("/counts/updated").asInt()).isEqualTo(9);
        assertThat(report.get("exitCode").asInt()).isEqualTo(2);
        assertThat(answer.getMessageProperties().getHeaders()).containsEntry("dvbridge-exit-code", 2);
        assertThat(answer.getMessageProperties().getCorrelationId()).isEqualTo("corr-" + suffix + "-rebind");
        assertThat(world.row("Queue Overview").get("msdyn_workspaceid")).isEqualTo(PROD_HISTORICAL_WS);
        assertThat(world.runtime.runStore().exists(report.get("runId").asText(), "report.json")).isTrue();
    }

    @Test
    void a_malformed_message_is_dead_lettered_with_its_reason_and_the_next_message_still_runs() throws Exception {
        send("rebind", "{\"environment\": oops");
        send("rebind", "{\"environment\":\"contoso-prod\",\"dryRun\":true}");

        JsonNode error = body(receive(reports));
        assertThat(error.get("error").asText()).startsWith("The request body is not valid JSON");
        assertThat(error.get("exitCode").asInt()).isEqualTo(64);
        Message dead = receive(deadLetter);
        assertThat(new String(dead.getBody(), StandardCharsets.UTF_8)).isEqualTo("{\"environment\": oops");
        assertThat(dead.getMessageProperties().getHeaders().get("dvbridge-error").toString()).contains("not valid JSON");

        JsonNode report = body(receive(reports));
        assertThat(report.at("/counts/planned").asInt()).isEqualTo(9);
        assertThat(report.at("/rebind/dryRun").asBoolean()).isTrue();
    }

    @Test
    void a_message_without_a_known_job_or_with_an_unknown_environment_is_dead_lettered_without_calling_out() throws Exception {
        world.sandbox.requestLog().clear();
        send(null, "{\"environment\":\"contoso-prod\"}");
        send("rebind", "{\"environment\":\"https://evil.example\"}");

        JsonNode noJob = body(receive(reports));
        assertThat(noJob.get("field").asText()).isEqualTo("job");
        JsonNode unknown = body(receive(reports));
        assertThat(unknown.get("field").asText()).isEqualTo("environment");
        receive(deadLetter);
        receive(deadLetter);
        assertThat(world.sandbox.requestLog().size()).isZero();
    }

    @Test
    void a_message_with_reply_to_gets_its_report_there() throws Exception {
        new RabbitAdmin(connections).declareQueue(new org.springframework.amqp.core.Queue(replyTo, false, false, false));
        send("rebind", "{\"environment\":\"contoso-prod\",\"dryRun\":true,\"feature\":\"realtime\"}", replyTo);

        JsonNode report = body(receive(replyTo));
        assertThat(report.at("/rebind/dryRun").asBoolean()).isTrue();
        assertThat(report.get("exitCode").asInt()).isZero();
    }

    @Test
    void a_request_sent_twice_with_one_message_id_runs_once_and_one_without_an_id_is_dead_lettered() throws Exception {
        String id = "request-" + suffix;
        send("check", "{\"environment\":\"contoso-prod\"}", null, id);
        send("check", "{\"environment\":\"contoso-prod\"}", null, id);
        send("check", "{\"environment\":\"contoso-prod\"}", null, null);
        send("check", "{\"environment\":\"contoso-dev\"}", null, "other-" + suffix);

        JsonNode first = body(receive(reports));
        assertThat(first.get("job").asText()).isEqualTo("check");
        assertThat(first.get("environments").get(0).asText()).isEqualTo("contoso-prod");
        JsonNode noId = body(receive(reports));
        assertThat(noId.get("field").asText()).isEqualTo("request-id");
        receive(deadLetter);
        JsonNode last = body(receive(reports));
        assertThat(last.get("environments").get(0).asText()).as("the duplicate got no run and no answer").isEqualTo("contoso-dev");
        assertThat(world.runtime.stateStore().runs().page(io.dvbridge.store.RunQuery.newest(50)).runs())
                .filteredOn(r -> r.job().equals("check")).hasSize(2);
    }

    @Test
    void data_export_data_import_and_check_run_from_the_queue() throws Exception {
        java.nio.file.Files.createDirectories(runs.resolve("files"));
        send("data-export", "{\"environment\":\"contoso-dev\",\"schema\":\"analytics-reports.xml\",\"out\":\"reports.zip\"}");
        JsonNode export = body(receive(reports));
        assertThat(export.get("job").asText()).as(export.toString()).isEqualTo("data-export");
        assertThat(export.get("exitCode").asInt()).isZero();

        send("data-import", "{\"environment\":\"contoso-prod\",\"data\":\"reports.zip\",\"dryRun\":true}");
        JsonNode dryImport = body(receive(reports));
        assertThat(dryImport.get("job").asText()).as(dryImport.toString()).isEqualTo("data-import");
        assertThat(dryImport.get("dryRun").asBoolean()).isTrue();

        send("check", "{\"environment\":\"contoso-prod\"}");
        assertThat(body(receive(reports)).get("exitCode").asInt()).isZero();
    }
}
