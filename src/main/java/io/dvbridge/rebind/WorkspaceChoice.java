package io.dvbridge.rebind;

/**
 * The target workspace chosen for one feature.
 *
 * @param feature        the feature whose reports move to this workspace
 * @param workspaceId    Power BI workspace (group) id
 * @param name           {@code msdyn_name} of the workspace row; null when empty
 * @param workspaceRowId {@code msdyn_dataanalyticsworkspaceid} of the row it came from
 * @param basis          why this one
 */
public record WorkspaceChoice(Feature feature, String workspaceId, String name, String workspaceRowId, Basis basis) {

    public enum Basis {
        /** The only customer-owned workspace configured for the feature. */
        ONLY_CANDIDATE,
        /** Named by the user ({@code --workspace}). */
        EXPLICIT
    }

    public WorkspaceChoice {
        if (feature == null || basis == null) {
            throw new IllegalArgumentException("feature and basis are required");
        }
        workspaceId = Ids.required(workspaceId, "workspace id");
        workspaceRowId = Ids.clean(workspaceRowId);
    }
}
