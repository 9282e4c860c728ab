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
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dataverse Web API of one sandbox environment: checks the bearer token (audience, tenant,
 * application user), applies service protection limits per application user, then serves the
 * request. Tests and benchmarks reach the rows directly through {@link #data()}.
 *
 * <p>An environment answers at two addresses, as two faces over the same rows: under a path of the
 * sandbox's shared origin ({@code https://127.0.0.1:PORT/orgs/<name>/api/data/v9.2/}) and at the root
 * of its own origin ({@code https://127.0.0.1:ENVPORT/api/data/v9.2/}), which is how a real
 * organization is addressed ({@code https://<org>.crm.dynamics.com/api/data/v9.2/}). Each face builds
 * its links (nextLink, OData-EntityId, @odata.context) from its own base, so a client never leaves the
 * origin it was configured with.
 */
public final class DataverseService implements SandboxService {

    private static final Pattern PATH_FORM = Pattern.compile("^/orgs/[^/]+/api/data/v9\\.[0-2]/?(.*)$");
    private static final Pattern ROOT_FORM = Pattern.compile("^/api/data/v9\\.[0-2]/?(.*)$");
    private final EnvironmentSpec spec;
    private final String tenantId;
    private final String authorityBase;
    private final TokenVerifier verifier;
    private final ServiceProtection limits;
    private final EnvironmentData data;
    private final Face pathFace;
    private final Face rootFace;

    /** One address of the environment: its resource (token audience), how its paths look, its Web API. */
    private record Face(String resource, Pattern path, WebApi api, BatchProcessor batch) {
    }

    /**
     * @param resource     the path-form resource, {@code https://127.0.0.1:PORT/orgs/<name>}
     * @param rootResource the environment's own origin, {@code https://127.0.0.1:ENVPORT}
     */
    public DataverseService(EnvironmentSpec spec, String tenantId, String resource, String rootResource, TokenVerifier verifier,
                            ServiceProtection limits, long seed) {
        this.spec = spec;
        this.tenantId = tenantId;
        this.authorityBase = resource.substring(0, resource.indexOf("/orgs/"));
        this.verifier = verifier;
        this.limits = limits;
        this.data = TableFactory.build(spec, seed);
        UUID organizationId = UUID.nameUUIDFromBytes(("org:" + spec.name()).getBytes(StandardCharsets.UTF_8));
        WebApi pathApi = new WebApi(data, resource + "/api/data/v9.2/", organizationId);
        WebApi rootApi = new WebApi(data, rootResource + "/api/data/v9.2/", organizationId);
        this.pathFace = new Face(resource, PATH_FORM, pathApi, new BatchProcessor(pathApi, "/orgs/" + spec.name() + "/api/data/v9.2/"));
        this.rootFace = new Face(rootResource, ROOT_FORM, rootApi, new BatchProcessor(rootApi, "/api/data/v9.2/"));
    }

    public String name() {
        return spec.name();
    }

    /** The tables and rows of this environment, for tests and benchmarks. */
    public EnvironmentData data() {
        return data;
    }

    /** A request to the path form, {@code /orgs/<name>/api/data/v9.2/...}. */
    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        return serve(pathFace, request, context);
    }

    /** A request that arrived on the environment's own origin, {@code /api/data/v9.2/...}. */
    public SandboxResponse handleAtRoot(SandboxRequest request, RequestContext context) {
        return serve(rootFace, request, context);
    }

    /**
     * Every answer of the Web API carries {@code x-ms-dop-hint}, Dataverse's recommended degree of parallelism
     * ("Send parallel requests", learn.microsoft.com/power-apps/developer/data-platform/send-parallel-requests).
     */
    private SandboxResponse serve(Face face, SandboxRequest request, RequestContext context) {
        SandboxResponse response = serveWithoutHint(face, request, context);
        return response.dropConnection() ? response : response.withHeader("x-ms-dop-hint", Integer.toString(spec.dopHint()));
    }

    private SandboxResponse serveWithoutHint(Face face, SandboxRequest request, RequestContext context) {
        Matcher path = face.path().matcher(request.path());
        if (!path.matches()) {
            return DataverseError.segmentNotFound(request.path()).toResponse();
        }
        VerifiedToken token;
        try {
            token = verify(request, face);
        } catch (InvalidTokenException e) {
            return SandboxResponse.empty(401).withHeader("WWW-Authenticate", "Bearer authorization_uri="
                    + authorityBase + "/" + tenantId + "/oauth2/authorize, resource_id=" + face.resource());
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
            String relative = path.group(1);
            if (relative.equals("$batch")) {
                return face.batch().process(request);
            }
            if (request.method().equals("GET")) {
                return face.api().handle(request, relative, new EnvironmentData.Journal(), s -> s);
            }
            // Parsing and converting a bulk request's rows reads no row, so it runs before the writer lock: only the
            // writes, which take their row versions, stay serialised, and change tracking's committed version still
            // never passes a write in progress (EnvironmentData.committedVersion).
            Optional<BulkApi.Prepared> prepared = face.api().prepare(request, relative);
            return data.atomically(journal -> face.api().handle(request, relative, journal, s -> s, prepared));
        } catch (DataverseError e) {
            return e.toResponse();
        }
    }

    /**
     * A token for either address of this environment is a token for this organization: both faces
     * serve the same rows, so a client configured with one form may hold a token minted for the other.
     */
    private VerifiedToken verify(SandboxRequest request, Face face) throws InvalidTokenException {
        try {
            return verifier.verify(request.bearerToken(), face.resource());
        } catch (InvalidTokenException wrongForThisFace) {
            try {
                return verifier.verify(request.bearerToken(), (face == pathFace ? rootFace : pathFace).resource());
            } catch (InvalidTokenException wrongForBoth) {
                throw wrongForThisFace;
            }
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
