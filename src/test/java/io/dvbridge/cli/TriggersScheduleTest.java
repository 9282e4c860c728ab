package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.runs.RunStore;
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
                "dvbridge.schedule.nightly.job", "rebind",
                "dvbridge.schedule.nightly.cron", "* * * * * ?",
                "dvbridge.schedule.nightly.time-zone", "Europe/Paris",
                "dvbridge.schedule.nightly.environment", "contoso-prod",
                "dvbridge.schedule.nightly.dry-run", "true"))) {
            RunStore store = world.runtime.runStore();
            // Waits for the first scheduled run to end (its report is final then); @Timeout bounds a schedule that never fires.
            var records = world.runtime.stateStore().runs();
            while (records.page(io.dvbridge.store.RunQuery.newest(10)).runs().stream().noneMatch(r -> r.status().finished())) {
                Thread.sleep(100);
            }
            List<String> rebinds = records.page(io.dvbridge.store.RunQuery.newest(10)).runs().stream()
                    .filter(r -> r.status().finished()).map(io.dvbridge.store.RunRecord::runId).toList();
            assertThat(rebinds).isNotEmpty();
            JsonNode report = store.read(rebinds.get(0), "report.json", JsonNode.class);
            assertThat(report.get("environments").get(0).asText()).isEqualTo("contoso-prod");
            assertThat(report.at("/rebind/dryRun").asBoolean()).isTrue();
            assertThat(report.at("/counts/planned").asInt()).isEqualTo(9);
            assertThat(world.runtime.stateStore().runs().find(rebinds.get(0)).orElseThrow().trigger()).isEqualTo("schedule");
            assertThat(world.runtime.context().getRoute("schedule-migrate")).as("no cron, no schedule").isNull();
        }
    }

    @Test
    void a_schedule_that_cannot_run_stops_the_start_naming_the_key_to_fix() {
        assertThatThrownBy(() -> new TriggerWorld(runs, Map.of("dvbridge.schedule.nightly.job", "rebnd",
                "dvbridge.schedule.nightly.cron", "0 0 2 * * ?")).close())
                .hasMessageContaining("dvbridge.schedule.nightly.job").hasMessageContaining("rebind");
        assertThatThrownBy(() -> new TriggerWorld(runs, Map.of("dvbridge.schedule.rebind.cron", "0 0 2 * * ?")).close())
                .hasMessageContaining("environment").hasMessageContaining("dvbridge.schedule.rebind.environment");
        assertThatThrownBy(() -> new TriggerWorld(runs, Map.of("dvbridge.schedule.rebind.cron", "every night",
                "dvbridge.schedule.rebind.environment", "contoso-prod")).close()).hasMessageContaining("Quartz cron");
    }

    @Test
    void run_mode_with_every_trigger_off_creates_no_schedule_and_starts_neither_rest_nor_queue() {
        try (TriggerWorld world = new TriggerWorld(runs, Map.of())) {
            assertThat(world.runtime.context().getRoutes()).extracting(r -> r.getRouteId())
                    .noneMatch(id -> id.startsWith("schedule-") || id.startsWith("api-") || id.startsWith("queue-"));
            assertThat(world.runtime.context().hasComponent("quartz")).isNull();
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
                    .contains("rebind", "migrate").doesNotContain("api-start", "queue-jobs", "schedule-rebind");
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
