package io.dvbridge.jobs;

import io.dvbridge.rebind.FeatureSelection;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.store.RunQuery;
import io.dvbridge.store.RunRecord;
import io.dvbridge.store.RunStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.dvbridge.jobs.DemoWorld.PROD;
import static org.assertj.core.api.Assertions.assertThat;

/** One writer per target environment: concurrent writing runs never interleave, dry runs never wait. */
class WriterLeaseJobTest {

    static final Path SCHEMA = Path.of("config/schemas/analytics-reports.xml");

    @TempDir
    Path dir;

    @Test
    void twenty_concurrent_migrations_into_one_target_end_as_one_migration_does_and_never_overlap() throws Exception {
        Map<String, List<Object>> afterOne;
        try (DemoWorld one = new DemoWorld(dir.resolve("one"))) {
            one.runtime.migrate(new MigrateRequest("contoso-dev", PROD, SCHEMA, FeatureSelection.ALL, 4, false));
            afterOne = snapshot(one);
        }
        try (DemoWorld world = new DemoWorld(dir.resolve("twenty"))) {
            JobDefinition<?> migrate = world.runtime.catalog().require("migrate", "job");
            ExecutorService callers = Executors.newFixedThreadPool(20);
            List<Future<JobReport>> reports = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                Callable<JobReport> call = () -> world.runtime.launcher().run(migrate,
                        new MigrateRequest("contoso-dev", PROD, SCHEMA, FeatureSelection.ALL, 4, false), Trigger.CLI, "test");
                reports.add(callers.submit(call));
            }
            for (Future<JobReport> report : reports) {
                assertThat(report.get().exitCode()).as(report.get().summary()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
            }
            callers.shutdown();

            assertThat(snapshot(world)).isEqualTo(afterOne);
            List<RunRecord> runs = new ArrayList<>(world.runtime.stateStore().runs().page(new RunQuery(java.util.Optional.of("migrate"),
                    java.util.Optional.empty(), java.util.Optional.empty(), 50, java.util.Optional.empty())).runs());
            assertThat(runs).hasSize(20);
            runs.sort(Comparator.comparing(r -> r.startedAt().orElseThrow()));
            for (int i = 1; i < runs.size(); i++) {
                Instant previousEnd = runs.get(i - 1).finishedAt().orElseThrow();
                assertThat(runs.get(i).startedAt().orElseThrow()).as("run %d starts after run %d ended", i, i - 1)
                        .isAfterOrEqualTo(previousEnd);
            }
        }
    }

    @Test
    void with_refuse_a_second_writer_is_refused_naming_the_running_one_and_a_dry_run_goes_ahead() throws Exception {
        SandboxOptions slow = SandboxOptions.defaults().withLatency(Duration.ofMillis(150));
        try (DemoWorld world = new DemoWorld(dir, slow, Map.of("dvbridge.leases.on-busy", "refuse"))) {
            JobDefinition<?> migrate = world.runtime.catalog().require("migrate", "job");
            JobDefinition<?> rebind = world.runtime.catalog().require("rebind", "job");
            ExecutorService callers = Executors.newSingleThreadExecutor();
            Future<JobReport> first = callers.submit(() -> world.runtime.launcher().run(migrate,
                    new MigrateRequest("contoso-dev", PROD, SCHEMA, FeatureSelection.ALL, 4, false), Trigger.CLI, "first"));
            while (world.runtime.stateStore().leases().held().isEmpty()) {
                assertThat(first.isDone()).as("the first run took its lease before it ended").isFalse();
                Thread.sleep(20);
            }
            String holder = world.runtime.stateStore().leases().held().get(0).runId();

            JobReport second = world.runtime.launcher().run(rebind, RebindRequest.of(PROD), Trigger.CLI, "second");
            JobReport dryRun = world.runtime.launcher().run(rebind, RebindRequest.of(PROD).withDryRun(true), Trigger.CLI, "dry");

            assertThat(second.status()).isEqualTo(RunStatus.REFUSED);
            assertThat(second.exitCode()).isEqualTo(ExitCodes.BUSY);
            assertThat(second.summary()).contains(holder).contains(PROD);
            assertThat(world.runtime.runStore().exists(second.runId(), "report.json")).as("a refused run keeps its record").isTrue();
            assertThat(world.runtime.stateStore().runs().find(second.runId()).orElseThrow().status()).isEqualTo(RunStatus.REFUSED);
            assertThat(dryRun.status()).isEqualTo(RunStatus.NEEDS_ATTENTION);
            assertThat(first.get().exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
            assertThat(world.runtime.stateStore().leases().held()).as("released when the run ended").isEmpty();
            callers.shutdown();
        }
    }

    private static Map<String, List<Object>> snapshot(DemoWorld world) {
        Map<String, List<Object>> rows = new TreeMap<>();
        for (StoredRow row : world.reports().rows()) {
            rows.put(String.valueOf(row.get("msdyn_name")), List.of(String.valueOf(row.get("msdyn_workspaceid")),
                    String.valueOf(row.get("msdyn_reportid")), String.valueOf(row.get("msdyn_datasetid"))));
        }
        return rows;
    }
}
