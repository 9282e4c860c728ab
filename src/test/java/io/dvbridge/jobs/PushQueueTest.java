package io.dvbridge.jobs;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.GetResponse;
import io.dvbridge.push.WriteMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** push --from queue:<name> against the machine's RabbitMQ and the sandbox's dvb_customerimport, through the route. */
class PushQueueTest {

    @TempDir
    static Path dir;
    static DemoWorld world;
    static Connection broker;
    Channel channel;
    String queue;

    @BeforeAll
    static void start() throws Exception {
        world = new DemoWorld(dir.resolve("runs"), io.dvbridge.sandbox.SandboxOptions.defaults(),
                Map.of("dvbridge.rabbitmq.password", "guest"));
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setUsername("guest");
        factory.setPassword("guest");
        broker = factory.newConnection("push-queue-test");
    }

    @AfterAll
    static void stop() throws Exception {
        broker.close();
        world.close();
    }

    static io.dvbridge.sandbox.dataverse.Table customers() {
        return world.sandbox.environment(DemoWorld.PROD).data().tableBySet("dvb_customerimports").orElseThrow();
    }

    static long rowsWithPrefix(String prefix) {
        return customers().rows().stream().filter(r -> String.valueOf(r.get("dvb_customernumber")).startsWith(prefix)).count();
    }

    void declare() throws Exception {
        channel = broker.createChannel();
        queue = "dvbridge-push-test-" + UUID.randomUUID();
        channel.queueDeclare(queue, true, false, false, null);
    }

    @AfterEach
    void delete() throws Exception {
        channel.queueDelete(queue);
        channel.queueDelete(queue + ".dlq");
        channel.close();
    }

    void publish(String body) throws Exception {
        channel.basicPublish("", queue, null, body.getBytes(StandardCharsets.UTF_8));
    }

    static PushRequest request(String queue, Optional<String> maxRejects) {
        return new PushRequest(DemoWorld.PROD, "dvb_customerimport", "queue:" + queue, Optional.empty(), WriteMode.UPSERT,
                Optional.of(PushJobTest.KEY), false, false, Optional.empty(), maxRejects, 2, false, 1, 0);
    }

    static String row(String number, int points) {
        return "{\"dvb_customernumber\":\"" + number + "\",\"dvb_name\":\"Customer " + number + "\",\"dvb_loyaltypoints\":" + points + "}";
    }

    List<GetResponse> drain(String name) throws Exception {
        List<GetResponse> messages = new ArrayList<>();
        for (GetResponse m = channel.basicGet(name, true); m != null; m = channel.basicGet(name, true)) {
            messages.add(m);
        }
        return messages;
    }

    @Test
    void rows_of_objects_and_arrays_land_and_bad_rows_and_messages_go_to_the_dead_letter_queue_with_reasons() throws Exception {
        declare();
        publish(row("Q1-1", 10));
        publish("[" + row("Q1-2", 20) + "," + row("Q1-3", -5) + "," + row("Q1-4", 40) + "]");
        publish("{not json");

        PushReport report = (PushReport) world.runtime.run("push", request(queue, Optional.empty()));

        assertThat(report.read()).as(report.summary()).isEqualTo(4);
        assertThat(report.written()).isEqualTo(3);
        assertThat(report.rejected()).isEqualTo(1);
        assertThat(rowsWithPrefix("Q1-")).isEqualTo(3);
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).as("every message acknowledged").isZero();
        List<GetResponse> dead = drain(queue + ".dlq");
        assertThat(dead).hasSize(2);
        Map<String, String> reasonByBody = new java.util.HashMap<>();
        dead.forEach(m -> reasonByBody.put(new String(m.getBody(), StandardCharsets.UTF_8),
                m.getProps().getHeaders().get(QueueRowSource.ERROR_HEADER).toString()));
        assertThat(reasonByBody.keySet()).containsExactlyInAnyOrder("{not json",
                "{\"dvb_customernumber\":\"Q1-3\",\"dvb_name\":\"Customer Q1-3\",\"dvb_loyaltypoints\":-5}");
        assertThat(reasonByBody.get("{not json")).contains("not JSON");
        assertThat(reasonByBody.entrySet()).filteredOn(e -> e.getKey().contains("Q1-3")).singleElement()
                .satisfies(e -> assertThat(e.getValue()).contains("dvb_loyaltypoints"));
    }

    @Test
    void a_run_that_stops_acknowledges_nothing_so_the_next_run_gets_the_messages_again_and_keyed_writes_land_each_row_once()
            throws Exception {
        declare();
        publish(row("Q2-1", 1));
        publish("[" + row("Q2-2", 2) + "," + row("Q2-3", -3) + "]");
        publish(row("Q2-1", 11));

        PushReport stopped = (PushReport) world.runtime.run("push", request(queue, Optional.of("0")));

        assertThat(stopped.stopped()).as(stopped.summary()).isNotEmpty();
        assertThat(rowsWithPrefix("Q2-")).isZero();
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).as("handed back").isEqualTo(3);
        assertThat(channel.queueDeclarePassive(queue + ".dlq").getMessageCount()).as("nothing dead-lettered twice").isZero();

        PushReport again = (PushReport) world.runtime.run("push", request(queue, Optional.empty()));

        assertThat(again.read()).as(again.summary()).isEqualTo(4);
        assertThat(again.written()).isEqualTo(3);
        assertThat(rowsWithPrefix("Q2-")).as("the key's last row wins, once").isEqualTo(2);
        assertThat(customers().rows().stream().filter(r -> "Q2-1".equals(r.get("dvb_customernumber")))
                .map(r -> r.get("dvb_loyaltypoints")).map(String::valueOf).toList()).containsExactly("11");
        assertThat(channel.queueDeclarePassive(queue).getMessageCount()).isZero();
        assertThat(drain(queue + ".dlq")).hasSize(1);
    }

    @Test
    void a_queue_that_does_not_exist_and_a_queue_url_are_usage_errors() {
        queue = "dvbridge-push-test-missing-" + UUID.randomUUID();
        try {
            channel = broker.createChannel();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> world.runtime.run("push", request(queue, Optional.empty())))
                .hasMessageContaining("does not exist");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> request("amqp://evil.example/q", Optional.empty()))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("queue's name");
    }
}
