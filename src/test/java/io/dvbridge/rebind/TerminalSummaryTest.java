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
        return Fixtures.afterWrites(run("run-7", false), plan, List.of(WriteOutcome.updated("row-1", null)),
                T0.plusSeconds(4));
    }

    @Test
    void summary_shows_counts_then_one_line_per_row_needing_a_look_and_the_exit_code() {
        String text = new TerminalSummary(false).render(mixedReport());
        assertThat(text).contains("run run-7", "environment test", "mode ATOMIC", "Contoso Analytics", TARGET_WS)
                .contains("rows 4  matched 2  planned 0  updated 1  unchanged 1  mismatched 0  ambiguous 1  unmatched 1")
                .contains("exit code 2: finished, but some rows need attention");
        List<String> rowLines = text.lines().filter(l -> l.matches(".*\\b(UPDATED|AMBIGUOUS|UNMATCHED|UNCHANGED)\\b.*")).toList();
        assertThat(rowLines).hasSize(3);
        assertThat(rowLines.get(0)).startsWith("Team summary").contains("AMBIGUOUS")
                .contains("candidates: bbbb2222-dup 'Team summary', cccc3333-dup 'Team summary'");
        assertThat(rowLines.get(1)).startsWith("Gone").contains("UNMATCHED");
        assertThat(rowLines.get(2)).startsWith("Agent performance").contains("UPDATED")
                .contains("9999old1/8888old1 -> aaaa1111/dddd1111").contains("matched by exact name");
        assertThat(text).contains("writes: 1 write in one atomic changeset (all or nothing)");
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
        assertThat(text).doesNotContain("\u001b").contains("Gone \\u001b[31mred");
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
        String text = new TerminalSummary(false).render(Fixtures.afterWrites(run("run-8", false), plan, List.of(), T0));
        assertThat(text).contains("nothing to do").contains("exit code 0: success");
    }

    private static RebindReport namedRows(String... names) {
        List<PowerBiReport> reports = new java.util.ArrayList<>();
        List<AnalyticsReportRow> rows = new java.util.ArrayList<>();
        for (int i = 0; i < names.length; i++) {
            reports.add(report("aaaa000" + i + "-new", names[i], "dddd000" + i + "-ds"));
            rows.add(row("row-" + i, names[i], SOURCE_WS, "9999old" + i, "8888old" + i));
        }
        RebindPlan plan = new RebindPlanner().plan(historicalTarget(), rows,
                List.of(new WorkspaceReports(TARGET_WS, reports)), List.of());
        return Fixtures.dryRun(run("run-9", false), plan, T0);
    }

    private static List<String> rowLines(String text) {
        return text.lines().filter(l -> l.contains("PLANNED")).toList();
    }

    @Test
    void wide_east_asian_names_combining_marks_and_emoji_keep_the_columns_aligned_on_a_terminal() {
        String text = new TerminalSummary(false).render(namedRows("Agent performance", "顧客満足度レポート",
                "고객 만족도", "Cafe\u0301 overview", "Team 🚀 summary", "Family 👨‍👩‍👧 view", "Flags 🇯🇵"));
        List<String> lines = rowLines(text);
        assertThat(lines).hasSize(7);
        assertThat(lines).extracting(l -> TerminalText.width(l.substring(0, l.indexOf("PLANNED")))).containsOnly(33);
        assertThat(lines).extracting(l -> TerminalText.width(l.substring(0, l.indexOf(" -> ")))).hasSize(7)
                .containsOnly(TerminalText.width(lines.get(0).substring(0, lines.get(0).indexOf(" -> "))));
    }

    @Test
    void a_long_wide_name_is_cut_to_the_column_without_splitting_a_character() {
        String text = new TerminalSummary(false).render(namedRows("顧客満足度レポート顧客満足度レポート顧客満足度レポート"));
        String line = rowLines(text).get(0);
        String name = line.substring(0, line.indexOf("PLANNED")).strip();
        assertThat(name).endsWith("…").startsWith("顧客満足度");
        assertThat(TerminalText.width(name)).isLessThanOrEqualTo(32);
    }

    @Test
    void a_tab_in_a_name_is_shown_escaped_never_as_a_replacement_character() {
        String text = new TerminalSummary(false).render(namedRows("Agent\tperformance"));
        assertThat(text).contains("Agent\\tperformance").doesNotContain("\uFFFD").doesNotContain("\t");
    }

    @Test
    void each_row_shows_the_rule_that_matched_it() {
        List<String> lines = rowLines(new TerminalSummary(false).render(namedRows("Agent performance")));
        assertThat(lines.get(0)).contains("PLANNED     name      ");
    }

    @Test
    void a_dry_run_states_the_batches_the_real_run_will_send() {
        RebindReport report = namedRows("A", "B");
        RebindReport large = new RebindReport(report.runId(), report.environment(), report.kind(), report.features(),
                report.workspaces(), report.startedAt(), report.finishedAt(), true, WriteMode.ATOMIC,
                new WriteBatches(WriteMode.ATOMIC, 4200, 1000), report.rows());
        assertThat(new TerminalSummary(false).render(large))
                .contains("writes planned: 4,200 writes in 5 atomic changesets of at most 1,000 (each all or nothing on its own)");
    }
}
