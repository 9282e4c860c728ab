package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.dvbridge.store.RunStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every table of an export run: mode, rows upserted, deleted and failed, duration, reconciliation. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TableExportReport(String runId, String environment, String target, boolean dryRun, List<TableExportResult> tables,
                                List<String> warnings, Instant startedAt, Instant finishedAt) implements JobReport, TerminalView {

    public TableExportReport {
        tables = List.copyOf(tables);
        warnings = List.copyOf(warnings);
    }

    @Override
    public String job() {
        return "export";
    }

    @Override
    public List<String> environments() {
        return List.of(environment);
    }

    @Override
    public RunStatus status() {
        if (tables.stream().anyMatch(t -> !t.succeeded())) {
            return RunStatus.FAILED;
        }
        return tables.stream().anyMatch(TableExportResult::needsAttention) ? RunStatus.NEEDS_ATTENTION : RunStatus.SUCCEEDED;
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("tables", (long) tables.size());
        counts.put("upserted", tables.stream().mapToLong(TableExportResult::upserted).sum());
        counts.put("deleted", tables.stream().mapToLong(TableExportResult::deleted).sum());
        counts.put("failed", tables.stream().mapToLong(TableExportResult::failed).sum());
        counts.put("unreconciled", tables.stream().filter(t -> !t.reconciliation().matches()).count());
        return counts;
    }

    @Override
    public String summary() {
        return render(false);
    }

    @Override
    public String render(boolean color) {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder();
        out.append(dryRun ? "Dry run of the export of " : "Export of ").append(environment).append(" into ").append(target).append(": ")
                .append(switch (status()) {
                    case SUCCEEDED -> paint(color, "32", dryRun ? "nothing written" : "every table exported and reconciled");
                    case NEEDS_ATTENTION -> paint(color, "33", "exported; some records failed or a table does not reconcile");
                    default -> paint(color, "31", "some tables could not be exported");
                });
        warnings.forEach(w -> out.append(nl).append("  warning: ").append(w));
        int width = Math.max(5, tables.stream().mapToInt(t -> t.table().length()).max().orElse(5));
        out.append(nl).append(String.format(Locale.ROOT, "  %-" + width + "s  %-11s %10s %8s %7s %9s  %s", "table", "mode", "upserted",
                "deleted", "failed", "seconds", "reconciliation"));
        for (TableExportResult t : tables) {
            out.append(nl).append(String.format(Locale.ROOT, "  %-" + width + "s  %-11s %,10d %,8d %,7d %9.1f  %s", t.table(), t.mode(),
                    t.upserted(), t.deleted(), t.failed(), t.durationMillis() / 1000.0, reconciliation(t, color)));
            t.notes().forEach(n -> out.append(nl).append("      ").append(n));
            if (!t.error().isEmpty()) {
                out.append(nl).append("      ").append(paint(color, "31", "failed: " + t.error()));
            }
            if (dryRun) {
                out.append(nl).append("      columns: ").append(String.join(", ", t.columns()));
                t.ddl().forEach(d -> out.append(nl).append("      ").append(d).append(';'));
            }
        }
        return out.toString();
    }

    private static String reconciliation(TableExportResult t, boolean color) {
        TableExportResult.Reconciliation r = t.reconciliation();
        if (!t.error().isEmpty()) {
            return "-";
        }
        if (t.mode().equals("dry-run")) {
            return String.format(Locale.ROOT, "source %,d row(s)", r.sourceCount());
        }
        String counts = r.sourceRead() ? String.format(Locale.ROOT, "source %,d / sink %,d", r.sourceCount(), r.sinkCount())
                : String.format(Locale.ROOT, "sink %,d (source not read in full)", r.sinkCount());
        String repaired = r.repairedDeleted() > 0 ? String.format(Locale.ROOT, ", %,d deleted by key", r.repairedDeleted()) : "";
        String missing = r.missing() > 0 ? String.format(Locale.ROOT, ", %,d missing or older", r.missing()) : "";
        if (!r.sourceRead()) {
            return counts + repaired;
        }
        return (r.matches() ? paint(color, "32", "match") : paint(color, "31", "MISMATCH")) + " (" + counts
                + (r.sourceChecksum().isEmpty() ? "" : ", checksum " + r.sinkChecksum()) + repaired + missing + ")";
    }

    private static String paint(boolean color, String code, String text) {
        return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    @Override
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("report", RunFiles.REPORT);
        if (tables.stream().anyMatch(t -> t.failed() > 0)) {
            files.put("failures", FAILURES_FILE);
        }
        return files;
    }

    /** The run's failure log, one JSON object per line in the Data Export Service's fields. */
    public static final String FAILURES_FILE = "failures.jsonl";
}
