package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.runs.RunStore;
import org.apache.camel.ServiceStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Schedules of `dvbridge run`, and the guarantee that one-shot commands start no trigger at all. */
class TriggersScheduleTest {

    @TempDir
    Path runs;

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void a_rebind_cron_every_second_runs_the_job_and_keeps_its_report() throws Exception {
        try (TriggerWorld world = new TriggerWorld(runs, Map.of(
                "dvbridge.schedule.rebind.cron", "* * * * * ?",
                "dvbridge.schedule.rebind.environment", "contoso-prod",
                "dvbridge.schedule.rebind.dry-run", "true"))) {
            RunStore store = world.runtime.runStore();
            // Waits for the first scheduled run's report (its folder appears before the file is moved in);
            // @Timeout bounds a schedule that never fires.
            while (store.runs().stream().noneMatch(id -> store.exists(id, "report.json"))) {
                Thread.sleep(100);
            }
            List<String> rebinds = store.runs().stream().filter(id -> id.startsWith("rebind-") && store.exists(id, "report.json")).toList();
            assertThat(rebinds).isNotEmpty();
            JsonNode report = store.read(rebinds.get(0), "report.json", JsonNode.class);
            assertThat(report.get("environment").asText()).isEqualTo("contoso-prod");
            assertThat(report.get("dryRun").asBoolean()).isTrue();
            assertThat(report.at("/counts/planned").asInt()).isEqualTo(9);
            assertThat(world.runtime.context().getRoute("schedule-migrate")).as("no cron, no schedule").isNull();
        }
    }

    @Test
    void run_mode_with_every_trigger_off_creates_no_schedule_and_starts_neither_rest_nor_queue() {
        try (TriggerWorld world = new TriggerWorld(runs, Map.of())) {
            assertThat(world.runtime.context().getRoute("schedule-rebind")).isNull();
            assertThat(world.runtime.context().getRoute("queue-jobs")).as("no queue route, so no broker connection").isNull();
            assertThat(world.runtime.context().getRouteController().getRouteStatus("rest-rebind")).isEqualTo(ServiceStatus.Stopped);
        }
    }

    @Test
    void a_one_shot_runtime_loads_no_trigger_and_opens_no_port_even_when_configuration_enables_them() throws Exception {
        int port = TriggerWorld.freePort();
        try (JobRuntime runtime = JobRuntime.start(Map.of("dvbridge.runs.dir", runs.toString(),
                "camel.server.enabled", "true", "camel.server.port", Integer.toString(port),
                "dvbridge.queue.enabled", "true", "dvbridge.schedule.rebind.cron", "* * * * * ?",
                "dvbridge.schedule.rebind.environment", "contoso-prod"), Optional.empty())) {
            assertThat(runtime.context().getRoutes()).extracting(r -> r.getRouteId())
                    .contains("rebind", "migrate").doesNotContain("rest-rebind", "queue-jobs", "schedule-rebind");
            assertThat(runtime.context().hasComponent("quartz")).isNull();
            assertThat(runtime.context().hasComponent("spring-rabbitmq")).isNull();
            assertThat(runtime.context().hasComponent("platform-http")).isNull();
            assertThatThrownBy(() -> {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
                }
            }).isInstanceOf(ConnectException.class);
        }
    }
}
