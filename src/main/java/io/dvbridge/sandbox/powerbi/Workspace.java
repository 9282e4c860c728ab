package io.dvbridge.sandbox.powerbi;

import java.util.List;
import java.util.Optional;

/**
 * A Power BI workspace (a "group" in the REST API).
 *
 * @param members    client ids of the service principals that are members; empty means every app
 * @param capacityId the Premium/Fabric capacity it runs on, if any
 */
public record Workspace(String id, String name, List<String> members, Optional<String> capacityId) {

    public Workspace {
        members = List.copyOf(members);
    }

    /** Whether an app may see this workspace (the live API hides workspaces an app is not a member of). */
    public boolean admits(String appId) {
        return members.isEmpty() || members.stream().anyMatch(m -> m.equalsIgnoreCase(appId));
    }
}
