package io.dvbridge.jobs;

import io.dvbridge.rebind.MatchKind;
import io.dvbridge.rebind.RebindOutcome;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.rebind.RowResult;
import io.dvbridge.rebind.UndoJournal;
import io.dvbridge.rebind.WorkspaceSelectionException;
import io.dvbridge.rebind.WriteMode;
import io.dvbridge.sandbox.dataverse.StoredRow;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.dvbridge.jobs.DemoWorld.DEV_HISTORICAL_WS;
import static io.dvbridge.jobs.DemoWorld.PIPELINE;
import static io.dvbridge.jobs.DemoWorld.PROD;
import static io.dvbridge.jobs.DemoWorld.PROD_HISTORICAL_WS;
import static io.dvbridge.jobs.DemoWorld.PROD_REALTIME_WS;
import static io.dvbridge.jobs.DemoWorld.REPORTS;
import static io.dvbridge.jobs.DemoWorld.WORKSPACES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rebind job through routes/rebind.camel.yaml, camel-main, real msal4j and HTTPS to the demo sandbox. */
class RebindJobTest {

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

    static Map<String, RowResult> byName(RebindReport report) {
        return report.rows().stream().collect(Collectors.toMap(RowResult::name, Function.identity()));
    }

    @Test
    void every_hard_case_of_the_demo_ends_as_a_careful_person_would_decide() {
        RebindReport report = world.runtime.rebind(RebindRequest.of(PROD));
        Map<String, RowResult> rows = byName(report);

        assertThat(rows.get("Agent Performance").matchKind()).isEqualTo(MatchKind.EXACT_NAME);
        assertThat(rows.get("Queue Overview").matchKind()).isEqualTo(MatchKind.NORMALISED_NAME);        // case only
        assertThat(rows.get("Case Resolution ").matchKind()).isEqualTo(MatchKind.NORMALISED_NAME);      // trailing space
        assertThat(rows.get("Customer  Satisfaction").matchKind()).isEqualTo(MatchKind.NORMALISED_NAME); // doubled space
        assertThat(rows.get("O'Brien's Team Summary").outcome()).isEqualTo(RebindOutcome.UPDATED);       // apostrophe
        assertThat(rows.get("Daily Summary").outcome()).isEqualTo(RebindOutcome.AMBIGUOUS);             // two reports
        assertThat(rows.get("Daily Summary").candidates()).hasSize(2);
        assertThat(rows.get("Escalations Trend").outcome()).isEqualTo(RebindOutcome.UNMATCHED);         // missing
        assertThat(rows.get("Channel Volume").outcome()).isEqualTo(RebindOutcome.UNMATCHED);            // renamed in prod

        StoredRow queue = world.row("Queue Overview");
        assertThat(queue.get("msdyn_workspaceid")).isEqualTo(PROD_HISTORICAL_WS);
        assertThat(queue.get("msdyn_reportid")).isEqualTo(world.powerBiReport(PROD_HISTORICAL_WS, "queue overview"));
        var pbiQueue = world.sandbox.powerBi().report(PROD_HISTORICAL_WS, (String) queue.get("msdyn_reportid")).orElseThrow();
        assertThat(queue.get("msdyn_datasetid")).isEqualTo(pbiQueue.datasetId().orElseThrow());

        StoredRow paginated = world.row("Monthly SLA Statement");
        assertThat(paginated.get("msdyn_reportid")).isEqualTo(world.powerBiReport(PROD_HISTORICAL_WS, "Monthly SLA Statement"));
        assertThat(paginated.get("msdyn_datasetid")).isNull();                                         // paginated: no dataset

        StoredRow realtime = world.row("Realtime Agent Status");
        assertThat(realtime.get("msdyn_workspaceid")).isEqualTo(PROD_REALTIME_WS);

        assertThat(world.row("Daily Summary").get("msdyn_workspaceid")).isEqualTo(DEV_HISTORICAL_WS);  // not guessed
        assertThat(report.counts().updated()).isEqualTo(9);
        assertThat(report.exitCode()).isEqualTo(2);
    }

    @Test
    void a_dry_run_plans_the_changes_and_writes_nothing() {
        List<Long> versions = world.reports().rows().stream().map(StoredRow::version).toList();
        RebindReport report = world.runtime.rebind(RebindRequest.of(PROD).withDryRun(true));
        assertThat(report.counts().planned()).isEqualTo(9);
        assertThat(report.rows()).filteredOn(r -> r.outcome() == RebindOutcome.PLANNED)
                .allSatisfy(r -> assertThat(r.after()).isNotNull());
        assertThat(world.reports().rows().stream().map(StoredRow::version).toList()).isEqualTo(versions);
        assertThat(world.requests("POST", "$batch") + world.requests("PATCH", REPORTS)).isZero();
        assertThat(world.runtime.runStore().exists(report.runId(), "undo.json")).isFalse();
        assertThat(world.runtime.runStore().exists(report.runId(), "report.html")).isTrue();
    }

    @Test
    void a_second_run_makes_zero_writes() {
        world.runtime.rebind(RebindRequest.of(PROD));
        world.sandbox.requestLog().clear();
        RebindReport second = world.runtime.rebind(RebindRequest.of(PROD));
        assertThat(second.counts().updated()).isZero();
        assertThat(second.counts().unchanged()).isEqualTo(9);
        assertThat(world.requests("POST", "$batch") + world.requests("PATCH", REPORTS)).isZero();
    }

    /** Changes a row the moment the job is about to write, as another user would. */
    private void changeBeforeWriting(String name, Map<String, Object> values) throws Exception {
        UUID id = world.row(name).id();
        AdviceWith.adviceWith(world.runtime.context(), "rebind", route -> route.weaveByToUri("dataverse:batch*").before()
                .process(exchange -> world.sandbox.environment(PROD).data().modify(REPORTS, id, values)));
    }

    @Test
    void a_row_changed_between_read_and_write_is_a_conflict_and_keeps_its_new_value() throws Exception {
        changeBeforeWriting("Bot Containment", Map.of("msdyn_reportid", "someone-elses-choice"));
        RebindReport report = world.runtime.rebind(RebindRequest.of(PROD).withMode(WriteMode.ROW_BY_ROW));
        assertThat(byName(report).get("Bot Containment").outcome()).isEqualTo(RebindOutcome.CONFLICT);
        assertThat(world.row("Bot Containment").get("msdyn_reportid")).isEqualTo("someone-elses-choice");
        assertThat(byName(report).get("Agent Performance").outcome()).isEqualTo(RebindOutcome.UPDATED);
        assertThat(report.exitCode()).isEqualTo(2);
    }

    @Test
    void a_failing_write_inside_the_atomic_changeset_leaves_every_row_unchanged_and_names_the_culprit() throws Exception {
        changeBeforeWriting("Bot Containment", Map.of("msdyn_name", "Bot Containment"));
        Map<UUID, Long> before = world.reports().rows().stream().collect(Collectors.toMap(StoredRow::id, StoredRow::version));
        UUID culprit = world.row("Bot Containment").id();
        RebindReport report = world.runtime.rebind(RebindRequest.of(PROD));
        Map<String, RowResult> rows = byName(report);
        assertThat(rows.get("Bot Containment").outcome()).isEqualTo(RebindOutcome.CONFLICT);
        assertThat(rows.get("Agent Performance").outcome()).isEqualTo(RebindOutcome.ROLLED_BACK);
        assertThat(report.counts().updated()).isZero();
        assertThat(report.exitCode()).isEqualTo(1);
        world.reports().rows().stream().filter(r -> !r.id().equals(culprit))
                .forEach(r -> assertThat(r.version()).as(String.valueOf(r.get("msdyn_name"))).isEqualTo(before.get(r.id())));
        assertThat(world.row("Agent Performance").get("msdyn_workspaceid")).isEqualTo(DEV_HISTORICAL_WS);
    }

    @Test
    void undo_restores_the_previous_values() {
        Map<String, Object> before = Map.copyOf(world.row("Agent Performance").values());
        RebindReport run = world.runtime.rebind(RebindRequest.of(PROD));
        UndoJournal journal = world.runtime.runStore().read(run.runId(), "undo.json", UndoJournal.class);
        assertThat(journal.entries()).hasSize(9);
        assertThat(world.row("Agent Performance").get("msdyn_workspaceid")).isEqualTo(PROD_HISTORICAL_WS);

        RebindReport undo = world.runtime.rebind(RebindRequest.of(PROD).withUndo(run.runId()));
        assertThat(undo.counts().updated()).isEqualTo(9);
        StoredRow after = world.row("Agent Performance");
        for (String column : List.of("msdyn_workspaceid", "msdyn_reportid", "msdyn_datasetid")) {
            assertThat(after.get(column)).as(column).isEqualTo(before.get(column));
        }
        assertThat(world.row("Monthly SLA Statement").get("msdyn_datasetid")).isNotNull();
    }

    @Test
    void the_pipeline_artifact_map_wins_over_names() {
        RebindReport report = world.runtime.rebind(RebindRequest.of(PROD).withPipeline(PIPELINE, 1));
        Map<String, RowResult> rows = byName(report);
        assertThat(rows.get("Channel Volume").matchKind()).isEqualTo(MatchKind.PIPELINE);
        assertThat(world.row("Channel Volume").get("msdyn_reportid")).isEqualTo(world.powerBiReport(PROD_HISTORICAL_WS, "Channel Volume (v2)"));
        assertThat(rows.get("Daily Summary").matchKind()).isEqualTo(MatchKind.PIPELINE);
        assertThat(world.row("Daily Summary").get("msdyn_reportid")).isEqualTo("e924f127-157e-5eed-a40b-250f9755efad");
    }

    @Test
    void several_candidate_workspaces_give_an_error_listing_them() {
        world.sandbox.environment(PROD).data().add(WORKSPACES, Map.of(
                "msdyn_dataanalyticsworkspaceid", UUID.randomUUID(), "msdyn_name", "Second owned workspace",
                "msdyn_workspaceid", "0d5c2b43-0f9c-4d84-9f27-6e1f6d2c7a10", "msdyn_workspacetype", 192350001,
                "_msdyn_datainsightsandanalyticsfeatureid_value", UUID.fromString("f2266eb4-226f-4cf1-b422-89c5f48b40cb")),
                Map.of("_msdyn_datainsightsandanalyticsfeatureid_value", "msdyn_datainsightsandanalyticsfeature"));
        assertThatThrownBy(() -> world.runtime.rebind(RebindRequest.of(PROD)))
                .isInstanceOf(WorkspaceSelectionException.class)
                .hasMessageContaining("Second owned workspace").hasMessageContaining(PROD_HISTORICAL_WS).hasMessageContaining("--workspace");
        assertThat(world.runtime.rebind(RebindRequest.of(PROD).withWorkspaces(List.of(PROD_HISTORICAL_WS, PROD_REALTIME_WS)))
                .counts().updated()).isEqualTo(9);
    }

    @Test
    void no_candidate_workspace_gives_an_error_saying_so() {
        var data = world.sandbox.environment(PROD).data();
        data.tableBySet(WORKSPACES).orElseThrow().rows().stream()
                .filter(r -> Integer.valueOf(192350001).equals(r.get("msdyn_workspacetype")))
                .forEach(r -> data.remove(WORKSPACES, r.id()));
        assertThatThrownBy(() -> world.runtime.rebind(RebindRequest.of(PROD)))
                .isInstanceOf(WorkspaceSelectionException.class).hasMessageContaining("HISTORICAL");
    }

    @Test
    void a_row_bound_in_the_target_workspace_to_a_report_of_another_name_is_mismatched_and_left_alone() {
        String queueReport = world.powerBiReport(PROD_HISTORICAL_WS, "queue overview");
        UUID agent = world.row("Agent Performance").id();
        world.sandbox.environment(PROD).data().modify(REPORTS, agent,
                Map.of("msdyn_workspaceid", PROD_HISTORICAL_WS, "msdyn_reportid", queueReport));

        RebindReport report = world.runtime.rebind(RebindRequest.of(PROD));

        RowResult row = byName(report).get("Agent Performance");
        assertThat(row.outcome()).isEqualTo(RebindOutcome.MISMATCHED);
        assertThat(row.candidates()).extracting(c -> c.reportId()).containsExactly(queueReport);
        assertThat(row.reason()).contains("'queue overview'").contains("'Agent Performance'");
        assertThat(report.counts().mismatched()).isEqualTo(1);
        assertThat(report.exitCode()).isEqualTo(2);
        assertThat(world.row("Agent Performance").get("msdyn_reportid")).isEqualTo(queueReport);
    }

    @Test
    void rebinding_mismatched_rows_points_them_at_the_report_of_their_name() {
        String queueReport = world.powerBiReport(PROD_HISTORICAL_WS, "queue overview");
        world.sandbox.environment(PROD).data().modify(REPORTS, world.row("Agent Performance").id(),
                Map.of("msdyn_workspaceid", PROD_HISTORICAL_WS, "msdyn_reportid", queueReport));

        RebindReport report = world.runtime.rebind(RebindRequest.of(PROD).withRebindMismatched(true));

        RowResult row = byName(report).get("Agent Performance");
        assertThat(row.outcome()).isEqualTo(RebindOutcome.UPDATED);
        assertThat(row.matchKind()).isEqualTo(MatchKind.EXACT_NAME);
        assertThat(world.row("Agent Performance").get("msdyn_reportid"))
                .isEqualTo(world.powerBiReport(PROD_HISTORICAL_WS, "Agent Performance"));
        assertThat(report.counts().mismatched()).isZero();
    }

    @Test
    void with_a_pipeline_rows_it_does_not_link_are_matched_by_name_and_each_row_says_which_rule_matched() {
        RebindReport report = world.runtime.rebind(RebindRequest.of(PROD).withPipeline(PIPELINE, 1));
        Map<String, RowResult> rows = byName(report);
        assertThat(rows.get("Channel Volume").matchKind()).isEqualTo(MatchKind.PIPELINE);
        assertThat(report.rows()).filteredOn(r -> r.outcome() == RebindOutcome.UPDATED)
                .extracting(RowResult::matchKind).contains(MatchKind.PIPELINE)
                .containsAnyOf(MatchKind.EXACT_NAME, MatchKind.NORMALISED_NAME);
        String terminal = new io.dvbridge.rebind.TerminalSummary(false).render(report);
        assertThat(terminal.lines().filter(l -> l.startsWith("Channel Volume"))).singleElement().asString()
                .contains("UPDATED     pipeline");
    }

    @Test
    void a_second_pipeline_run_keeps_a_report_renamed_on_deployment_without_writing() {
        world.runtime.rebind(RebindRequest.of(PROD).withPipeline(PIPELINE, 1));
        world.sandbox.requestLog().clear();
        RebindReport second = world.runtime.rebind(RebindRequest.of(PROD).withPipeline(PIPELINE, 1));
        assertThat(byName(second).get("Channel Volume").outcome()).isEqualTo(RebindOutcome.UNCHANGED);
        assertThat(second.counts().mismatched()).isZero();
        assertThat(world.requests("POST", "$batch")).isZero();
    }

    @Test
    void a_wide_name_with_a_tab_from_dataverse_keeps_the_terminal_table_aligned_and_shows_the_tab() {
        String name = "顧客満足度\tレポート";
        world.sandbox.environment(PROD).data().modify(REPORTS, world.row("Agent Performance").id(), Map.of("msdyn_name", name));
        String dataset = world.sandbox.powerBi().reports(PROD_HISTORICAL_WS).stream()
                .flatMap(r -> r.datasetId().stream()).findFirst().orElseThrow();
        world.sandbox.powerBi().addReport(PROD_HISTORICAL_WS, new io.dvbridge.sandbox.fixture.PowerBiSpec.ReportSpec(
                null, name, dataset, null, null, null));

        RebindReport report = world.runtime.rebind(RebindRequest.of(PROD).withDryRun(true));

        assertThat(byName(report).get(name).outcome()).isEqualTo(RebindOutcome.PLANNED);
        String terminal = new io.dvbridge.rebind.TerminalSummary(false).render(report);
        // 10 columns of kanji, 2 for the escaped tab, 8 of katakana: 12 spaces fill the 32-column name
        assertThat(terminal.lines().filter(l -> l.startsWith("顧客"))).singleElement().asString()
                .startsWith("顧客満足度\\tレポート" + " ".repeat(12) + " PLANNED ");
        assertThat(terminal).doesNotContain("\uFFFD").doesNotContain("\t");
    }
}
