package io.dvbridge.rebind;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Renders a {@link RebindReport} for a terminal: header, how the writes are batched, counts, then one
 * fixed-width line per row that is not UNCHANGED (worst outcomes first) with the rule that matched it, then
 * the exit code. Colours only when {@code ansi} is true (the CLI passes whether stdout is a TTY). Names and
 * messages come from other systems, so control and bidi characters in them are shown escaped
 * ({@link TerminalText#visible}) and columns are measured in terminal cells, not characters.
 */
public final class TerminalSummary {

    private static final int NAME_WIDTH = 32;
    private static final int OUTCOME_WIDTH = 11;
    private static final int RULE_WIDTH = 9;
    private static final int BINDING_WIDTH = 17;
    private static final List<RebindOutcome> SEVERITY = List.of(RebindOutcome.FAILED, RebindOutcome.ROLLED_BACK,
            RebindOutcome.CONFLICT, RebindOutcome.MISMATCHED, RebindOutcome.AMBIGUOUS, RebindOutcome.UNMATCHED,
            RebindOutcome.UPDATED,
            RebindOutcome.PLANNED, RebindOutcome.UNCHANGED);

    private static final String RESET = "\u001b[0m";
    private static final String BOLD = "\u001b[1m";
    private static final String RED = "\u001b[31m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String CYAN = "\u001b[36m";

    private final boolean ansi;

    public TerminalSummary(boolean ansi) {
        this.ansi = ansi;
    }

    public String render(RebindReport report) {
        StringBuilder out = new StringBuilder();
        String title = (report.kind() == RunKind.UNDO ? "Undo analytics report rebind" : "Rebind analytics reports")
                + (report.dryRun() ? ": DRY RUN, nothing written" : "");
        out.append(style(BOLD, title)).append('\n');
        out.append("run ").append(clean(report.runId())).append("  environment ").append(clean(report.environment()))
                .append("  mode ").append(report.mode()).append('\n');
        out.append("started ").append(report.startedAt()).append("  finished ").append(report.finishedAt()).append('\n');
        for (WorkspaceChoice w : report.workspaces()) {
            out.append(String.format(Locale.ROOT, "target %-10s %s  %s  (%s)%n", w.feature(),
                    w.name() == null ? "(no name)" : clean(w.name()), w.workspaceId(),
                    w.basis() == WorkspaceChoice.Basis.EXPLICIT ? "chosen with --workspace" : "only candidate"));
        }
        out.append(report.dryRun() ? "writes planned: " : "writes: ").append(report.batches().description()).append('\n');
        out.append('\n').append(countsLine(report.counts())).append('\n');

        List<RowResult> shown = report.rows().stream().filter(r -> r.outcome() != RebindOutcome.UNCHANGED)
                .sorted(Comparator.comparingInt((RowResult r) -> SEVERITY.indexOf(r.outcome()))
                        .thenComparing(r -> r.name() == null ? "" : r.name()))
                .toList();
        if (shown.isEmpty()) {
            out.append("\nAll ").append(report.rows().size()).append(" rows already point at the right reports; nothing to do.\n");
        } else {
            out.append('\n').append(style(BOLD, pad("NAME", NAME_WIDTH) + " " + pad("OUTCOME", OUTCOME_WIDTH) + " "
                    + pad("RULE", RULE_WIDTH) + " " + pad("BEFORE rpt/ds", BINDING_WIDTH) + "    "
                    + pad("AFTER rpt/ds", BINDING_WIDTH)
                    + " REASON")).append('\n');
            shown.forEach(r -> out.append(line(r)).append('\n'));
        }
        int code = report.exitCode();
        out.append('\n').append(style(code == ExitCodes.SUCCESS ? GREEN : code == ExitCodes.FAILED ? RED : YELLOW,
                "exit code " + code + ": " + ExitCodes.describe(code))).append('\n');
        return out.toString();
    }

    private static String countsLine(RebindCounts c) {
        return "rows " + c.total() + "  matched " + c.matched() + "  planned " + c.planned() + "  updated " + c.updated()
                + "  unchanged " + c.unchanged() + "  mismatched " + c.mismatched() + "  ambiguous " + c.ambiguous()
                + "  unmatched " + c.unmatched()
                + "  conflicts " + c.conflicts() + "  failed " + c.failed() + "  rolled back " + c.rolledBack();
    }

    private String line(RowResult row) {
        String before = row.before() == null ? "-" : row.before().shortForm();
        String after = row.after() == null ? "-" : row.after().shortForm();
        String arrow = row.after() == null ? "    " : " -> ";
        String reason = row.reason() == null ? "" : clean(row.reason());
        if (!row.candidates().isEmpty()) {
            reason += (reason.isEmpty() ? "" : "; ") + "candidates: " + row.candidates().stream()
                    .map(c -> c.reportId() + (c.name() == null ? "" : " '" + clean(c.name()) + "'"))
                    .collect(Collectors.joining(", "));
        }
        return pad(TerminalText.truncate(clean(row.name() == null ? row.rowId() : row.name()), NAME_WIDTH), NAME_WIDTH) + " "
                + style(colour(row.outcome()), pad(row.outcome().name(), OUTCOME_WIDTH)) + " "
                + pad(rule(row.matchKind()), RULE_WIDTH) + " " + pad(before, BINDING_WIDTH) + arrow
                + pad(after, BINDING_WIDTH) + " " + reason;
    }

    private static String colour(RebindOutcome outcome) {
        return switch (outcome) {
            case FAILED, ROLLED_BACK -> RED;
            case CONFLICT, MISMATCHED, AMBIGUOUS, UNMATCHED -> YELLOW;
            case UPDATED -> GREEN;
            case PLANNED, UNCHANGED -> CYAN;
        };
    }

    /** The matching rule in one word: "name~" is the name ignoring case, spacing and Unicode form. */
    private static String rule(MatchKind kind) {
        if (kind == null) {
            return "-";
        }
        return switch (kind) {
            case REPORT_ID -> "report id";
            case PIPELINE -> "pipeline";
            case EXACT_NAME -> "name";
            case NORMALISED_NAME -> "name~";
            case JOURNAL -> "journal";
        };
    }

    private String style(String code, String text) {
        return ansi ? code + text + RESET : text;
    }

    private static String clean(String text) {
        return TerminalText.visible(text);
    }

    private static String pad(String text, int width) {
        return TerminalText.pad(text, width);
    }
}
