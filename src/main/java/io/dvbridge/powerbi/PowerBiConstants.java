package io.dvbridge.powerbi;

import org.apache.camel.spi.Metadata;

/** Message headers the {@code powerbi:} component reads. */
public final class PowerBiConstants {

    @Metadata(description = "Workspace (group) id for reports and datasets; overrides the workspaceId option.",
            javaType = "String")
    public static final String WORKSPACE_ID = "PowerBiWorkspaceId";

    private PowerBiConstants() {
    }
}
