package io.dvbridge.rebind;

/** A Power BI report that could be a row's match; listed so a person can decide. name is null when unknown. */
public record ReportCandidate(String reportId, String name) {

    public ReportCandidate {
        reportId = Ids.required(reportId, "candidate report id");
    }

    static ReportCandidate of(PowerBiReport report) {
        return new ReportCandidate(report.id(), report.name());
    }
}
