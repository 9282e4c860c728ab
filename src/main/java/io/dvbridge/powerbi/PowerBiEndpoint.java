package io.dvbridge.powerbi;

import org.apache.camel.Category;
import org.apache.camel.Consumer;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriEndpoint;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriPath;
import org.apache.camel.support.DefaultEndpoint;

/**
 * Reads workspaces, reports, datasets and deployment pipeline stages of one Power BI environment, named by the
 * environment option or the CamelPowerBiEnvironment header. (This comment is the catalog's description: plain text only.)
 */
@UriEndpoint(firstVersion = "0.1.0", scheme = "powerbi", title = "Power BI", syntax = "powerbi:operation",
        producerOnly = true, category = {Category.CLOUD, Category.API}, headersClass = PowerBiConstants.class)
public final class PowerBiEndpoint extends DefaultEndpoint {

    @UriPath(description = "What to list: groups, reports, datasets or pipelineArtifacts.")
    @Metadata(required = true)
    private final PowerBiOperation operation;

    @UriParam
    private final PowerBiConfiguration configuration;

    PowerBiEndpoint(String uri, PowerBiComponent component, PowerBiOperation operation, PowerBiConfiguration configuration) {
        super(uri, component);
        this.operation = operation;
        this.configuration = configuration;
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

    PowerBiClient client(String environment) {
        return getComponent().client(environment, configuration.toPolicy());
    }

    public PowerBiOperation getOperation() {
        return operation;
    }

    public PowerBiConfiguration getConfiguration() {
        return configuration;
    }
}
