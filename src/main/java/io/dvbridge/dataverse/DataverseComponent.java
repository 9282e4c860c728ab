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

    @Metadata(defaultValue = "52", description = "The most requests one application user of one environment may have in"
            + " flight, over every endpoint and route thread (Dataverse refuses more than 52 per user). Within it the"
            + " component adapts: it starts from the x-ms-dop-hint header of the first answer, halves on a 429 and waits"
            + " its Retry-After, and grows by one after a run of good answers.")
    private int maxConcurrency = io.dvbridge.http.AdaptiveConcurrencyLimiter.SERVICE_MAXIMUM;

    private final ConcurrentMap<String, ConcurrentMap<String, EntityMetadata>> metadataCaches = new ConcurrentHashMap<>();
    /** One limiter per application user of an organization: every client of that user shares it. */
    private final ConcurrentMap<String, io.dvbridge.http.AdaptiveConcurrencyLimiter> limiters = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, BulkTarget> bulkTargets = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, java.util.concurrent.atomic.AtomicInteger> poolTurns = new ConcurrentHashMap<>();

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
                    + (operation == DataverseOperation.metadata || operation.bulk() ? "/<logicalName>" : "/<entitySet>"));
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
        return new DataverseClient(environment, httpClient(environment), policy, cache, limiter(environment), metrics());
    }

    /**
     * The limiter of the environment's application user. Two environment names with the same organization and the
     * same app are one user to Dataverse, so they share one.
     */
    private io.dvbridge.http.AdaptiveConcurrencyLimiter limiter(DvEnvironment environment) {
        String user = environment.dataverseUrl().toString().replaceAll("/+$", "").toLowerCase(java.util.Locale.ROOT)
                + "|" + environment.tokens();
        return limiters.computeIfAbsent(user, u -> new io.dvbridge.http.AdaptiveConcurrencyLimiter(maxConcurrency));
    }

    /** The shared limiter of a configured environment's application user: its limit and peak, for tests and benchmarks. */
    public io.dvbridge.http.AdaptiveConcurrencyLimiter concurrency(String environmentName) {
        return limiter(environment(environmentName, "dataverse"));
    }

    /**
     * A writer of bulk rows into {@code logicalName} through the environment's application user and its pool's. The
     * table's entity set, type and bulk support are read once per environment and table.
     */
    BulkWriter bulkWriter(String environmentName, DataverseConfiguration options, BulkMessage message, String logicalName) {
        DvEnvironment environment = environment(environmentName, "dataverse");
        io.dvbridge.http.RetryPolicy policy = options.toPolicy();
        java.util.List<BulkWriter.User> users = new java.util.ArrayList<>();
        users.add(new BulkWriter.User(client(environmentName, policy), limiter(environment)));
        for (String member : environment.pool()) {
            users.add(new BulkWriter.User(client(member, policy), limiter(environment(member, "dataverse"))));
        }
        BulkTarget target = bulkTargets.computeIfAbsent(environmentName + "/" + logicalName,
                k -> users.get(0).client().bulkTarget(logicalName));
        int batchSize = options.getBatchSize() > 0 ? options.getBatchSize() : target.elastic() ? 100 : 500;
        return new BulkWriter(users, poolTurns.computeIfAbsent(environmentName, n -> new java.util.concurrent.atomic.AtomicInteger()),
                target, message, batchSize, options.bypassHeaders());
    }

    public int getMaxConcurrency() {
        return maxConcurrency;
    }

    public void setMaxConcurrency(int maxConcurrency) {
        if (maxConcurrency < 1 || maxConcurrency > io.dvbridge.http.AdaptiveConcurrencyLimiter.SERVICE_MAXIMUM) {
            throw new IllegalArgumentException("maxConcurrency must be between 1 and "
                    + io.dvbridge.http.AdaptiveConcurrencyLimiter.SERVICE_MAXIMUM + ", not " + maxConcurrency);
        }
        this.maxConcurrency = maxConcurrency;
    }

    public DataverseConfiguration getConfiguration() {
        return configuration;
    }

    public void setConfiguration(DataverseConfiguration configuration) {
        this.configuration = configuration;
    }
}
