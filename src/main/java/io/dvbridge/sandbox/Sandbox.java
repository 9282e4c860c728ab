package io.dvbridge.sandbox;

import io.dvbridge.sandbox.dataverse.DataverseService;
import io.dvbridge.sandbox.entra.EntraService;
import io.dvbridge.sandbox.fixture.EnvironmentSpec;
import io.dvbridge.sandbox.fixture.Fixture;
import io.dvbridge.sandbox.http.FrontDoor;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.limits.FaultInjector;
import io.dvbridge.sandbox.limits.ServiceProtection;
import io.dvbridge.sandbox.powerbi.PowerBiService;
import io.dvbridge.sandbox.tls.SelfSignedCertificate;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The sandbox tenant: Entra ID, one Dataverse Web API per environment and Power BI REST behind one
 * local HTTPS port with a self-signed certificate. Each environment is also served at the root of its
 * own origin (one more HTTPS port per environment, same certificate), as a real organization is.
 * Start it from tests, benchmarks or the CLI.
 */
public final class Sandbox implements AutoCloseable {

    public static final String POWER_BI_RESOURCE = "https://analysis.windows.net/powerbi/api";

    private final SandboxOptions options;
    private final SelfSignedCertificate certificate;
    private final FrontDoor frontDoor;
    private final String host;
    private final String baseUrl;
    private final RequestLog requestLog = new RequestLog();
    private final EntraService entra;
    private final Map<String, DataverseService> environments = new LinkedHashMap<>();
    private final Map<String, FrontDoor> environmentDoors = new LinkedHashMap<>();
    private final PowerBiService powerBi;
    private final FaultInjector faults;
    private final AdminService admin;
    private final ServiceProtection dataverseLimits;

    private Sandbox(Fixture fixture, SandboxOptions options) throws IOException {
        this.options = options;
        this.host = options.hostName().isEmpty() ? advertisedHost(options.bindAddress()) : urlHost(options.hostName());
        this.certificate = SelfSignedCertificate.forLocalhostAnd(certificateNames(options));
        this.frontDoor = new FrontDoor(options.bindAddress(), options.port(), certificate.serverContext());
        this.baseUrl = "https://" + host + ":" + frontDoor.port();
        Clock clock = Clock.systemUTC();
        this.entra = new EntraService(fixture.tenants(), baseUrl, clock);
        entra.tokenLifetime(options.tokenLifetime());
        ServiceProtection limits = new ServiceProtection(options.limits(), clock);
        this.dataverseLimits = limits;
        int next = options.port();
        for (EnvironmentSpec env : fixture.environments()) {
            String tenantId = entra.tenantId(env.tenant()).orElseThrow();
            int port = options.port() == 0 ? 0 : ++next;
            try {
                environmentDoors.put(env.name(), new FrontDoor(options.bindAddress(), port, certificate.serverContext()));
            } catch (IOException e) {
                close();
                throw new IOException("Cannot serve environment " + env.name() + " on port " + port + ": " + e.getMessage(), e);
            }
            environments.put(env.name(), new DataverseService(env, tenantId, dataverseResource(env.name()), dataverseOrigin(env.name()),
                    entra, limits, options.seed()));
        }
        this.powerBi = new PowerBiService(fixture.powerbi(), entra, new ServiceProtection(options.limits(), clock), clock);
        this.faults = new FaultInjector(options.faultRate(), options.seed());
        this.admin = new AdminService(requestLog, dataverseLimits, environments);
        frontDoor.start(request -> dispatch(request, this::route));
        environmentDoors.forEach((name, door) -> door.start(request -> dispatch(request, (r, context) -> routeAtRoot(name, r, context))));
    }

    /** The host clients use: the bind address, or loopback when the sandbox listens on every interface. */
    private static String advertisedHost(String bindAddress) {
        if (bindAddress.equals("0.0.0.0") || bindAddress.equals("::") || bindAddress.equals(SandboxOptions.LOOPBACK)
                || bindAddress.equals("localhost")) {
            return SandboxOptions.LOOPBACK;
        }
        return bindAddress.contains(":") ? "[" + bindAddress + "]" : bindAddress;
    }

    /** A name or address as it stands in a URL: an IPv6 literal in brackets. */
    private static String urlHost(String name) {
        return name.contains(":") && !name.startsWith("[") ? "[" + name + "]" : name;
    }

    /**
     * Besides 127.0.0.1 and localhost, the certificate names a specific bind address and the host name clients use,
     * so that a client in another container verifies it against the name it connected to.
     */
    private static List<String> certificateNames(SandboxOptions options) {
        List<String> names = new ArrayList<>();
        if (!advertisedHost(options.bindAddress()).equals(SandboxOptions.LOOPBACK)) {
            names.add(options.bindAddress());
        }
        if (!options.hostName().isEmpty()) {
            names.add(options.hostName().replaceAll("^\\[|\\]$", ""));
        }
        return names;
    }

    public static Sandbox start(Fixture fixture, SandboxOptions options) {
        try {
            return new Sandbox(fixture, options);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the sandbox on port " + options.port(), e);
        }
    }

    private SandboxResponse dispatch(SandboxRequest request, BiFunction<SandboxRequest, RequestContext, SandboxResponse> router) {
        Instant received = Instant.now();
        RequestContext context = new RequestContext();
        SandboxResponse response = router.apply(request, context);
        String retryAfter = response.headers().getOrDefault("Retry-After", "0");
        requestLog.record(received, request.method(), request.path(), request.rawQuery(), response.dropConnection() ? 0 : response.status(),
                retryAfter.matches("\\d+") ? Long.parseLong(retryAfter) : 0, context.caller(), context.target());
        return response;
    }

    private SandboxResponse route(SandboxRequest request, RequestContext context) {
        String path = request.path();
        if (path.startsWith("/_sandbox/")) {
            return admin.handle(request, context);
        }
        pause();
        if (path.startsWith("/powerbi/")) {
            context.target("powerbi");
            return injectedFault(true).orElseGet(() -> powerBi.handle(request, context));
        }
        if (path.startsWith("/orgs/")) {
            int end = path.indexOf('/', 6);
            String name = end < 0 ? path.substring(6) : path.substring(6, end);
            DataverseService env = environments.get(name);
            context.target(name);
            if (env == null) {
                return SandboxResponse.json(404, Json.errorBody("0x80060888", "No environment named '" + name + "' in this sandbox."));
            }
            return injectedFault(false).orElseGet(() -> env.handle(request, context));
        }
        context.target("entra");
        return entra.handle(request, context);
    }

    /** A request on an environment's own origin: only its Web API lives there, as on a real organization's host. */
    private SandboxResponse routeAtRoot(String environment, SandboxRequest request, RequestContext context) {
        context.target(environment);
        pause();
        return injectedFault(false).orElseGet(() -> environments.get(environment).handleAtRoot(request, context));
    }

    private Optional<SandboxResponse> injectedFault(boolean powerBi) {
        return faults.next().map(fault -> switch (fault) {
            case CONNECTION_RESET -> SandboxResponse.connectionReset();
            case INTERNAL_ERROR -> SandboxResponse.json(500, powerBi
                    ? Json.errorBody("InternalServerError", "An internal error occurred (injected by the sandbox).")
                    : Json.errorBody("0x80040216", "An unexpected error occurred (injected by the sandbox)."));
            case SERVICE_UNAVAILABLE -> SandboxResponse.json(503, powerBi
                    ? Json.errorBody("ServiceUnavailable", "The service is unavailable (injected by the sandbox).")
                    : Json.errorBody("", "Service Unavailable (injected by the sandbox)."));
        });
    }

    private void pause() {
        if (!options.latency().isZero()) {
            try {
                Thread.sleep(options.latency().toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public String baseUrl() {
        return baseUrl;
    }

    public int port() {
        return frontDoor.port();
    }

    /** The Entra authority for a tenant (id or fixture name), e.g. {@code https://127.0.0.1:PORT/<tenant-id>/}. */
    public String authority(String tenant) {
        return baseUrl + "/" + entra.tenantId(tenant).orElseThrow(() -> new IllegalArgumentException("unknown tenant " + tenant)) + "/";
    }

    /** The resource URI (token audience) of an environment; its Web API is this plus {@code /api/data/v9.2/}. */
    public String dataverseResource(String environment) {
        return baseUrl + "/orgs/" + environment;
    }

    public String dataverseApiUrl(String environment) {
        return dataverseResource(environment) + "/api/data/v9.2/";
    }

    /**
     * The environment's own origin, {@code https://127.0.0.1:ENVPORT}: its organization URL and token
     * audience in the root form, like {@code https://contoso.crm.dynamics.com}.
     */
    public String dataverseOrigin(String environment) {
        FrontDoor door = environmentDoors.get(environment);
        if (door == null) {
            throw new IllegalArgumentException("No environment " + environment + " in this sandbox");
        }
        return "https://" + host + ":" + door.port();
    }

    /** {@code https://127.0.0.1:ENVPORT/api/data/v9.2/}: the Web API at the root of the environment's origin. */
    public String dataverseOriginApiUrl(String environment) {
        return dataverseOrigin(environment) + "/api/data/v9.2/";
    }

    public String powerBiApiUrl() {
        return baseUrl + "/powerbi/v1.0/myorg/";
    }

    public String certificatePem() {
        return certificate.certificatePem();
    }

    /** A client TLS context that trusts this sandbox's certificate and nothing else. */
    public SSLContext clientTls() {
        return certificate.trustingContext();
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    public DataverseService environment(String name) {
        DataverseService env = environments.get(name);
        if (env == null) {
            throw new IllegalArgumentException("No environment " + name + " in this sandbox");
        }
        return env;
    }

    /**
     * The service protection limits of every environment's Web API, keyed {@code <app id>@<environment>}: tests
     * read the peak of requests in flight and start 429 storms here.
     */
    public ServiceProtection dataverseLimits() {
        return dataverseLimits;
    }

    public PowerBiService powerBi() {
        return powerBi;
    }

    public EntraService entra() {
        return entra;
    }

    public SandboxOptions options() {
        return options;
    }

    /** Changes the lifetime of tokens issued from now on (tests expire tokens mid-run with this). */
    public void tokenLifetime(Duration lifetime) {
        entra.tokenLifetime(lifetime);
    }

    @Override
    public void close() {
        frontDoor.close();
        environmentDoors.values().forEach(FrontDoor::close);
    }
}
