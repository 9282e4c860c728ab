package io.dvbridge.sandbox.entra;

import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The client-credentials token endpoints: v2 ({@code /oauth2/v2.0/token}, {@code scope=<resource>/.default})
 * and v1 ({@code /oauth2/token}, {@code resource=<resource>}, numbers as strings). Checks run in the
 * order a caller can fix them: grant type, client id, scope or resource, app registration, credential.
 */
final class TokenEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(TokenEndpoint.class);
    /** OpenID scopes MSAL adds to every request; Entra ignores them for client credentials. */
    private static final Set<String> OIDC_SCOPES = Set.of("openid", "profile", "offline_access", "email");
    private static final String DEFAULT_SUFFIX = "/.default";

    private final TenantDirectory directory;
    private final ClientAuthenticator authenticator;
    private final TokenIssuer issuer;
    private final Discovery discovery;

    TokenEndpoint(TenantDirectory directory, ClientAuthenticator authenticator, TokenIssuer issuer, Discovery discovery) {
        this.directory = directory;
        this.authenticator = authenticator;
        this.issuer = issuer;
        this.discovery = discovery;
    }

    /**
     * @param tenantSegment the tenant as the caller wrote it in the path (id or name)
     */
    SandboxResponse handle(SandboxRequest request, RequestContext context, String tenantSegment, TokenIssuer.Version version) {
        TokenRequest form = TokenRequest.parse(request);
        try {
            if (!"POST".equals(request.method())) {
                throw EntraErrors.onlyPost(request.method());
            }
            String tenantId = directory.tenantId(tenantSegment).orElseThrow(() -> EntraErrors.tenantNotFound(tenantSegment, "invalid_request"));
            String grantType = form.parameter("grant_type").orElseThrow(() -> EntraErrors.missingParameter("grant_type"));
            if (!"client_credentials".equals(grantType)) {
                throw EntraErrors.unsupportedGrantType(grantType);
            }
            String clientId = form.clientId().orElseThrow(() -> EntraErrors.missingParameter("client_id"));
            context.caller(clientId);
            String resource = version == TokenIssuer.Version.V2 ? resourceOfScope(form) : form.parameter("resource")
                    .orElseThrow(() -> EntraErrors.missingParameter("resource"));
            RegisteredApp app = directory.app(tenantId, clientId)
                    .orElseThrow(() -> EntraErrors.applicationNotFound(clientId, tenantId));
            ClientAuthenticator.Method method = authenticator.authenticate(form, app,
                    tokenEndpoints(tenantId, tenantSegment));
            TokenIssuer.IssuedToken token = directory.api(tenantId, resource)
                    .map(api -> issuer.issue(app, audienceFor(api, resource), api.accessTokenVersion(), method, app.rolesOn(api)))
                    .orElseGet(() -> issuer.issue(app, resource, version, method, List.of()));
            LOG.debug("Issued a token for app {} of tenant {} with audience {}", app.clientId(), tenantId, resource);
            return EntraResponses.json(200, version == TokenIssuer.Version.V2 ? v2Body(token) : v1Body(token, resource),
                    UUID.randomUUID().toString(), form.correlationId());
        } catch (EntraError e) {
            LOG.debug("Refused a token request of client {}: {} AADSTS{}", context.caller(), e.error(), e.code());
            return EntraErrors.render(e, form.correlationId(), issuer.clock());
        }
    }

    /**
     * As Entra ID does for an API registered in the tenant: the API's manifest, not the endpoint,
     * picks the token version, and a v2.0 token's audience is always the API's client id, a v1.0
     * token's the resource as requested (learn.microsoft.com/entra/identity-platform/access-token-claims-reference).
     */
    private static String audienceFor(RegisteredApp api, String resource) {
        return api.accessTokenVersion() == TokenIssuer.Version.V2 ? api.clientId() : resource;
    }

    /** The one resource of a v2 scope: {@code <resource>/.default}, besides OpenID scopes. */
    private static String resourceOfScope(TokenRequest form) throws EntraError {
        String scope = form.parameter("scope").orElseThrow(() -> EntraErrors.missingParameter("scope"));
        List<String> requested = Arrays.stream(scope.split("\\s+"))
                .filter(s -> !s.isEmpty() && !OIDC_SCOPES.contains(s.toLowerCase(java.util.Locale.ROOT)))
                .toList();
        if (requested.isEmpty() || requested.stream().anyMatch(s -> !s.endsWith(DEFAULT_SUFFIX) || s.length() == DEFAULT_SUFFIX.length())) {
            throw EntraErrors.scopeWithoutDefault(scope);
        }
        Set<String> resources = new LinkedHashSet<>();
        requested.forEach(s -> resources.add(s.substring(0, s.length() - DEFAULT_SUFFIX.length())));
        if (resources.size() > 1) {
            throw EntraErrors.incompatibleScopes(scope);
        }
        return resources.iterator().next();
    }

    /** The audiences a client assertion may carry: both token endpoints of the tenant, by id and by the alias used. */
    private Set<String> tokenEndpoints(String tenantId, String tenantSegment) {
        Set<String> accepted = new LinkedHashSet<>();
        for (TokenIssuer.Version v : TokenIssuer.Version.values()) {
            String byId = discovery.tokenEndpoint(tenantId, v);
            accepted.add(ClientAssertionVerifier.normalize(byId));
            accepted.add(ClientAssertionVerifier.normalize(byId.replace("/" + tenantId + "/", "/" + tenantSegment + "/")));
        }
        return accepted;
    }

    private static Map<String, Object> v2Body(TokenIssuer.IssuedToken token) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", token.lifetime().toSeconds());
        body.put("ext_expires_in", token.lifetime().toSeconds());
        body.put("access_token", token.value());
        return body;
    }

    private static Map<String, Object> v1Body(TokenIssuer.IssuedToken token, String resource) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("token_type", "Bearer");
        body.put("expires_in", Long.toString(token.lifetime().toSeconds()));
        body.put("ext_expires_in", Long.toString(token.lifetime().toSeconds()));
        body.put("expires_on", Long.toString(token.expiresAt().getEpochSecond()));
        body.put("not_before", Long.toString(token.issuedAt().getEpochSecond()));
        body.put("resource", resource);
        body.put("access_token", token.value());
        return body;
    }
}
