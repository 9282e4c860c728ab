package io.dvbridge.sandbox.dataverse;

import io.dvbridge.sandbox.entra.InvalidTokenException;
import io.dvbridge.sandbox.entra.TokenVerifier;
import io.dvbridge.sandbox.entra.VerifiedToken;
import io.dvbridge.sandbox.fixture.EnvironmentSpec;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.http.SandboxService;
import io.dvbridge.sandbox.limits.ServiceProtection;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dataverse Web API of one sandbox environment: checks the bearer token (audience, tenant,
 * application user), applies service protection limits per application user, then serves the
 * request. Tests and benchmarks reach the rows directly through {@link #data()}.
 */
public final class DataverseService implements SandboxService {

    private static final Pattern API_PATH = Pattern.compile("^/orgs/([^/]+)/api/data/v9\\.[0-2]/?(.*)$");
    private final EnvironmentSpec spec;
    private final String tenantId;
    private final String resource;
    private final TokenVerifier verifier;
    private final ServiceProtection limits;
    private final EnvironmentData data;
    private final WebApi api;
    private final BatchProcessor batch;

    public DataverseService(EnvironmentSpec spec, String tenantId, String resource, TokenVerifier verifier,
                            ServiceProtection limits, long seed) {
        this.spec = spec;
        this.tenantId = tenantId;
        this.resource = resource;
        this.verifier = verifier;
        this.limits = limits;
        this.data = TableFactory.build(spec, seed);
        this.api = new WebApi(data, resource + "/api/data/v9.2/",
                UUID.nameUUIDFromBytes(("org:" + spec.name()).getBytes(StandardCharsets.UTF_8)));
        this.batch = new BatchProcessor(api, "/orgs/" + spec.name() + "/api/data/v9.2/");
    }

    public String name() {
        return spec.name();
    }

    /** The tables and rows of this environment, for tests and benchmarks. */
    public EnvironmentData data() {
        return data;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        Matcher path = API_PATH.matcher(request.path());
        if (!path.matches()) {
            return DataverseError.segmentNotFound(request.path()).toResponse();
        }
        VerifiedToken token;
        try {
            token = verifier.verify(request.bearerToken(), resource);
        } catch (InvalidTokenException e) {
            return SandboxResponse.empty(401).withHeader("WWW-Authenticate", "Bearer authorization_uri="
                    + resource.substring(0, resource.indexOf("/orgs/")) + "/" + tenantId + "/oauth2/authorize, resource_id=" + resource);
        }
        context.caller(token.appId());
        if (!token.tenantId().equalsIgnoreCase(tenantId)) {
            return SandboxResponse.empty(401).withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"The token was issued for another tenant\"");
        }
        if (!spec.applicationUsers().isEmpty() && spec.applicationUsers().stream().noneMatch(token.appId()::equalsIgnoreCase)) {
            return new DataverseError(403, "0x80072560", "The user is not a member of the organization.").toResponse();
        }
        ServiceProtection.Admission admission = limits.admit(token.appId() + "@" + spec.name());
        if (admission.rejected().isPresent()) {
            return throttled(admission.rejected().get());
        }
        try (ServiceProtection.Permit permit = admission.permit()) {
            String relative = path.group(2);
            if (relative.equals("$batch")) {
                return batch.process(request);
            }
            if (request.method().equals("GET")) {
                return api.handle(request, relative, new EnvironmentData.Journal(), s -> s);
            }
            return data.atomically(journal -> api.handle(request, relative, journal, s -> s));
        } catch (DataverseError e) {
            return e.toResponse();
        }
    }

    private static SandboxResponse throttled(ServiceProtection.Rejection rejection) {
        String code;
        String message;
        if (rejection.kind() == ServiceProtection.Kind.CONCURRENCY) {
            code = "0x80072326";
            message = "Number of concurrent requests exceeded the limit of " + rejection.limit() + ".";
        } else {
            code = "0x80072322";
            message = "Number of requests exceeded the limit of " + rejection.limit() + " over time window of "
                    + rejection.window().toSeconds() + " seconds.";
        }
        return new DataverseError(429, code, message).toResponse()
                .withHeader("Retry-After", Long.toString(rejection.retryAfterSeconds()));
    }
}
