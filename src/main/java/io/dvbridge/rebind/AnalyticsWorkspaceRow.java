package io.dvbridge.rebind;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import java.util.Optional;

/**
 * One {@code msdyn_dataanalyticsworkspace} row: a Power BI workspace configured for a feature.
 *
 * @param id            {@code msdyn_dataanalyticsworkspaceid} (required)
 * @param workspaceId   {@code msdyn_workspaceid}, the Power BI workspace (group) id; null when the row has none
 * @param name          {@code msdyn_name}; null when empty
 * @param workspaceType {@code msdyn_workspacetype} option value, see {@link WorkspaceType}; 0 when the column is
 *                      empty. Only Managed is excluded from targets: an empty or unknown type still is a candidate
 * @param featureId     {@code _msdyn_datainsightsandanalyticsfeatureid_value}; null when the lookup is empty
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AnalyticsWorkspaceRow(
        @JsonAlias(AnalyticsColumns.WORKSPACE_ROW_ID) String id,
        @JsonAlias(AnalyticsColumns.WORKSPACE_ID) String workspaceId,
        @JsonAlias(AnalyticsColumns.NAME) String name,
        @JsonAlias(AnalyticsColumns.WORKSPACE_TYPE) int workspaceType,
        @JsonAlias(AnalyticsColumns.FEATURE_ID_VALUE) String featureId) {

    public AnalyticsWorkspaceRow {
        id = Ids.required(id, "msdyn_dataanalyticsworkspaceid");
        workspaceId = Ids.clean(workspaceId);
        name = name == null || name.isBlank() ? null : name;
        featureId = Ids.clean(featureId);
    }

    public Optional<WorkspaceType> type() {
        return WorkspaceType.fromOptionValue(workspaceType);
    }

    /** Managed workspaces hold Microsoft's out-of-box reports and are never a rebind target. */
    public boolean managed() {
        return workspaceType == WorkspaceType.MANAGED.optionValue();
    }

    public Optional<Feature> feature() {
        return Feature.fromFeatureId(featureId);
    }

    /** "name (id ..., type)" for messages. */
    String describe() {
        return (name == null ? "(no name)" : "'" + name + "'") + " (workspace id "
                + (workspaceId == null ? "none" : workspaceId) + ", " + WorkspaceType.describe(workspaceType) + ")";
    }
}
