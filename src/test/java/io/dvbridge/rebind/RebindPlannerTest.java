package io.dvbridge.rebind;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.dvbridge.rebind.Fixtures.REALTIME_WS;
import static io.dvbridge.rebind.Fixtures.SOURCE_WS;
import static io.dvbridge.rebind.Fixtures.TARGET_WS;
import static io.dvbridge.rebind.Fixtures.historicalTarget;
import static io.dvbridge.rebind.Fixtures.paginated;
import static io.dvbridge.rebind.Fixtures.realtimeRow;
import static io.dvbridge.rebind.Fixtures.report;
import static io.dvbridge.rebind.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RebindPlannerTest {

    private final RebindPlanner planner = new RebindPlanner();

    private static final List<PowerBiReport> TARGET_REPORTS = List.of(
            report("new-agent", "Agent performance", "new-ds-1"),
            report("new-queue", "Queue volume", "new-ds-2"),
            report("dup-a", "Team summary", "new-ds-3"),
            report("dup-b", "Team summary", "new-ds-4"),
            paginated("new-export", "Daily export"));

    private RebindPlan plan(List<AnalyticsReportRow> rows) {
        return planner.plan(historicalTarget(), rows, List.of(new WorkspaceReports(TARGET_WS, TARGET_REPORTS)), List.of());
    }

    @Test
    void stale_rows_are_planned_with_new_workspace_report_and_dataset() {
        RebindPlan plan = plan(List.of(row("row-1", "Agent performance", SOURCE_WS, "old-agent", "old-ds-1")));
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.before()).isEqualTo(new ReportBinding(SOURCE_WS, "old-agent", "old-ds-1"));
            assertThat(c.after()).isEqualTo(new ReportBinding(TARGET_WS, "new-agent", "new-ds-1"));
            assertThat(c.matchKind()).isEqualTo(MatchKind.EXACT_NAME);
            assertThat(c.etag()).startsWith("W/");
            assertThat(c.changedColumns()).containsExactly(Map.entry("msdyn_workspaceid", TARGET_WS),
                    Map.entry("msdyn_reportid", "new-agent"), Map.entry("msdyn_datasetid", "new-ds-1"));
        });
    }

    @Test
    void paginated_report_clears_the_dataset_id() {
        RebindPlan plan = plan(List.of(row("row-1", "Daily export", SOURCE_WS, "old-export", "old-ds-9")));
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.after().datasetIdIfPresent()).isEmpty();
            assertThat(c.changedColumns()).containsEntry("msdyn_datasetid", null);
        });
    }

    @Test
    void a_second_planning_run_over_updated_rows_plans_zero_changes() {
        List<AnalyticsReportRow> rows = List.of(
                row("row-1", "Agent performance", SOURCE_WS, "old-agent", "old-ds-1"),
                row("row-2", "queue  VOLUME", SOURCE_WS, "old-queue", "old-ds-2"),
                row("row-3", "Daily export", SOURCE_WS, "old-export", "old-ds-9"));
        RebindPlan first = plan(rows);
        assertThat(first.changes()).hasSize(3);

        List<AnalyticsReportRow> updated = new ArrayList<>();
        for (PlannedChange c : first.changes()) {
            AnalyticsReportRow before = rows.stream().filter(r -> r.id().equals(c.rowId())).findFirst().orElseThrow();
            // Dataverse may hand GUIDs back in another case: that must still count as unchanged
            updated.add(new AnalyticsReportRow(before.id(), before.name(), before.displayName(),
                    c.after().workspaceId().toUpperCase(), c.after().reportId().toUpperCase(), c.after().datasetId(),
                    before.featureId(), "W/\"999\""));
        }
        RebindPlan second = plan(updated);
        assertThat(second.changes()).isEmpty();
        assertThat(second.unchanged()).hasSize(3).allSatisfy(u -> assertThat(u.matchKind()).isEqualTo(MatchKind.REPORT_ID));
    }

    @Test
    void row_in_target_workspace_whose_report_no_longer_exists_is_rematched_by_name() {
        RebindPlan plan = plan(List.of(row("row-1", "Queue volume", TARGET_WS, "deleted-report", "new-ds-2")));
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.after().reportId()).isEqualTo("new-queue");
            assertThat(c.changedColumns()).containsOnlyKeys("msdyn_reportid");
        });
    }

    @Test
    void row_with_target_report_but_stale_dataset_gets_only_its_dataset_fixed() {
        RebindPlan plan = plan(List.of(row("row-1", "Agent performance", TARGET_WS, "new-agent", "old-ds-1")));
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.matchKind()).isEqualTo(MatchKind.REPORT_ID);
            assertThat(c.changedColumns()).containsOnlyKeys("msdyn_datasetid");
        });
    }

    @Test
    void ambiguous_and_unmatched_rows_are_listed_and_not_written() {
        RebindPlan plan = plan(List.of(
                row("row-1", "Team summary", SOURCE_WS, "old-team", "old-ds"),
                row("row-2", "Retired report", SOURCE_WS, "old-retired", "old-ds")));
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.ambiguous()).singleElement().satisfies(a -> {
            assertThat(a.rowId()).isEqualTo("row-1");
            assertThat(a.candidates()).extracting(ReportCandidate::reportId).containsExactly("dup-a", "dup-b");
        });
        assertThat(plan.unmatched()).singleElement().satisfies(u -> assertThat(u.reason()).contains("Retired report"));
    }

    @Test
    void rows_of_unselected_features_are_ignored() {
        RebindPlan plan = plan(List.of(realtimeRow("rt-1", "Agent performance", SOURCE_WS, "old")));
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.ignored()).singleElement().satisfies(i -> assertThat(i.reason()).contains("REALTIME"));
    }

    @Test
    void with_all_features_each_row_matches_in_its_own_features_workspace() {
        var targets = new TargetWorkspaces(List.of(
                new WorkspaceChoice(Feature.HISTORICAL, TARGET_WS, "Hist", "w1", WorkspaceChoice.Basis.ONLY_CANDIDATE),
                new WorkspaceChoice(Feature.REALTIME, REALTIME_WS, "RT", "w2", WorkspaceChoice.Basis.ONLY_CANDIDATE)));
        RebindPlan plan = planner.plan(targets,
                List.of(row("h-1", "Agent performance", SOURCE_WS, "old-1", "x"),
                        realtimeRow("rt-1", "Agent performance", SOURCE_WS, "old-2")),
                List.of(new WorkspaceReports(TARGET_WS, TARGET_REPORTS),
                        new WorkspaceReports(REALTIME_WS, List.of(report("rt-agent", "Agent performance", "rt-ds")))),
                List.of());
        assertThat(plan.changes()).extracting(c -> c.after().reportId()).containsExactly("new-agent", "rt-agent");
        assertThat(plan.changes()).extracting(c -> c.after().workspaceId()).containsExactly(TARGET_WS, REALTIME_WS);
    }

    @Test
    void missing_listing_for_a_target_workspace_is_a_caller_error() {
        assertThatThrownBy(() -> planner.plan(historicalTarget(), List.of(), List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(TARGET_WS);
    }

    @Test
    void pipeline_map_decides_the_plan_over_names() {
        RebindPlan plan = planner.plan(historicalTarget(),
                List.of(row("row-1", "Agent performance", SOURCE_WS, "old-agent", "old-ds-1")),
                List.of(new WorkspaceReports(TARGET_WS, TARGET_REPORTS)),
                List.of(new PipelineArtifact("new-queue", "old-agent")));
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.after().reportId()).isEqualTo("new-queue");
            assertThat(c.matchKind()).isEqualTo(MatchKind.PIPELINE);
        });
    }

    @Test
    void plan_and_targets_survive_a_json_round_trip() throws Exception {
        var mapper = RebindJson.mapper();
        RebindPlan plan = plan(List.of(row("row-1", "Agent performance", SOURCE_WS, "old-agent", "old-ds-1"),
                row("row-2", "Team summary", SOURCE_WS, "old", null), row("row-3", "Daily export", SOURCE_WS, "o", "d"),
                realtimeRow("rt-1", "x", SOURCE_WS, "y")));
        assertThat(mapper.readValue(mapper.writeValueAsString(plan), RebindPlan.class)).isEqualTo(plan);
        TargetWorkspaces targets = historicalTarget();
        assertThat(mapper.readValue(mapper.writeValueAsString(targets), TargetWorkspaces.class)).isEqualTo(targets);
    }

    @Test
    void a_row_bound_to_another_named_report_of_the_target_is_planned_as_mismatched_without_a_write() {
        RebindPlan plan = plan(List.of(row("row-1", "Agent performance", TARGET_WS, "new-queue", "new-ds-2")));
        assertThat(plan.changes()).isEmpty();
        assertThat(plan.unchanged()).isEmpty();
        assertThat(plan.mismatched()).singleElement().satisfies(m -> {
            assertThat(m.boundReport()).isEqualTo(new ReportCandidate("new-queue", "Queue volume"));
            assertThat(m.before()).isEqualTo(new ReportBinding(TARGET_WS, "new-queue", "new-ds-2"));
        });
    }

    @Test
    void a_planner_that_rebinds_mismatched_rows_plans_the_write_to_the_report_of_the_rows_name() {
        RebindPlan plan = new RebindPlanner(true).plan(historicalTarget(),
                List.of(row("row-1", "Agent performance", TARGET_WS, "new-queue", "new-ds-2")),
                List.of(new WorkspaceReports(TARGET_WS, TARGET_REPORTS)), List.of());
        assertThat(plan.mismatched()).isEmpty();
        assertThat(plan.changes()).singleElement().satisfies(c -> {
            assertThat(c.after()).isEqualTo(new ReportBinding(TARGET_WS, "new-agent", "new-ds-1"));
            assertThat(c.matchKind()).isEqualTo(MatchKind.EXACT_NAME);
        });
    }
}
