package io.dvbridge.rebind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dvbridge.rebind.Fixtures.SOURCE_WS;
import static io.dvbridge.rebind.Fixtures.T0;
import static io.dvbridge.rebind.Fixtures.TARGET_WS;
import static io.dvbridge.rebind.Fixtures.historicalTarget;
import static io.dvbridge.rebind.Fixtures.report;
import static io.dvbridge.rebind.Fixtures.row;
import static io.dvbridge.rebind.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;

class UndoPlannerTest {

    /** A finished run that rebound three rows and failed a fourth. */
    private static UndoJournal journal() {
        RebindPlan plan = new RebindPlanner().plan(historicalTarget(), List.of(
                        row("row-1", "A", SOURCE_WS, "old-a", "old-da"),
                        row("row-2", "B", SOURCE_WS, "old-b", "old-db"),
                        row("row-3", "C", SOURCE_WS, "old-c", "old-dc"),
                        row("row-4", "D", SOURCE_WS, "old-d", "old-dd")),
                List.of(new WorkspaceReports(TARGET_WS, List.of(report("new-a", "A", "ds-a"), report("new-b", "B", "ds-b"),
                        report("new-c", "C", "ds-c"), report("new-d", "D", "ds-d")))), List.of());
        RebindReport report = Fixtures.afterWrites(run("run-1", false), plan, List.of(
                WriteOutcome.updated("row-1", "W/\"11\""), WriteOutcome.updated("row-2", null),
                WriteOutcome.updated("row-3", null), WriteOutcome.failed("row-4", "503")), T0);
        return UndoJournal.of(report, T0.plusSeconds(5));
    }

    private static AnalyticsReportRow current(String id, String ws, String report, String dataset, String etag) {
        return new AnalyticsReportRow(id, id, null, ws, report, dataset, Feature.HISTORICAL.featureId(), etag);
    }

    @Test
    void journal_records_only_rows_that_were_written() {
        UndoJournal journal = journal();
        assertThat(journal.runId()).isEqualTo("run-1");
        assertThat(journal.entries()).extracting(UndoJournal.Entry::rowId).containsExactly("row-1", "row-2", "row-3");
        assertThat(journal.entries().get(0).previous()).isEqualTo(new ReportBinding(SOURCE_WS, "old-a", "old-da"));
        assertThat(journal.entries().get(0).etagAfterWrite()).isEqualTo("W/\"11\"");
    }

    @Test
    void rows_still_holding_what_the_run_wrote_are_restored_with_their_current_etag() {
        UndoPlan plan = new UndoPlanner().plan(journal(), List.of(
                current("row-1", TARGET_WS.toUpperCase(), "NEW-A", "ds-a", "W/\"12\"")));
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.after()).isEqualTo(new ReportBinding(SOURCE_WS, "old-a", "old-da"));
            assertThat(c.etag()).isEqualTo("W/\"12\"");
            assertThat(c.matchKind()).isEqualTo(MatchKind.JOURNAL);
        });
    }

    @Test
    void rows_changed_since_the_run_or_deleted_are_conflicts_and_rows_already_restored_are_unchanged() {
        UndoPlan plan = new UndoPlanner().plan(journal(), List.of(
                current("row-1", SOURCE_WS, "old-a", "old-da", "W/\"20\""),
                current("row-2", TARGET_WS, "someone-elses-report", "ds-b", "W/\"21\"")));
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.unchanged()).extracting(RebindPlan.Unchanged::rowId).containsExactly("row-1");
        assertThat(plan.conflicts()).extracting(UndoPlan.Conflict::rowId).containsExactly("row-2", "row-3");
        assertThat(plan.conflicts().get(0).reason()).contains("changed since run run-1").contains("someone");
        assertThat(plan.conflicts().get(1).reason()).contains("no longer exists");

        RebindReport report = Fixtures.dryRun(RunInfo.undo("undo-1", journal(), T0, WriteMode.ROW_BY_ROW), plan, T0);
        assertThat(report.kind()).isEqualTo(RunKind.UNDO);
        assertThat(report.features()).containsExactly(Feature.HISTORICAL);
        assertThat(report.counts().conflicts()).isEqualTo(2);
        assertThat(report.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
    }

    @Test
    void journal_survives_a_json_round_trip() throws Exception {
        var mapper = RebindJson.mapper();
        UndoJournal journal = journal();
        assertThat(mapper.readValue(mapper.writeValueAsString(journal), UndoJournal.class)).isEqualTo(journal);
    }
}
