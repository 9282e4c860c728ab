package io.dvbridge.jobs;

/** The terminal lines of an import: counts, the first failures with Dataverse's message, notices. */
final class ImportSummary {

    private static final int SHOWN = 20;

    private ImportSummary() {
    }

    static String render(ImportReport report) {
        var c = report.results();
        StringBuilder out = new StringBuilder();
        out.append(report.dryRun() ? "Dry run (nothing written) of " : "Imported ").append(report.data()).append(" into ")
                .append(report.environment()).append(": ").append(c.created()).append(" created, ").append(c.updated())
                .append(" updated, ").append(c.unchanged()).append(" unchanged, ").append(c.failed()).append(" failed");
        var a = report.associations();
        if (a.total() > 0) {
            out.append("; many-to-many associations: ").append(a.created()).append(report.dryRun() ? " to make, " : " made, ")
                    .append(a.unchanged()).append(" already there, ").append(a.failed()).append(" failed");
        }
        report.failures().stream().limit(SHOWN).forEach(f -> out.append(System.lineSeparator()).append("  FAILED ")
                .append(f.entity()).append(' ').append(f.recordId()).append(": ").append(f.message()));
        if (c.failed() + a.failed() > SHOWN) {
            out.append(System.lineSeparator()).append("  ... ").append(c.failed() + a.failed() - SHOWN).append(" more");
        }
        report.notices().forEach(n -> out.append(System.lineSeparator()).append("  note: ").append(n));
        out.append(System.lineSeparator()).append("Per-record results: ").append(report.resultsFile());
        return out.toString();
    }
}
