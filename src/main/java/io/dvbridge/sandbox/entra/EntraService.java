package io.dvbridge.sandbox.entra;

import io.dvbridge.sandbox.fixture.TenantSpec;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.http.SandboxService;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The sandbox's Microsoft Entra ID: client-credentials token endpoints (v2 and v1), OpenID discovery
 * and key sets under {@code /{tenant}/...} (tenant = id or fixture name), and verification of the
 * tokens it issued for the sandbox's Dataverse and Power BI services.
 */
public final class EntraService implements SandboxService, TokenVerifier {

    private final TenantDirectory directory;
    private final TokenIssuer issuer;
    private final Discovery discovery;
    private final TokenEndpoint tokenEndpoint;
    private final AccessTokenVerifier verifier;
    private final Clock clock;

    public EntraService(List<TenantSpec> tenants, String baseUrl, Clock clock) {
        this.clock = clock;
        this.directory = new TenantDirectory(tenants);
        this.issuer = new TokenIssuer(baseUrl, clock);
        this.discovery = new Discovery(baseUrl, issuer);
        this.tokenEndpoint = new TokenEndpoint(directory, new ClientAuthenticator(new ClientAssertionVerifier(clock)), issuer,
                discovery);
        this.verifier = new AccessTokenVerifier(issuer, directory.tenantIds(), clock);
    }

    /** The lifetime of tokens issued from now on (tests expire tokens mid-run with a short one). */
    public void tokenLifetime(Duration lifetime) {
        issuer.lifetime(lifetime);
    }

    /**
     * Signs tokens issued from now on with a new key (a new {@code kid}), keeping the previous key in
     * the published key set, as Entra ID rolls its signing keys over.
     */
    public void rollOverSigningKey() {
        issuer.rollOverSigningKey();
    }

    /** The tenant GUID for a tenant id or fixture name, ignoring case. */
    public Optional<String> tenantId(String idOrName) {
        return directory.tenantId(idOrName);
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        String path = request.path();
        int slash = path.indexOf('/', 1);
        if (path.length() < 2 || slash < 0) {
            return EntraResponses.notFound(path);
        }
        String tenant = SandboxRequest.decodePath(path.substring(1, slash));
        String rest = path.substring(slash);
        return switch (rest) {
            case "/oauth2/v2.0/token" -> tokenEndpoint.handle(request, context, tenant, TokenIssuer.Version.V2);
            case "/oauth2/token" -> tokenEndpoint.handle(request, context, tenant, TokenIssuer.Version.V1);
            case "/v2.0/.well-known/openid-configuration" -> document(tenant, id -> discovery.openIdConfiguration(id, TokenIssuer.Version.V2));
            case "/.well-known/openid-configuration" -> document(tenant, id -> discovery.openIdConfiguration(id, TokenIssuer.Version.V1));
            case "/discovery/v2.0/keys", "/discovery/keys" -> document(tenant, id -> discovery.keys());
            default -> EntraResponses.notFound(path);
        };
    }

    private SandboxResponse document(String tenant, java.util.function.Function<String, Map<String, Object>> body) {
        String correlationId = UUID.randomUUID().toString();
        return directory.tenantId(tenant)
                .map(id -> EntraResponses.json(200, body.apply(id), UUID.randomUUID().toString(), correlationId))
                .orElseGet(() -> EntraErrors.render(EntraErrors.tenantNotFound(tenant, "invalid_tenant"), correlationId, clock));
    }

    @Override
    public VerifiedToken verify(Optional<String> bearer, String expectedAudience) throws InvalidTokenException {
        return verifier.verify(bearer, expectedAudience);
    }
}
