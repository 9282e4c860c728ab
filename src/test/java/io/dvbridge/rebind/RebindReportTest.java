package io.dvbridge.rebind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dvbridge.rebind.Fixtures.SOURCE_WS;
import static io.dvbridge.rebind.Fixtures.T0;
import static io.dvbridge.rebind.Fixtures.TARGET_WS;
import static io.dvbridge.rebind.Fixtures.historicalTarget;
import static io.dvbridge.rebind.Fixtures.paginated;
import static io.dvbridge.rebind.Fixtures.report;
import static io.dvbridge.rebind.Fixtures.row;
import static io.dvbridge.rebind.Fixtures.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RebindReportTest {

    private static final List<PowerBiReport> REPORTS = List.of(report("new-agent", "Agent performance", "ds-1"),
            report("new-queue", "Queue volume", "ds-2"), paginated("new-export", "Daily export"),
            report("dup-a", "Team summary", "ds-3"), report("dup-b", "Team summary", "ds-4"));

    private static RebindPlan plan(AnalyticsReportRow... rows) {
        return new RebindPlanner().plan(historicalTarget(), List.of(rows),
                List.of(new WorkspaceReports(TARGET_WS, REPORTS)), List.of());
    }

    private static RebindPlan twoChanges() {
        return plan(row("row-1", "Agent performance", SOURCE_WS, "old-1", "old-ds"),
                row("row-2", "Queue volume", SOURCE_WS, "old-2", "old-ds"));
    }

    @Test
    void all_rows_updated_exits_zero() {
        RebindReport report = Fixtures.afterWrites(run("r1", false), twoChanges(),
                List.of(WriteOutcome.updated("row-1", "W/\"2\""), WriteOutcome.updated("row-2", null)), T0.plusSeconds(3));
        assertThat(report.exitCode()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(report.counts().updated()).isEqualTo(2);
        assertThat(report.counts().matched()).isEqualTo(2);
    }

    @Test
    void dry_run_plans_without_writes_and_exits_zero_when_nothing_needs_attention() {
        RebindReport report = Fixtures.dryRun(run("r1", false), twoChanges(), T0.plusSeconds(1));
        assertThat(report.dryRun()).isTrue();
        assertThat(report.rows()).extracting(RowResult::outcome).containsOnly(RebindOutcome.PLANNED);
        assertThat(report.exitCode()).isEqualTo(ExitCodes.SUCCESS);
    }

    @Test
    void ambiguous_unmatched_or_conflict_rows_exit_two() {
        RebindPlan needsAttention = plan(row("row-1", "Team summary", SOURCE_WS, "old", "x"),
                row("row-2", "Gone", SOURCE_WS, "old2", "x"));
        assertThat(Fixtures.dryRun(run("r1", false), needsAttention, T0).exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);

        RebindReport conflict = Fixtures.afterWrites(run("r2", false), twoChanges(),
                List.of(WriteOutcome.updated("row-1", null), WriteOutcome.conflict("row-2", "ETag mismatch")), T0);
        assertThat(conflict.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(conflict.counts().conflicts()).isEqualTo(1);
    }

    @Test
    void a_failed_or_rolled_back_write_exits_one_even_with_rows_needing_attention() {
        RebindReport report = Fixtures.afterWrites(run("r1", false), twoChanges(),
                List.of(WriteOutcome.conflict("row-1", "The version of the existing record doesn't match"),
                        WriteOutcome.rolledBack("row-2", "changeset rolled back because row-1 failed")), T0);
        assertThat(report.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(report.counts().rolledBack()).isEqualTo(1);
    }

    @Test
    void a_planned_change_without_write_result_is_reported_failed() {
        RebindReport report = Fixtures.afterWrites(run("r1", false), twoChanges(),
                List.of(WriteOutcome.updated("row-1", null)), T0);
        assertThat(report.rows()).filteredOn(r -> r.rowId().equals("row-2")).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(RebindOutcome.FAILED);
            assertThat(r.reason()).contains("no write result");
        });
        assertThat(report.exitCode()).isEqualTo(ExitCodes.FAILED);
    }

    @Test
    void a_write_result_for_a_row_the_plan_did_not_change_is_refused() {
        assertThatThrownBy(() -> Fixtures.afterWrites(run("r1", false), twoChanges(),
                List.of(WriteOutcome.updated("row-1", null), WriteOutcome.updated("row-2", null),
                        WriteOutcome.updated("row-x", null)), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row-x");
        assertThatThrownBy(() -> new WriteOutcome("row-1", RebindOutcome.PLANNED, null, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void report_survives_a_json_round_trip_with_counts_exit_code_and_null_dataset() throws Exception {
        RebindPlan plan = plan(row("row-1", "Agent performance", SOURCE_WS, "old-1", "old-ds"),
                row("row-2", "Daily export", SOURCE_WS, "old-2", "old-ds"),
                row("row-3", "Team summary", SOURCE_WS, "old-3", null));
        RebindReport report = Fixtures.afterWrites(run("run-42", false), plan,
                List.of(WriteOutcome.updated("row-1", "W/\"5\""), WriteOutcome.updated("row-2", null)), T0.plusSeconds(2));

        ObjectMapper mapper = RebindJson.mapper();
        String json = mapper.writeValueAsString(report);
        JsonNode tree = mapper.readTree(json);
        assertThat(tree.get("startedAt").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(tree.get("exitCode").asInt()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(tree.get("counts").get("ambiguous").asInt()).isEqualTo(1);
        assertThat(tree.get("rows").get(1).get("after").get("datasetId").isNull()).isTrue();
        assertThat(tree.get("rows").get(2).get("candidates")).hasSize(2);
        assertThat(json).doesNotContain("present").doesNotContain("IfPresent");
        assertThat(tree.get("batches").get("description").asText()).isEqualTo("2 writes in one atomic changeset (all or nothing)");
        assertThat(tree.get("rows").get(0).get("batch").asInt()).isEqualTo(1);
        assertThat(tree.get("rows").get(2).get("batch").isNull()).isTrue();

        RebindReport back = mapper.readValue(json, RebindReport.class);
        assertThat(back).isEqualTo(report);
    }

    @Test
    void input_rows_bind_directly_from_dataverse_and_power_bi_json() throws Exception {
        ObjectMapper mapper = RebindJson.mapper();
        AnalyticsReportRow row = mapper.readValue("""
                {"@odata.etag":"W/\\"468026\\"","msdyn_dataanalyticsreportid":"11111111-2222-3333-4444-555555555555",
                 "msdyn_name":"Agent performance","msdyn_displayname":"Agents","msdyn_workspaceid":"%s",
                 "msdyn_reportid":"old-1","msdyn_datasetid":null,
                 "_msdyn_datainsightsandanalyticsfeatureid_value":"F2266EB4-226F-4CF1-B422-89C5F48B40CB",
                 "msdyn_isenabled":true}""".formatted(SOURCE_WS), AnalyticsReportRow.class);
        assertThat(row.etag()).isEqualTo("W/\"468026\"");
        assertThat(row.feature()).contains(Feature.HISTORICAL);
        assertThat(row.binding()).isEqualTo(new ReportBinding(SOURCE_WS, "old-1", null));

        AnalyticsWorkspaceRow workspace = mapper.readValue("""
                {"msdyn_dataanalyticsworkspaceid":"w1","msdyn_workspaceid":"%s","msdyn_name":"Contoso",
                 "msdyn_workspacetype":192350001,"_msdyn_datainsightsandanalyticsfeatureid_value":"%s"}"""
                .formatted(TARGET_WS, Feature.REALTIME.featureId()), AnalyticsWorkspaceRow.class);
        assertThat(workspace.type()).contains(WorkspaceType.CUSTOMER_OWNED);
        assertThat(workspace.feature()).contains(Feature.REALTIME);

        PowerBiReport paginatedReport = mapper.readValue("""
                {"id":"p1","reportType":"PaginatedReport","name":"Daily export","webUrl":"https://x","embedUrl":"https://y"}""",
                PowerBiReport.class);
        assertThat(paginatedReport.paginated()).isTrue();
        assertThat(paginatedReport.datasetIdIfPresent()).isEmpty();
    }

    @Test
    void a_row_read_without_etag_is_refused_because_writes_must_be_conditional() {
        assertThatThrownBy(() -> new AnalyticsReportRow("row-1", "n", null, null, null, null, null, " "))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row-1").hasMessageContaining("etag");
    }

    @Test
    void a_mismatched_row_needs_attention_and_names_the_report_it_points_at() {
        RebindPlan plan = plan(row("row-1", "Agent performance", TARGET_WS, "new-queue", "ds-2"));
        RebindReport report = Fixtures.dryRun(run("r1", false), plan, T0);
        RowResult row = report.rows().get(0);
        assertThat(row.outcome()).isEqualTo(RebindOutcome.MISMATCHED);
        assertThat(row.candidates()).containsExactly(new ReportCandidate("new-queue", "Queue volume"));
        assertThat(report.counts().mismatched()).isEqualTo(1);
        assertThat(report.counts().matched()).isZero();
        assertThat(report.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
    }

    @Test
    void batches_that_do_not_fit_the_plan_are_refused() {
        assertThatThrownBy(() -> RebindReport.dryRun(run("r1", false), twoChanges(),
                new WriteBatches(WriteMode.ATOMIC, 3, 1000), T0)).hasMessageContaining("batches for 3 writes, but the plan has 2");
        assertThatThrownBy(() -> RebindReport.dryRun(run("r1", false), twoChanges(),
                new WriteBatches(WriteMode.ROW_BY_ROW, 2, 1000), T0)).hasMessageContaining("must be sent in its mode ATOMIC");
    }
}
