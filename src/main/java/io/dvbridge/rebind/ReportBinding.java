package io.dvbridge.rebind;

import java.util.Optional;

/**
 * The three Power BI ids an analytics report row holds. Any of them may be null (absent) in a row that
 * was never bound or that points at a paginated report.
 */
public record ReportBinding(String workspaceId, String reportId, String datasetId) {

    public ReportBinding {
        workspaceId = Ids.clean(workspaceId);
        reportId = Ids.clean(reportId);
        datasetId = Ids.clean(datasetId);
    }

    /** Same ids, ignoring case (GUIDs); this decides whether a row needs a write. */
    public boolean sameAs(ReportBinding other) {
        return other != null && Ids.same(workspaceId, other.workspaceId) && Ids.same(reportId, other.reportId)
                && Ids.same(datasetId, other.datasetId);
    }

    public Optional<String> datasetIdIfPresent() {
        return Optional.ofNullable(datasetId);
    }

    /** "report/dataset" with short ids, for tables. */
    public String shortForm() {
        return Ids.shortId(reportId) + "/" + Ids.shortId(datasetId);
    }
}
