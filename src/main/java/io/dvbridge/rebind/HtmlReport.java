package io.dvbridge.rebind;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders a {@link RebindReport} as one self-contained HTML page for people who review a run after the
 * fact (a pipeline artifact, a change record). Every value is HTML-escaped: names and messages come
 * from other systems. Full ids are shown, unlike the terminal, because people copy them from here.
 */
public final class HtmlReport {

    private static final List<RebindOutcome> SEVERITY = List.of(RebindOutcome.FAILED, RebindOutcome.ROLLED_BACK,
            RebindOutcome.CONFLICT, RebindOutcome.MISMATCHED, RebindOutcome.AMBIGUOUS, RebindOutcome.UNMATCHED,
            RebindOutcome.UPDATED,
            RebindOutcome.PLANNED, RebindOutcome.UNCHANGED);

    public String render(RebindReport report) {
        StringBuilder html = new StringBuilder(8192);
        String title = (report.kind() == RunKind.UNDO ? "Undo of analytics report rebind" : "Analytics report rebind")
                + (report.dryRun() ? " (dry run)" : "");
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(escape(title)).append(" ").append(escape(report.runId())).append("</title>\n<style>")
                .append("body{font-family:system-ui,sans-serif;margin:2em;color:#222}table{border-collapse:collapse}")
                .append("td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top;font-size:14px}")
                .append("th{background:#f3f3f3}code{font-size:12px}.FAILED,.ROLLED_BACK{background:#fde2e1}")
                .append(".CONFLICT,.MISMATCHED,.AMBIGUOUS,.UNMATCHED{background:#fff4ce}.UPDATED,.PLANNED{background:#e6f4ea}")
                .append("</style></head><body>\n");
        html.append("<h1>").append(escape(title)).append("</h1>\n<table>\n");
        row(html, "Run", report.runId());
        row(html, "Environment", report.environment());
        row(html, "Mode", String.valueOf(report.mode()));
        row(html, report.dryRun() ? "Writes planned" : "Writes", report.batches().description());
        row(html, "Started", String.valueOf(report.startedAt()));
        row(html, "Finished", String.valueOf(report.finishedAt()));
        for (WorkspaceChoice w : report.workspaces()) {
            row(html, "Target " + w.feature(), (w.name() == null ? "" : w.name() + " ") + w.workspaceId());
        }
        row(html, "Exit code", report.exitCode() + ": " + ExitCodes.describe(report.exitCode()));
        html.append("</table>\n<h2>Counts</h2>\n<table><tr>");
        RebindCounts c = report.counts();
        List<Object[]> counts = List.of(new Object[]{"rows", c.total()}, new Object[]{"matched", c.matched()},
                new Object[]{"planned", c.planned()}, new Object[]{"updated", c.updated()},
                new Object[]{"unchanged", c.unchanged()}, new Object[]{"mismatched", c.mismatched()},
                new Object[]{"ambiguous", c.ambiguous()},
                new Object[]{"unmatched", c.unmatched()}, new Object[]{"conflicts", c.conflicts()},
                new Object[]{"failed", c.failed()}, new Object[]{"rolled back", c.rolledBack()});
        counts.forEach(p -> html.append("<th>").append(p[0]).append("</th>"));
        html.append("</tr><tr>");
        counts.forEach(p -> html.append("<td>").append(p[1]).append("</td>"));
        html.append("</tr></table>\n<h2>Rows</h2>\n<table>\n<tr><th>Name</th><th>Outcome</th><th>Matched by</th><th>Batch</th>"
                + "<th>Before (workspace / report / dataset)</th><th>After</th><th>Reason</th></tr>\n");
        report.rows().stream()
                .sorted(Comparator.comparingInt((RowResult r) -> SEVERITY.indexOf(r.outcome()))
                        .thenComparing(r -> r.name() == null ? "" : r.name()))
                .forEach(r -> html.append("<tr class=\"").append(r.outcome()).append("\"><td>").append(escape(r.name()))
                        .append("<br><code>").append(escape(r.rowId())).append("</code></td><td>").append(r.outcome())
                        .append("</td><td>").append(r.matchKind() == null ? "" : r.matchKind()).append("</td><td>")
                        .append(r.batch() == null ? "" : r.batch()).append("</td><td>")
                        .append(binding(r.before())).append("</td><td>").append(binding(r.after())).append("</td><td>")
                        .append(escape(reason(r))).append("</td></tr>\n"));
        html.append("</table>\n</body></html>\n");
        return html.toString();
    }

    private static String reason(RowResult r) {
        String candidates = r.candidates().isEmpty() ? "" : " Candidates: " + r.candidates().stream()
                .map(c -> c.name() + " (" + c.reportId() + ")").collect(Collectors.joining(", "));
        return (r.reason() == null ? "" : r.reason()) + candidates;
    }

    private static String binding(ReportBinding b) {
        if (b == null) {
            return "";
        }
        return "<code>" + escape(b.workspaceId()) + "<br>" + escape(b.reportId()) + "<br>"
                + escape(b.datasetId() == null ? "(no dataset)" : b.datasetId()) + "</code>";
    }

    private static void row(StringBuilder html, String label, String value) {
        html.append("<tr><th>").append(escape(label)).append("</th><td>").append(escape(value)).append("</td></tr>\n");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char ch : text.toCharArray()) {
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
