package io.dvbridge.powerbi;

import io.dvbridge.config.DvEnvironment;
import io.dvbridge.http.EnvironmentComponent;
import io.dvbridge.http.RetryPolicy;
import org.apache.camel.Endpoint;

import java.util.Map;

/** The {@code powerbi:} component. Owns one pooled HTTP client per environment. */
@org.apache.camel.spi.annotations.Component("powerbi")
public final class PowerBiComponent extends EnvironmentComponent {

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PowerBiOperation operation;
        try {
            operation = PowerBiOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown powerbi operation '" + remaining + "' in " + uri
                    + "; use one of " + java.util.Arrays.toString(PowerBiOperation.values()), e);
        }
        PowerBiEndpoint endpoint = new PowerBiEndpoint(uri, this, operation);
        setProperties(endpoint.getResilience(), parameters);
        setProperties(endpoint, parameters);
        if (endpoint.getEnvironment() == null || endpoint.getEnvironment().isBlank()) {
            throw new IllegalArgumentException("powerbi endpoint " + uri + " needs environment=<name>");
        }
        return endpoint;
    }

    PowerBiClient client(String environmentName, RetryPolicy policy) {
        DvEnvironment environment = environment(environmentName, "powerbi");
        return new PowerBiClient(environment, httpClient(environment), policy);
    }
}
