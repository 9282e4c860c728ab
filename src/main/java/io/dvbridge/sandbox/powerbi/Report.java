package io.dvbridge.sandbox.powerbi;

import java.time.Instant;
import java.util.Optional;

/**
 * A report in a workspace.
 *
 * @param datasetId          the dataset it is bound to; always empty for paginated reports
 * @param datasetWorkspaceId the workspace holding that dataset (the report's own unless rebound elsewhere)
 * @param sourceReportId     the report in the previous pipeline stage this one was deployed from
 * @param lastDeployment     when a pipeline last deployed it (or when the fixture linked it)
 */
public record Report(String id, String workspaceId, String name, ReportType type, Optional<String> datasetId,
                     Optional<String> datasetWorkspaceId, Optional<String> description,
                     Optional<String> sourceReportId, Optional<Instant> lastDeployment) {

    public Report {
        if (type == ReportType.PAGINATED_REPORT && datasetId.isPresent()) {
            throw new IllegalArgumentException("Paginated report " + id + " cannot be bound to a dataset");
        }
        if (datasetId.isEmpty()) {
            datasetWorkspaceId = Optional.empty();
        }
    }

    Report boundTo(String newDatasetId, String newDatasetWorkspaceId) {
        return new Report(id, workspaceId, name, type, Optional.of(newDatasetId), Optional.of(newDatasetWorkspaceId),
                description, sourceReportId, lastDeployment);
    }
}
