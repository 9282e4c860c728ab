package io.dvbridge.rebind;

import org.junit.jupiter.api.Test;

import java.util.List;

import static io.dvbridge.rebind.Fixtures.SOURCE_WS;
import static io.dvbridge.rebind.Fixtures.TARGET_WS;
import static io.dvbridge.rebind.Fixtures.paginated;
import static io.dvbridge.rebind.Fixtures.report;
import static io.dvbridge.rebind.Fixtures.row;
import static org.assertj.core.api.Assertions.assertThat;

class ReportMatcherTest {

    private static ReportMatch match(String rowName, List<PowerBiReport> reports) {
        return new ReportMatcher(TARGET_WS, reports, List.of(), false).match(row("row-1", rowName, SOURCE_WS, "old-report", "old-ds"));
    }

    private static void assertMatched(ReportMatch match, String reportId, MatchKind kind) {
        assertThat(match).isInstanceOfSatisfying(ReportMatch.Matched.class, m -> {
            assertThat(m.report().id()).isEqualTo(reportId);
            assertThat(m.kind()).isEqualTo(kind);
        });
    }

    @Test
    void exact_name_matches_as_exact() {
        assertMatched(match("Agent performance", List.of(report("r1", "Agent performance", "d1"),
                report("r2", "Queue volume", "d2"))), "r1", MatchKind.EXACT_NAME);
    }

    @Test
    void name_differing_only_in_case_matches_as_normalised() {
        assertMatched(match("agent PERFORMANCE", List.of(report("r1", "Agent Performance", "d1"))),
                "r1", MatchKind.NORMALISED_NAME);
    }

    @Test
    void trailing_spaces_doubled_inner_spaces_and_nbsp_match_as_normalised() {
        List<PowerBiReport> reports = List.of(report("r1", "Agent performance", "d1"));
        assertMatched(match("Agent performance  ", reports), "r1", MatchKind.NORMALISED_NAME);
        assertMatched(match("Agent  performance", reports), "r1", MatchKind.NORMALISED_NAME);
        assertMatched(match("Agent\u00A0performance", reports), "r1", MatchKind.NORMALISED_NAME);
    }

    @Test
    void name_with_apostrophe_matches_exactly() {
        assertMatched(match("O'Brien's Queue", List.of(report("r1", "O'Brien's Queue", "d1"),
                report("r2", "OBriens Queue", "d2"))), "r1", MatchKind.EXACT_NAME);
    }

    @Test
    void composed_row_name_matches_decomposed_report_name() {
        assertMatched(match("Caf\u00e9 insights", List.of(report("r1", "Cafe\u0301 insights", "d1"))),
                "r1", MatchKind.NORMALISED_NAME);
    }

    @Test
    void two_reports_with_the_same_name_are_ambiguous_and_listed() {
        ReportMatch result = match("Agent performance", List.of(report("r1", "Agent performance", "d1"),
                report("r2", "Agent performance", "d2"), report("r3", "Other", "d3")));
        assertThat(result).isInstanceOfSatisfying(ReportMatch.Ambiguous.class, a -> {
            assertThat(a.candidates()).extracting(ReportCandidate::reportId).containsExactly("r1", "r2");
            assertThat(a.reason()).contains("2 reports").contains("Agent performance");
        });
    }

    @Test
    void two_reports_equal_only_after_normalising_are_ambiguous() {
        ReportMatch result = match("agent performance", List.of(report("r1", "Agent Performance", "d1"),
                report("r2", "AGENT  PERFORMANCE ", "d2")));
        assertThat(result).isInstanceOfSatisfying(ReportMatch.Ambiguous.class,
                a -> assertThat(a.candidates()).extracting(ReportCandidate::reportId).containsExactly("r1", "r2"));
    }

    @Test
    void exact_match_wins_over_a_report_that_only_matches_normalised() {
        assertMatched(match("Agent performance", List.of(report("r1", "agent performance", "d1"),
                report("r2", "Agent performance", "d2"))), "r2", MatchKind.EXACT_NAME);
    }

    @Test
    void missing_report_is_unmatched_with_the_name_in_the_reason() {
        ReportMatch result = match("Deleted report", List.of(report("r1", "Agent performance", "d1")));
        assertThat(result).isInstanceOfSatisfying(ReportMatch.Unmatched.class,
                u -> assertThat(u.reason()).contains("Deleted report").contains(TARGET_WS));
    }

    @Test
    void row_without_name_is_unmatched() {
        ReportMatch result = match(null, List.of(report("r1", "Agent performance", "d1")));
        assertThat(result).isInstanceOf(ReportMatch.Unmatched.class);
    }

    @Test
    void paginated_report_matches_by_name_although_it_has_no_dataset() {
        ReportMatch result = match("Daily queue export", List.of(paginated("p1", "Daily queue export")));
        assertMatched(result, "p1", MatchKind.EXACT_NAME);
        assertThat(((ReportMatch.Matched) result).report().datasetIdIfPresent()).isEmpty();
    }

    @Test
    void pipeline_map_beats_a_same_named_report() {
        var matcher = new ReportMatcher(TARGET_WS,
                List.of(report("by-name", "Agent performance", "d1"), report("deployed", "Agent performance (v2)", "d2")),
                List.of(new PipelineArtifact("deployed", "OLD-REPORT")), false);
        assertMatched(matcher.match(row("row-1", "Agent performance", SOURCE_WS, "old-report", "old-ds")),
                "deployed", MatchKind.PIPELINE);
    }

    @Test
    void pipeline_target_missing_from_workspace_is_unmatched_instead_of_falling_back_to_name() {
        var matcher = new ReportMatcher(TARGET_WS, List.of(report("by-name", "Agent performance", "d1")),
                List.of(new PipelineArtifact("elsewhere", "old-report")), false);
        ReportMatch result = matcher.match(row("row-1", "Agent performance", SOURCE_WS, "old-report", "old-ds"));
        assertThat(result).isInstanceOfSatisfying(ReportMatch.Unmatched.class,
                u -> assertThat(u.reason()).contains("elsewhere").contains("pipeline"));
    }

    @Test
    void row_not_in_pipeline_map_falls_back_to_name() {
        var matcher = new ReportMatcher(TARGET_WS, List.of(report("by-name", "Agent performance", "d1")),
                List.of(new PipelineArtifact("x", "some-other-source")), false);
        assertMatched(matcher.match(row("row-1", "Agent performance", SOURCE_WS, "old-report", "old-ds")),
                "by-name", MatchKind.EXACT_NAME);
    }

    @Test
    void report_id_in_target_workspace_matches_when_the_report_carries_the_rows_name() {
        var matcher = new ReportMatcher(TARGET_WS, List.of(report("R-NEW", "agent  Performance", "d1")), List.of(), false);
        assertMatched(matcher.match(row("row-1", "Agent performance", TARGET_WS, "r-new", "d1")), "R-NEW", MatchKind.REPORT_ID);
    }

    @Test
    void report_id_in_target_workspace_under_another_name_is_mismatched_not_unchanged() {
        var matcher = new ReportMatcher(TARGET_WS, List.of(report("R-NEW", "Queue overview", "d1"),
                report("r2", "Agent performance", "d2")), List.of(), false);
        ReportMatch result = matcher.match(row("row-1", "Agent performance", TARGET_WS, "r-new", "d1"));
        assertThat(result).isInstanceOfSatisfying(ReportMatch.Mismatched.class, m -> {
            assertThat(m.boundReport().id()).isEqualTo("R-NEW");
            assertThat(m.reason()).contains("'Queue overview'").contains("'Agent performance'");
        });
    }

    @Test
    void a_mismatched_row_is_matched_by_name_when_the_run_rebinds_mismatched_rows() {
        var matcher = new ReportMatcher(TARGET_WS, List.of(report("R-NEW", "Queue overview", "d1"),
                report("r2", "Agent performance", "d2")), List.of(), true);
        assertMatched(matcher.match(row("row-1", "Agent performance", TARGET_WS, "r-new", "d1")), "r2", MatchKind.EXACT_NAME);
    }

    @Test
    void a_mismatched_row_without_a_report_of_its_name_stays_unmatched_when_rebinding_mismatched_rows() {
        var matcher = new ReportMatcher(TARGET_WS, List.of(report("R-NEW", "Queue overview", "d1")), List.of(), true);
        assertThat(matcher.match(row("row-1", "Agent performance", TARGET_WS, "r-new", "d1")))
                .isInstanceOfSatisfying(ReportMatch.Unmatched.class, u -> assertThat(u.reason())
                        .contains("'Queue overview'").contains("no report named 'Agent performance'"));
    }

    @Test
    void a_report_renamed_on_deployment_keeps_its_row_when_the_pipeline_lists_it() {
        var matcher = new ReportMatcher(TARGET_WS, List.of(report("deployed", "Channel volume (v2)", "d1")),
                List.of(new PipelineArtifact("deployed", "old-report")), false);
        assertMatched(matcher.match(row("row-1", "Channel volume", TARGET_WS, "deployed", "d1")),
                "deployed", MatchKind.REPORT_ID);
    }
}
