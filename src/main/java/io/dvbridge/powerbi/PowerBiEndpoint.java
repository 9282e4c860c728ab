package io.dvbridge.powerbi;

import io.dvbridge.http.ResilienceOptions;
import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/** {@code powerbi:operation?environment=name&options}: read workspaces, reports, datasets and pipeline stages. */
@UriEndpoint(firstVersion = "0.1.0", scheme = "powerbi", title = "Power BI", syntax = "powerbi:operation",
        producerOnly = true, category = {Category.CLOUD, Category.API}, headersClass = PowerBiConstants.class)
public final class PowerBiEndpoint extends DefaultEndpoint {

    @UriPath(description = "What to list: groups, reports, datasets or pipelineArtifacts.")
    @Metadata(required = true)
    private final PowerBiOperation operation;

    @UriParam(description = "Name of the configured environment to call. Never a URL.")
    @Metadata(required = true)
    private String environment;

    @UriParam(description = "reports, datasets: the workspace (group) id. The PowerBiWorkspaceId header overrides it.")
    private String workspaceId;

    @UriParam(label = "groups", description = "groups: OData $filter, e.g. name eq 'Sales'.")
    private String filter;

    @UriParam(label = "groups", defaultValue = "0", description = "groups: $top; 0 sends none.")
    private int top;

    @UriParam(label = "pipelineArtifacts", description = "pipelineArtifacts: the deployment pipeline id.")
    private String pipelineId;

    @UriParam(label = "pipelineArtifacts", defaultValue = "0",
            description = "pipelineArtifacts: the stage, 0 development, 1 test, 2 production.")
    private int stageOrder;

    @UriParam(label = "advanced")
    private ResilienceOptions resilience = new ResilienceOptions();

    PowerBiEndpoint(String uri, PowerBiComponent component, PowerBiOperation operation) {
        super(uri, component);
        this.operation = operation;
    }

    @Override
    public Producer createProducer() {
        return new PowerBiProducer(this);
    }

    @Override
    public Consumer createConsumer(Processor processor) {
        throw new UnsupportedOperationException("powerbi: endpoints are producers only (use them in to/enrich)");
    }

    @Override
    public PowerBiComponent getComponent() {
        return (PowerBiComponent) super.getComponent();
    }

    PowerBiClient client() {
        return getComponent().client(environment, resilience.toPolicy());
    }

    public PowerBiOperation getOperation() {
        return operation;
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
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

    public ResilienceOptions getResilience() {
        return resilience;
    }
}
