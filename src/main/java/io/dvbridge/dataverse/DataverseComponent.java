package io.dvbridge.dataverse;

import io.dvbridge.config.DvEnvironment;
import io.dvbridge.http.EnvironmentComponent;
import io.dvbridge.http.RetryPolicy;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.util.PropertiesHelper;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The {@code dataverse:} component. Owns one pooled HTTP client and one metadata cache per environment;
 * endpoints differ only in what they ask for.
 */
@org.apache.camel.spi.annotations.Component("dataverse")
public final class DataverseComponent extends EnvironmentComponent {

    @Metadata(description = "Defaults for every endpoint's options; an endpoint's URI options override them.")
    private DataverseConfiguration configuration = new DataverseConfiguration();

    private final ConcurrentMap<String, ConcurrentMap<String, EntityMetadata>> metadataCaches = new ConcurrentHashMap<>();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        String[] segments = remaining.split("/", 2);
        DataverseOperation operation;
        try {
            operation = DataverseOperation.valueOf(segments[0]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown dataverse operation '" + segments[0] + "' in " + uri
                    + "; use one of " + Arrays.toString(DataverseOperation.values()), e);
        }
        String target = segments.length > 1 ? segments[1] : "";
        if (operation.needsTarget() && target.isEmpty()) {
            throw new IllegalArgumentException("dataverse:" + operation + " needs a target: dataverse:" + operation
                    + (operation == DataverseOperation.metadata ? "/<logicalName>" : "/<entitySet>"));
        }
        DataverseConfiguration endpointConfiguration = configuration.copy();
        Map<String, Object> filterParameters = PropertiesHelper.extractProperties(parameters, "parameters.");
        if (!filterParameters.isEmpty()) {
            endpointConfiguration.setParameters(filterParameters);
        }
        DataverseEndpoint endpoint = new DataverseEndpoint(uri, this, operation, target, endpointConfiguration);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    DataverseClient client(String environmentName, RetryPolicy policy) {
        DvEnvironment environment = environment(environmentName, "dataverse");
        ConcurrentMap<String, EntityMetadata> cache = metadataCaches.computeIfAbsent(environmentName, n -> new ConcurrentHashMap<>());
        return new DataverseClient(environment, httpClient(environment), policy, cache, metrics());
    }

    public DataverseConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DataverseConfiguration configuration) {
        this.configuration = configuration;
    }
}
