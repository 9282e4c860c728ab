package io.dvbridge.powerbi;

import io.dvbridge.config.DvEnvironment;
import io.dvbridge.http.EnvironmentComponent;
import io.dvbridge.http.RetryPolicy;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;

import java.util.Arrays;
import java.util.Map;

/** The {@code powerbi:} component. Owns one pooled HTTP client per environment. */
@org.apache.camel.spi.annotations.Component("powerbi")
public final class PowerBiComponent extends EnvironmentComponent {

    @Metadata(description = "Defaults for every endpoint's options; an endpoint's URI options override them.")
    private PowerBiConfiguration configuration = new PowerBiConfiguration();

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        PowerBiOperation operation;
        try {
            operation = PowerBiOperation.valueOf(remaining);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Unknown powerbi operation '" + remaining + "' in " + uri
                    + "; use one of " + Arrays.toString(PowerBiOperation.values()), e);
        }
        PowerBiEndpoint endpoint = new PowerBiEndpoint(uri, this, operation, configuration.copy());
        setProperties(endpoint, parameters);
        return endpoint;
    }

    PowerBiClient client(String environmentName, RetryPolicy policy) {
        DvEnvironment environment = environment(environmentName, "powerbi");
        return new PowerBiClient(environment, httpClient(environment), policy, metrics());
    }

    public PowerBiConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(PowerBiConfiguration configuration) {
        this.configuration = configuration;
    }
}
