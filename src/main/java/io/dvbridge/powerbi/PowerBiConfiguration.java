package io.dvbridge.powerbi;

import io.dvbridge.http.EnvironmentOptions;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

/**
 * The options of a {@code powerbi:} endpoint. The component holds one instance whose values are the
 * defaults (e.g. {@code camel.component.powerbi.environment=prod}) and gives every endpoint a copy.
 */
@UriParams
public final class PowerBiConfiguration extends EnvironmentOptions {

    @UriParam(description = "reports, datasets: the workspace (group) id. The CamelPowerBiWorkspaceId header overrides it.")
    private String workspaceId;

    @UriParam(label = "groups", description = "groups: OData $filter, e.g. name eq 'Sales'.")
    private String filter;

    @UriParam(label = "groups", defaultValue = "0", description = "groups: $top; 0 sends none.")
    private int top;

    @UriParam(label = "pipelineArtifacts", description = "pipelineArtifacts: the deployment pipeline id."
            + " The CamelPowerBiPipelineId header overrides it.")
    private String pipelineId;

    @UriParam(label = "pipelineArtifacts", defaultValue = "0",
            description = "pipelineArtifacts: the stage, 0 development, 1 test, 2 production."
                    + " The CamelPowerBiStageOrder header overrides it.")
    private int stageOrder;

    public PowerBiConfiguration copy() {
        return (PowerBiConfiguration) copyOptions();
    }

    public String getWorkspaceId() {
        return workspaceId;
    }

    public void setWorkspaceId(String workspaceId) {
        this.workspaceId = workspaceId;
    }

    public String getFilter() {
        return filter;
    }

    public void setFilter(String filter) {
        this.filter = filter;
    }

    public int getTop() {
        return top;
    }

    public void setTop(int top) {
        this.top = top;
    }

    public String getPipelineId() {
        return pipelineId;
    }

    public void setPipelineId(String pipelineId) {
        this.pipelineId = pipelineId;
    }

    public int getStageOrder() {
        return stageOrder;
    }

    public void setStageOrder(int stageOrder) {
        this.stageOrder = stageOrder;
    }
}
