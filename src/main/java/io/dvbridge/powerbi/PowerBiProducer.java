package io.dvbridge.powerbi;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.DefaultProducer;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** Adapts a message to one {@link PowerBiClient} call; the body becomes the list it returns. */
final class PowerBiProducer extends DefaultProducer {

    private final PowerBiEndpoint endpoint;
    private final PowerBiConfiguration configuration;
    private final ConcurrentMap<String, PowerBiClient> clients = new ConcurrentHashMap<>();

    PowerBiProducer(PowerBiEndpoint endpoint) {
        super(endpoint);
        this.endpoint = endpoint;
        this.configuration = endpoint.getConfiguration();
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        // Resolving here makes an unknown environment option fail when the route starts, not on the first message.
        configuration.configuredEnvironment().ifPresent(this::client);
    }

    private PowerBiClient client(String environment) {
        return clients.computeIfAbsent(environment, endpoint::client);
    }

    /** The header's environment, else the option's: a configured name, never a URL (the component resolves it). */
    private String environment(Message in) {
        return configuration.environmentFor(Optional.ofNullable(in.getHeader(PowerBiConstants.ENVIRONMENT, String.class)))
                .orElseThrow(() -> new IllegalArgumentException("powerbi:" + endpoint.getOperation()
                        + " needs an environment: header " + PowerBiConstants.ENVIRONMENT + " or option environment"));
    }

    @Override
    public void process(Exchange exchange) {
        Message in = exchange.getMessage();
        PowerBiClient client = client(environment(in));
        switch (endpoint.getOperation()) {
            case groups -> in.setBody(client.groups(Optional.ofNullable(configuration.getFilter()).filter(f -> !f.isBlank()),
                    configuration.getTop()));
            case reports -> in.setBody(client.reports(workspaceId(in)));
            case datasets -> in.setBody(client.datasets(workspaceId(in)));
            case pipelineArtifacts -> in.setBody(client.pipelineArtifacts(pipelineId(in), stageOrder(in)));
        }
    }

    private String workspaceId(Message in) {
        return header(in, PowerBiConstants.WORKSPACE_ID).or(() -> nonBlank(configuration.getWorkspaceId()))
                .orElseThrow(() -> new IllegalArgumentException("powerbi:" + endpoint.getOperation()
                        + " needs a workspace: option workspaceId or header " + PowerBiConstants.WORKSPACE_ID));
    }

    private String pipelineId(Message in) {
        return header(in, PowerBiConstants.PIPELINE_ID).or(() -> nonBlank(configuration.getPipelineId()))
                .orElseThrow(() -> new IllegalArgumentException("powerbi:pipelineArtifacts needs a pipeline: option pipelineId"
                        + " or header " + PowerBiConstants.PIPELINE_ID));
    }

    private int stageOrder(Message in) {
        Integer fromHeader = in.getHeader(PowerBiConstants.STAGE_ORDER, Integer.class);
        return fromHeader != null ? fromHeader : configuration.getStageOrder();
    }

    private static Optional<String> header(Message in, String name) {
        return nonBlank(in.getHeader(name, String.class));
    }

    private static Optional<String> nonBlank(String text) {
        return Optional.ofNullable(text).filter(t -> !t.isBlank());
    }
}
