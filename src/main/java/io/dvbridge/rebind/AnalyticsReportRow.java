package io.dvbridge.rebind;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Optional;

/**
 * One {@code msdyn_dataanalyticsreport} row: a custom report in the Customer Service sitemap and the
 * Power BI ids it points at.
 *
 * @param id          {@code msdyn_dataanalyticsreportid} (required)
 * @param name        {@code msdyn_name}: the report's name in Power BI, used for matching; null when empty
 * @param displayName {@code msdyn_displayname}: what users see in the app; null when empty
 * @param workspaceId {@code msdyn_workspaceid}; null when empty
 * @param reportId    {@code msdyn_reportid}; null when empty
 * @param datasetId   {@code msdyn_datasetid}; null when empty
 * @param featureId   {@code _msdyn_datainsightsandanalyticsfeatureid_value}; null when empty
 * @param etag        {@code @odata.etag} as read (required: every write is conditional on it, never blind)
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnalyticsReportRow(
        @JsonAlias(AnalyticsColumns.REPORT_ID) String id,
        @JsonAlias(AnalyticsColumns.NAME) String name,
        @JsonAlias(AnalyticsColumns.DISPLAY_NAME) String displayName,
        @JsonAlias(AnalyticsColumns.WORKSPACE_ID) String workspaceId,
        @JsonAlias(AnalyticsColumns.POWER_BI_REPORT_ID) String reportId,
        @JsonAlias(AnalyticsColumns.DATASET_ID) String datasetId,
        @JsonAlias(AnalyticsColumns.FEATURE_ID_VALUE) String featureId,
        @JsonAlias(AnalyticsColumns.ETAG) String etag) {

    public AnalyticsReportRow {
        id = Ids.required(id, "msdyn_dataanalyticsreportid");
        // names are kept as stored: exact matching must see them unaltered
        name = name == null || name.isEmpty() ? null : name;
        displayName = displayName == null || displayName.isEmpty() ? null : displayName;
        workspaceId = Ids.clean(workspaceId);
        reportId = Ids.clean(reportId);
        datasetId = Ids.clean(datasetId);
        featureId = Ids.clean(featureId);
        if (etag == null || etag.isBlank()) {
            throw new IllegalArgumentException("msdyn_dataanalyticsreport " + id
                    + " has no @odata.etag; rows must be read with their ETag so that writes can be conditional");
        }
    }

    /** The Power BI ids this row points at now. */
    public ReportBinding binding() {
        return new ReportBinding(workspaceId, reportId, datasetId);
    }

    public Optional<Feature> feature() {
        return Feature.fromFeatureId(featureId);
    }

    public Optional<String> nameIfPresent() {
        return Optional.ofNullable(name);
    }

    /** Name for people: msdyn_name, else the display name, else the row id. */
    public String label() {
        return name != null ? name : displayName != null ? displayName : id;
    }
}
