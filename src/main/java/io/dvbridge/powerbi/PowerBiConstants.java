package io.dvbridge.powerbi;

import org.apache.camel.spi.Metadata;

/** Message headers the {@code powerbi:} component reads. */
public final class PowerBiConstants {

    @Metadata(description = "Name of the configured environment to call; overrides the environment option, so one"
            + " static endpoint serves every environment. Never a URL: an unknown name fails naming the configured ones.",
            javaType = "String")
    public static final String ENVIRONMENT = "CamelPowerBiEnvironment";

    @Metadata(description = "Workspace (group) id for reports and datasets; overrides the workspaceId option.",
            javaType = "String")
    public static final String WORKSPACE_ID = "CamelPowerBiWorkspaceId";

    @Metadata(description = "Deployment pipeline id for pipelineArtifacts; overrides the pipelineId option.",
            javaType = "String")
    public static final String PIPELINE_ID = "CamelPowerBiPipelineId";

    @Metadata(description = "Pipeline stage for pipelineArtifacts (0 development, 1 test, 2 production); overrides the"
            + " stageOrder option.", javaType = "Integer")
    public static final String STAGE_ORDER = "CamelPowerBiStageOrder";

    private PowerBiConstants() {
    }
}
