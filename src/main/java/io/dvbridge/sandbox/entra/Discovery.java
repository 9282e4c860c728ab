package io.dvbridge.sandbox.entra;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenID Connect discovery documents of a tenant (v2 at {@code /{tenant}/v2.0/.well-known/openid-configuration},
 * v1 at {@code /{tenant}/.well-known/openid-configuration}) and their key sets. Like Entra ID they
 * always name the tenant by its GUID, whichever alias the caller used. Only the token endpoint and
 * the key set are served; the interactive endpoints are listed for fidelity but the sandbox has no
 * users, so they answer 404.
 */
final class Discovery {

    private final String baseUrl;
    private final TokenIssuer issuer;

    Discovery(String baseUrl, TokenIssuer issuer) {
        this.baseUrl = baseUrl;
        this.issuer = issuer;
    }

    String tokenEndpoint(String tenantId, TokenIssuer.Version version) {
        return baseUrl + "/" + tenantId + (version == TokenIssuer.Version.V2 ? "/oauth2/v2.0/token" : "/oauth2/token");
    }

    String jwksUri(String tenantId, TokenIssuer.Version version) {
        return baseUrl + "/" + tenantId + (version == TokenIssuer.Version.V2 ? "/discovery/v2.0/keys" : "/discovery/keys");
    }

    Map<String, Object> openIdConfiguration(String tenantId, TokenIssuer.Version version) {
        String v2 = version == TokenIssuer.Version.V2 ? "/v2.0" : "";
        String tenantBase = baseUrl + "/" + tenantId;
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("token_endpoint", tokenEndpoint(tenantId, version));
        doc.put("token_endpoint_auth_methods_supported", List.of("client_secret_post", "private_key_jwt", "client_secret_basic"));
        doc.put("jwks_uri", jwksUri(tenantId, version));
        doc.put("response_modes_supported", List.of("query", "fragment", "form_post"));
        doc.put("subject_types_supported", List.of("pairwise"));
        doc.put("id_token_signing_alg_values_supported", List.of("RS256"));
        doc.put("response_types_supported", List.of("code", "id_token", "code id_token", "id_token token"));
        doc.put("scopes_supported", List.of("openid", "profile", "email", "offline_access"));
        doc.put("issuer", issuer.issuer(tenantId, version));
        doc.put("request_uri_parameter_supported", false);
        doc.put("authorization_endpoint", tenantBase + "/oauth2" + v2 + "/authorize");
        doc.put("device_authorization_endpoint", tenantBase + "/oauth2" + v2 + "/devicecode");
        doc.put("http_logout_supported", true);
        doc.put("frontchannel_logout_supported", true);
        doc.put("end_session_endpoint", tenantBase + "/oauth2" + v2 + "/logout");
        doc.put("claims_supported", List.of("sub", "iss", "aud", "exp", "iat", "auth_time", "acr", "nonce", "tid", "ver"));
        doc.put("tenant_region_scope", null);
        doc.put("cloud_instance_name", "dvbridge.sandbox");
        return doc;
    }

    Map<String, Object> keys() {
        return issuer.jwks();
    }
}
