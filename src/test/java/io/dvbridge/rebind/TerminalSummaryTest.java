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

class TerminalSummaryTest {

    private static RebindReport mixedReport() {
        List<PowerBiReport> reports = List.of(report("aaaa1111-new", "Agent performance", "dddd1111-ds"),
                report("bbbb2222-dup", "Team summary", "x"), report("cccc3333-dup", "Team summary", "y"),
                report("eeee4444-ok", "Already fine", "ffff5555-ds"));
        RebindPlan plan = new RebindPlanner().plan(historicalTarget(), List.of(
                row("row-1", "Agent performance", SOURCE_WS, "9999old1-rpt", "8888old1-ds"),
                row("row-2", "Team summary", SOURCE_WS, "old-2", null),
                row("row-3", "Gone \u001b[31mred", SOURCE_WS, "old-3", null),
                row("row-4", "Already fine", TARGET_WS, "eeee4444-ok", "ffff5555-ds")),
                List.of(new WorkspaceReports(TARGET_WS, reports)), List.of());
        return RebindReport.afterWrites(run("run-7", false), plan, List.of(WriteOutcome.updated("row-1", null)),
                T0.plusSeconds(4));
    }

    @Test
    void summary_shows_counts_then_one_line_per_row_needing_a_look_and_the_exit_code() {
        String text = new TerminalSummary(false).render(mixedReport());
        assertThat(text).contains("run run-7", "environment test", "mode ATOMIC", "Contoso Analytics", TARGET_WS)
                .contains("rows 4  matched 2  planned 0  updated 1  unchanged 1  ambiguous 1  unmatched 1")
                .contains("exit code 2: finished, but some rows need attention");
        List<String> rowLines = text.lines().filter(l -> l.matches(".*\\b(UPDATED|AMBIGUOUS|UNMATCHED|UNCHANGED)\\b.*")).toList();
        assertThat(rowLines).hasSize(3);
        assertThat(rowLines.get(0)).startsWith("Team summary").contains("AMBIGUOUS")
                .contains("candidates: bbbb2222-dup 'Team summary', cccc3333-dup 'Team summary'");
        assertThat(rowLines.get(1)).startsWith("Gone").contains("UNMATCHED");
        assertThat(rowLines.get(2)).startsWith("Agent performance").contains("UPDATED")
                .contains("9999old1/8888old1 -> aaaa1111/dddd1111").contains("matched by exact name");
        assertThat(text).doesNotContain("Already fine");
    }

    @Test
    void columns_line_up_in_fixed_width() {
        String text = new TerminalSummary(false).render(mixedReport());
        List<String> lines = text.lines().filter(l -> l.contains("UPDATED") || l.contains("UNMATCHED")
                || l.startsWith("NAME")).toList();
        assertThat(lines).extracting(l -> l.indexOf(l.contains("UPDATED") ? "UPDATED" : l.contains("UNMATCHED")
                ? "UNMATCHED" : "OUTCOME")).containsOnly(33);
        String header = lines.stream().filter(l -> l.startsWith("NAME")).findFirst().orElseThrow();
        String updated = lines.stream().filter(l -> l.contains("UPDATED")).findFirst().orElseThrow();
        assertThat(updated.indexOf("aaaa1111")).isEqualTo(header.indexOf("AFTER"));
        assertThat(updated.indexOf("9999old1")).isEqualTo(header.indexOf("BEFORE"));
    }

    @Test
    void without_ansi_there_are_no_escape_sequences_even_from_hostile_names() {
        String text = new TerminalSummary(false).render(mixedReport());
        assertThat(text).doesNotContain("\u001b").contains("Gone \uFFFD[31mred");
    }

    @Test
    void with_ansi_outcomes_are_coloured() {
        String text = new TerminalSummary(true).render(mixedReport());
        assertThat(text).contains("\u001b[33mAMBIGUOUS").contains("\u001b[32mUPDATED");
    }

    @Test
    void a_run_with_nothing_to_do_says_so() {
        RebindPlan plan = new RebindPlanner().plan(historicalTarget(),
                List.of(row("row-1", "A", TARGET_WS, "r1", "d1")),
                List.of(new WorkspaceReports(TARGET_WS, List.of(report("r1", "A", "d1")))), List.of());
        String text = new TerminalSummary(false).render(RebindReport.afterWrites(run("run-8", false), plan, List.of(), T0));
        assertThat(text).contains("nothing to do").contains("exit code 0: success");
    }
}
