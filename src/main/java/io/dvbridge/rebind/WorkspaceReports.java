package io.dvbridge.rebind;

import java.util.List;

/** The Power BI reports listed in one workspace (an empty list when the workspace has none). */
public record WorkspaceReports(String workspaceId, List<PowerBiReport> reports) {

    public WorkspaceReports {
        workspaceId = Ids.required(workspaceId, "workspace id");
        reports = Ids.list(reports);
    }
}
