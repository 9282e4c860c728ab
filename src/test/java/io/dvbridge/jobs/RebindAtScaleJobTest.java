package io.dvbridge.jobs;

import io.dvbridge.rebind.FeatureSelection;
import io.dvbridge.rebind.RebindOutcome;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.rebind.RowResult;
import io.dvbridge.rebind.UndoJournal;
import io.dvbridge.rebind.WriteMode;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.fixture.PowerBiSpec;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.dvbridge.jobs.DemoWorld.DEV_HISTORICAL_WS;
import static io.dvbridge.jobs.DemoWorld.PROD;
import static io.dvbridge.jobs.DemoWorld.PROD_HISTORICAL_WS;
import static io.dvbridge.jobs.DemoWorld.REPORTS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebind job above Dataverse's changeset limit, through routes/rebind.camel.yaml, camel-main, real msal4j and
 * HTTPS to the sandbox, whose $batch refuses more than 1,000 requests as Dataverse does. The demo's report rows
 * are replaced by {@code n} generated rows that still point at dev, each with a report of its name in prod.
 */
class RebindAtScaleJobTest {

    private static final String HISTORICAL_FEATURE = "f2266eb4-226f-4cf1-b422-89c5f48b40cb";
    private static final List<String> BOUND_COLUMNS = List.of("msdyn_workspaceid", "msdyn_reportid", "msdyn_datasetid");

    @TempDir
    Path runs;
    DemoWorld world;

    @BeforeEach
    void start() {
        world = new DemoWorld(runs);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    /** Replaces prod's report rows with {@code n} stale rows "Bulk 1".."Bulk n", each with its report in prod. */
    private void generateStaleRows(int n) {
        var data = world.sandbox.environment(PROD).data();
        world.reports().rows().forEach(r -> data.remove(REPORTS, r.id()));
        String dataset = world.sandbox.powerBi().reports(PROD_HISTORICAL_WS).stream()
                .flatMap(r -> r.datasetId().stream()).findFirst().orElseThrow();
        for (int i = 1; i <= n; i++) {
            data.add(REPORTS, Map.of("msdyn_dataanalyticsreportid", UUID.randomUUID(), "msdyn_name", "Bulk " + i,
                            "msdyn_workspaceid", DEV_HISTORICAL_WS, "msdyn_reportid", UUID.randomUUID().toString(),
                            "msdyn_datasetid", UUID.randomUUID().toString(),
                            "_msdyn_datainsightsandanalyticsfeatureid_value", UUID.fromString(HISTORICAL_FEATURE)),
                    Map.of("_msdyn_datainsightsandanalyticsfeatureid_value", "msdyn_datainsightsandanalyticsfeature"));
            world.sandbox.powerBi().addReport(PROD_HISTORICAL_WS, new PowerBiSpec.ReportSpec(
                    null, "Bulk " + i, dataset, null, null, null));
        }
    }

    private Map<UUID, Map<String, Object>> boundValues() {
        return world.reports().rows().stream().collect(Collectors.toMap(StoredRow::id, r -> {
            Map<String, Object> values = new HashMap<>();
            BOUND_COLUMNS.forEach(c -> values.put(c, r.get(c)));
            return values;
        }));
    }

    private static Map<String, Integer> batchByRow(RebindReport report) {
        return report.rows().stream().filter(r -> r.batch() != null).collect(Collectors.toMap(RowResult::rowId, RowResult::batch));
    }

    private static RebindRequest historical() {
        return RebindRequest.of(PROD).withFeature(FeatureSelection.HISTORICAL);
    }

    @Test
    void a_5000_row_rebind_in_the_default_mode_runs_as_its_dry_run_said_and_its_printed_undo_restores_every_row() {
        generateStaleRows(5000);
        Map<UUID, Map<String, Object>> before = boundValues();
        StringWriter progress = new StringWriter();

        RebindReport dryRun = world.runtime.rebind(historical().withDryRun(true));
        assertThat(dryRun.batches().description())
                .isEqualTo("5,000 writes in 5 atomic changesets of at most 1,000 (each all or nothing on its own)");
        assertThat(dryRun.counts().planned()).isEqualTo(5000);
        assertThat(batchByRow(dryRun).values().stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting())))
                .containsOnly(Map.entry(1, 1000L), Map.entry(2, 1000L), Map.entry(3, 1000L), Map.entry(4, 1000L), Map.entry(5, 1000L));
        assertThat(dryRun.exitCode()).isZero();
        assertThat(world.requests("POST", "$batch")).isZero();

        RebindReport run = capturingProgress(progress, () -> world.runtime.rebind(historical()));
        assertThat(run.mode()).isEqualTo(WriteMode.ATOMIC);
        assertThat(run.batches()).isEqualTo(dryRun.batches());
        assertThat(batchByRow(run)).isEqualTo(batchByRow(dryRun));
        assertThat(run.counts().updated()).isEqualTo(5000);
        assertThat(run.exitCode()).isZero();
        assertThat(world.requests("POST", "$batch")).isEqualTo(5);
        Map<String, String> prodReports = world.sandbox.powerBi().reports(PROD_HISTORICAL_WS).stream()
                .collect(Collectors.toMap(r -> r.name(), r -> r.id(), (a, b) -> a));
        world.reports().rows().forEach(r -> {
            assertThat(r.get("msdyn_workspaceid")).isEqualTo(PROD_HISTORICAL_WS);
            assertThat(r.get("msdyn_reportid")).isEqualTo(prodReports.get((String) r.get("msdyn_name")));
        });
        assertThat(progress.toString()).contains("5,000 report rows read; 5,000 writes in 5 atomic changesets")
                .contains("rows sent: 5,000/5,000 rows (100%)");

        UndoJournal journal = world.runtime.runStore().read(run.runId(), "undo.json", UndoJournal.class);
        assertThat(journal.entries()).hasSize(5000);
        world.sandbox.requestLog().clear();
        RebindReport undo = world.runtime.rebind(RebindRequest.of(PROD).withUndo(run.runId()));
        assertThat(undo.batches().description()).startsWith("5,000 writes in 5 atomic changesets");
        assertThat(undo.counts().updated()).isEqualTo(5000);
        assertThat(undo.exitCode()).isZero();
        assertThat(world.requests("POST", "$batch")).isEqualTo(5);
        assertThat(boundValues()).isEqualTo(before);
    }

    @Test
    void a_failing_row_rolls_back_only_its_own_changeset_and_the_other_changesets_commit() throws Exception {
        generateStaleRows(2001);
        RebindReport dryRun = world.runtime.rebind(historical().withDryRun(true));
        String culpritId = dryRun.rows().stream().filter(r -> Integer.valueOf(2).equals(r.batch())).findFirst().orElseThrow().rowId();
        UUID culprit = UUID.fromString(culpritId);
        AdviceWith.adviceWith(world.runtime.context(), "rebind", route -> route.weaveByToUri("dataverse:batch*").before()
                .process(exchange -> world.sandbox.environment(PROD).data().modify(REPORTS, culprit,
                        Map.of("msdyn_displayname", "changed by someone else"))));
        Map<UUID, Map<String, Object>> before = boundValues();

        RebindReport run = world.runtime.rebind(historical());

        Map<Integer, List<RebindOutcome>> outcomesByBatch = run.rows().stream().filter(r -> !r.rowId().equals(culpritId))
                .collect(Collectors.groupingBy(RowResult::batch, Collectors.mapping(RowResult::outcome, Collectors.toList())));
        assertThat(outcomesByBatch.get(1)).hasSize(1000).containsOnly(RebindOutcome.UPDATED);
        assertThat(outcomesByBatch.get(2)).hasSize(999).containsOnly(RebindOutcome.ROLLED_BACK);
        assertThat(outcomesByBatch.get(3)).hasSize(1).containsOnly(RebindOutcome.UPDATED);
        RowResult rolledBack = run.rows().stream().filter(r -> r.outcome() == RebindOutcome.ROLLED_BACK).findFirst().orElseThrow();
        assertThat(rolledBack.reason()).startsWith("changeset 2 of 3 rolled back because row '")
                .contains("(" + culpritId + ") failed: ");
        assertThat(run.rows()).filteredOn(r -> r.rowId().equals(culpritId)).extracting(RowResult::outcome)
                .containsExactly(RebindOutcome.CONFLICT);
        assertThat(run.exitCode()).isEqualTo(1);
        Map<UUID, Map<String, Object>> after = boundValues();
        run.rows().stream().filter(r -> r.batch() == 2)
                .forEach(r -> assertThat(after.get(UUID.fromString(r.rowId()))).isEqualTo(before.get(UUID.fromString(r.rowId()))));
        assertThat(world.runtime.runStore().read(run.runId(), "undo.json", UndoJournal.class).entries()).hasSize(1001);
    }

    @Test
    void a_batch_request_that_fails_as_a_whole_stops_the_batches_after_it_and_the_run_keeps_its_record() throws Exception {
        generateStaleRows(2500);
        AdviceWith.adviceWith(world.runtime.context(), "rebind", route -> route.weaveByToUri("dataverse:batch*").before()
                .process(exchange -> {
                    if (exchange.getProperty(Exchange.SPLIT_INDEX, Integer.class) == 1) {
                        throw new IllegalStateException("503 Service Unavailable after 4 attempts");
                    }
                }));

        RebindReport run = world.runtime.rebind(historical());

        Map<Integer, List<RowResult>> byBatch = run.rows().stream().collect(Collectors.groupingBy(RowResult::batch));
        assertThat(byBatch.get(1)).hasSize(1000).extracting(RowResult::outcome).containsOnly(RebindOutcome.UPDATED);
        assertThat(byBatch.get(2)).hasSize(1000).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(RebindOutcome.FAILED);
            assertThat(r.reason()).startsWith("the $batch request 2 of 3 failed").contains("503 Service Unavailable");
        });
        assertThat(byBatch.get(3)).hasSize(500).allSatisfy(r -> {
            assertThat(r.outcome()).isEqualTo(RebindOutcome.FAILED);
            assertThat(r.reason()).startsWith("not sent, because the $batch request 2 of 3 failed");
        });
        assertThat(world.requests("POST", "$batch")).isEqualTo(1);
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(world.runtime.runStore().exists(run.runId(), "report.json")).isTrue();
        assertThat(world.runtime.runStore().read(run.runId(), "undo.json", UndoJournal.class).entries()).hasSize(1000);
    }

    @Test
    void row_by_row_sends_the_same_batches_with_each_row_standing_alone() {
        generateStaleRows(1001);
        RebindReport run = world.runtime.rebind(historical().withMode(WriteMode.ROW_BY_ROW));
        assertThat(run.batches().description()).isEqualTo("1,001 writes, each row on its own, in 2 $batch requests of at most 1,000");
        assertThat(run.counts().updated()).isEqualTo(1001);
        assertThat(world.requests("POST", "$batch")).isEqualTo(2);
    }

    /** Runs {@code job} with the progress log (stderr in production) copied into {@code sink}. */
    private static RebindReport capturingProgress(StringWriter sink, java.util.function.Supplier<RebindReport> job) {
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        LoggerConfig progress = context.getConfiguration().getLoggerConfig("io.dvbridge.progress");
        WriterAppender appender = WriterAppender.newBuilder().setName("progress-capture").setTarget(sink)
                .setLayout(PatternLayout.newBuilder().withPattern("%msg%n").build()).build();
        appender.start();
        progress.addAppender(appender, Level.INFO, null);
        context.updateLoggers();
        try {
            return job.get();
        } finally {
            progress.removeAppender("progress-capture");
            context.updateLoggers();
            appender.stop();
        }
    }
}
