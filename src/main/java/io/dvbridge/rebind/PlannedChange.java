package io.dvbridge.rebind;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row write the plan asks for: set the row's ids from {@code before} to {@code after}, on condition
 * that the row still has {@code etag} ({@code If-Match}; a 412 means it changed meanwhile: CONFLICT).
 *
 * @param rowId     {@code msdyn_dataanalyticsreportid}
 * @param name      the row's label ({@link AnalyticsReportRow#label()})
 * @param feature   the row's feature; null when unknown (undo of a row whose feature lookup is empty)
 * @param before    the ids the row holds now
 * @param after     the ids to write; {@code after.datasetId} is null for a paginated report (it has no dataset)
 * @param etag      the row's {@code @odata.etag} when read
 * @param matchKind how the target report was found
 */
public record PlannedChange(String rowId, String name, Feature feature, ReportBinding before, ReportBinding after,
                            String etag, MatchKind matchKind) {

    public PlannedChange {
        rowId = Ids.required(rowId, "row id");
        if (before == null || after == null || matchKind == null) {
            throw new IllegalArgumentException("before, after and matchKind are required for row " + rowId);
        }
        if (etag == null || etag.isBlank()) {
            throw new IllegalArgumentException("row " + rowId + " has no ETag; writes must be conditional");
        }
        if (before.sameAs(after)) {
            throw new IllegalArgumentException("row " + rowId + " already holds " + after + "; nothing to write");
        }
    }

    /**
     * The columns whose value changes, by Dataverse column name, in a stable order: the body of the
     * row's PATCH. A value is null when the column must be cleared (paginated report: no dataset).
     */
    public Map<String, Object> changedColumns() {
        Map<String, Object> columns = new LinkedHashMap<>();
        if (!Ids.same(before.workspaceId(), after.workspaceId())) {
            columns.put(AnalyticsColumns.WORKSPACE_ID, after.workspaceId());
        }
        if (!Ids.same(before.reportId(), after.reportId())) {
            columns.put(AnalyticsColumns.POWER_BI_REPORT_ID, after.reportId());
        }
        if (!Ids.same(before.datasetId(), after.datasetId())) {
            columns.put(AnalyticsColumns.DATASET_ID, after.datasetId());
        }
        return Collections.unmodifiableMap(columns);
    }
}
