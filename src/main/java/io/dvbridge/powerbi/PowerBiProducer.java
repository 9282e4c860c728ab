package io.dvbridge.powerbi;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

import java.util.Optional;

/** Adapts a message to one {@link PowerBiClient} call; the body becomes the list it returns. */
final class PowerBiProducer extends DefaultProducer {

    private final PowerBiEndpoint endpoint;
    private PowerBiClient client;

    PowerBiProducer(PowerBiEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        client = endpoint.client();
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        switch (endpoint.getOperation()) {
            case groups -> in.setBody(client.groups(Optional.ofNullable(endpoint.getFilter()).filter(f -> !f.isBlank()),
                    endpoint.getTop()));
            case reports -> in.setBody(client.reports(workspaceId(in)));
            case datasets -> in.setBody(client.datasets(workspaceId(in)));
            case pipelineArtifacts -> {
                if (endpoint.getPipelineId() == null) {
                    throw new IllegalArgumentException("powerbi:pipelineArtifacts needs pipelineId=<id>");
                }
                in.setBody(client.pipelineArtifacts(endpoint.getPipelineId(), endpoint.getStageOrder()));
            }
        }
    }

    private String workspaceId(Message in) {
        return Optional.ofNullable(in.getHeader(PowerBiConstants.WORKSPACE_ID, String.class))
                .or(() -> Optional.ofNullable(endpoint.getWorkspaceId()))
                .orElseThrow(() -> new IllegalArgumentException("powerbi:" + endpoint.getOperation()
                        + " needs a workspace: option workspaceId or header " + PowerBiConstants.WORKSPACE_ID));
    }
}
