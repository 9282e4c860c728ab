package io.dvbridge.rebind;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Optional;

/**
 * A report as listed by {@code GET /groups/{groupId}/reports} in the target workspace.
 *
 * @param id         report id (required)
 * @param name       report name; null when empty
 * @param datasetId  null for paginated reports, which have no dataset
 * @param reportType {@code PowerBIReport} or {@code PaginatedReport}; null when not given
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PowerBiReport(String id, String name, String datasetId, String reportType) {

    public static final String PAGINATED = "PaginatedReport";

    public PowerBiReport {
        id = Ids.required(id, "Power BI report id");
        name = name == null || name.isEmpty() ? null : name;
        datasetId = Ids.clean(datasetId);
        reportType = reportType == null || reportType.isBlank() ? null : reportType.strip();
    }

    public Optional<String> datasetIdIfPresent() {
        return Optional.ofNullable(datasetId);
    }

    public boolean paginated() {
        return PAGINATED.equalsIgnoreCase(reportType);
    }
}
