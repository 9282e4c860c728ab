package io.dvbridge.http;

import io.dvbridge.config.DvEnvironment;
import io.dvbridge.config.Environments;
import io.dvbridge.metrics.DvMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.spi.Metadata;
import org.apache.camel.support.DefaultComponent;

import java.net.http.HttpClient;
import java.time.Duration;

/**
 * What the {@code dataverse:} and {@code powerbi:} components share: they reach named environments
 * (never URLs) and own one pooled HTTP client per environment.
 */
public abstract class EnvironmentComponent extends DefaultComponent {

    @Metadata(autowired = true, description = "The configured environments; found in the registry when not set.")
    private Environments environments;

    @Metadata(defaultValue = "30s", javaType = "java.time.Duration",
            description = "TCP connect timeout of each environment's HTTP client.")
    private Duration connectTimeout = Duration.ofSeconds(30);

    private volatile EnvironmentHttpClients httpClients;

    /** The configured environment of that name (failing with the names that do exist). */
    protected DvEnvironment environment(String name, String component) {
        if (environments == null) {
            environments = EnvironmentLookup.find(getCamelContext(), component);
        }
        return environments.environment(name);
    }

    /**
     * dvbridge's meters in the context's Micrometer registry (bound as {@code metricsRegistry}, the name camel-micrometer
     * uses), or none when the context has no registry.
     */
    protected DvMetrics metrics() {
        MeterRegistry registry = getCamelContext().getRegistry().lookupByNameAndType("metricsRegistry", MeterRegistry.class);
        return registry == null ? DvMetrics.none() : new DvMetrics(registry);
    }

    /** The environment's pooled client, built on first use with its TLS context. */
    protected HttpClient httpClient(DvEnvironment environment) {
        if (httpClients == null) {
            synchronized (this) {
                if (httpClients == null) {
                    httpClients = new EnvironmentHttpClients(connectTimeout);
                }
            }
        }
        return httpClients.clientFor(environment);
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
