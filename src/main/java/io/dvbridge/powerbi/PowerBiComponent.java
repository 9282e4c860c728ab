package io.dvbridge.powerbi;

import io.dvbridge.config.DvEnvironment;
import io.dvbridge.config.Environments;
import io.dvbridge.http.EnvironmentHttpClients;
import io.dvbridge.http.EnvironmentLookup;
import io.dvbridge.http.RetryPolicy;
import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;

import java.time.Duration;
import java.util.Map;

/** The {@code powerbi:} component. Owns one pooled HTTP client per environment. */
@org.apache.camel.spi.annotations.Component("powerbi")
public final class PowerBiComponent extends DefaultComponent {

    @Metadata(autowired = true, description = "The configured environments; found in the registry when not set.")
    private Environments environments;

    @Metadata(defaultValue = "30s", javaType = "java.time.Duration",
            description = "TCP connect timeout of each environment's HTTP client.")
    private Duration connectTimeout = Duration.ofSeconds(30);

    private volatile EnvironmentHttpClients httpClients;

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
        if (environments == null) {
            environments = EnvironmentLookup.find(getCamelContext(), "powerbi");
        }
        DvEnvironment environment = environments.environment(environmentName);
        return new PowerBiClient(environment, httpClients().clientFor(environment), policy);
    }

    private EnvironmentHttpClients httpClients() {
        if (httpClients == null) {
            synchronized (this) {
                if (httpClients == null) {
                    httpClients = new EnvironmentHttpClients(connectTimeout);
                }
            }
        }
        return httpClients;
    }

    public Environments getEnvironments() {
        return environments;
    }

    public void setEnvironments(Environments environments) {
        this.environments = environments;
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = connectTimeout;
    }
}
