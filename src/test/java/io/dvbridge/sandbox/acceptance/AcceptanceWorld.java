package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.auth.Credential;
import io.dvbridge.auth.TokenSource;
import io.dvbridge.auth.TokenSourceRegistry;
import io.dvbridge.config.DvEnvironment;
import io.dvbridge.config.Environments;
import io.dvbridge.config.UnknownEnvironmentException;
import io.dvbridge.dataverse.DataverseClient;
import io.dvbridge.http.HttpClients;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.powerbi.PowerBiClient;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.fixture.FixtureLoader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * One sandbox tenant started from a small fixture, and the client side a user of dvbridge has: environments
 * whose tokens come from the sandbox's Entra ID through msal4j, and plain {@code java.net.http} calls with a
 * real bearer token for what no component offers. Every call goes over HTTPS to 127.0.0.1, trusting only the
 * sandbox's own certificate.
 */
final class AcceptanceWorld implements Environments, AutoCloseable {

    static final String TENANT_ID = "5b0e8c61-3f5d-4c5e-9d0a-1c2b3a4d5e6f";
    static final String TENANT_NAME = "contoso";
    static final String CLIENT_ID = "a1b2c3d4-0000-4000-8000-000000000001";
    static final String SECRET = "acceptance~Secret.value_1";
    static final String DATAVERSE_ENVIRONMENT = "contoso-dev";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Sandbox sandbox;
    private final TokenSource tokens;
    private final Map<String, DvEnvironment> environments = new java.util.concurrent.ConcurrentHashMap<>();
    private final HttpClient http;

    private AcceptanceWorld(Sandbox sandbox) {
        this.sandbox = sandbox;
        this.tokens = new TokenSourceRegistry().confidentialClient(sandbox.authority(TENANT_NAME), CLIENT_ID,
                new Credential.ClientSecret(SECRET), sandbox.clientTls());
        this.http = HttpClients.forEnvironment(sandbox.clientTls(), Duration.ofSeconds(10));
    }

    /**
     * Starts a sandbox whose tenant is {@value #TENANT_NAME} with one app ({@value #CLIENT_ID}), plus the
     * given {@code environments:} and {@code powerbi:} YAML (each top-level section starting at column 0).
     */
    static AcceptanceWorld start(String worldYaml, SandboxOptions options) {
        String yaml = """
                tenants:
                  - id: %s
                    name: %s
                    apps:
                      - clientId: %s
                        name: dvbridge-acceptance
                        secrets: ["%s"]
                """.formatted(TENANT_ID, TENANT_NAME, CLIENT_ID, SECRET) + worldYaml;
        return new AcceptanceWorld(Sandbox.start(FixtureLoader.parse(yaml), options));
    }

    Sandbox sandbox() {
        return sandbox;
    }

    TokenSource tokens() {
        return tokens;
    }

    /** The sandbox environment as dvbridge configuration would describe it. */
    @Override
    public DvEnvironment environment(String name) {
        if (!names().contains(name)) {
            throw new UnknownEnvironmentException(name, names());
        }
        return environments.computeIfAbsent(name, n -> {
            return new DvEnvironment(n, URI.create(sandbox.dataverseResource(n)), URI.create(sandbox.powerBiApiUrl()),
                    DvEnvironment.POWER_BI_SCOPE, tokens, sandbox.clientTls());
        });
    }

    @Override
    public Set<String> names() {
        return Set.of(DATAVERSE_ENVIRONMENT);
    }

    DvEnvironment environment() {
        return environment(DATAVERSE_ENVIRONMENT);
    }

    DataverseClient dataverse(RetryPolicy policy) {
        return DataverseClient.connect(environment(), policy);
    }

    PowerBiClient powerBi(RetryPolicy policy) {
        return PowerBiClient.connect(environment(), policy);
    }

    /** A real msal4j token for the environment's Dataverse. */
    String dataverseToken() {
        return tokens.token(environment().dataverseScope()).value();
    }

    /** A real msal4j token for Power BI. */
    String powerBiToken() {
        return tokens.token(DvEnvironment.POWER_BI_SCOPE).value();
    }

    String dataverseApi() {
        return sandbox.dataverseApiUrl(DATAVERSE_ENVIRONMENT);
    }

    /** The plain client of the tests: no retries, no token handling, TLS trusting only the sandbox. */
    HttpClient http() {
        return http;
    }

    /** One plain call; IOException (a dropped connection) is left to the caller. */
    HttpResponse<String> sendRaw(String method, String url, String token, Map<String, String> headers, String body)
            throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> send(String method, String url, String token, Map<String, String> headers, String body) {
        try {
            return sendRaw(method, url, token, headers, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    HttpResponse<String> get(String url, String token, Map<String, String> headers) {
        return send("GET", url, token, headers, null);
    }

    /** A Dataverse GET with the headers the Web API expects. */
    HttpResponse<String> dataverseGet(String relative, Map<String, String> extraHeaders) {
        Map<String, String> headers = new LinkedHashMap<>(Map.of("OData-MaxVersion", "4.0", "OData-Version", "4.0"));
        headers.putAll(extraHeaders);
        return get(dataverseApi() + relative, dataverseToken(), headers);
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON (HTTP " + response.statusCode() + "): " + response.body(), e);
        }
    }

    /** The request log's sequence number of the latest entry, to look only at what a test sent after it. */
    long mark() {
        return sandbox.requestLog().entries().stream().mapToLong(e -> e.sequence()).max().orElse(0);
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
