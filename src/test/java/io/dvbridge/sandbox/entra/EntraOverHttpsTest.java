package io.dvbridge.sandbox.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.microsoft.aad.msal4j.IClientCredential;
import com.microsoft.aad.msal4j.MsalServiceException;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.tls.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The sandbox's Entra ID over real HTTPS, called by real msal4j and by a plain HTTP client. */
class EntraOverHttpsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static SelfSignedCertificate registered;
    private static Sandbox sandbox;
    private static HttpClient http;

    @BeforeAll
    static void start() {
        registered = SelfSignedCertificate.forClient("dvbridge-cert-app");
        sandbox = Sandbox.start(FixtureLoader.parse(SandboxFixtures.yaml(registered)), SandboxOptions.defaults());
        http = HttpClient.newBuilder().sslContext(sandbox.clientTls()).build();
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static String dataverseScope() {
        return sandbox.dataverseResource("contoso-dev") + "/.default";
    }

    private static ConfidentialClientApplication app(String clientId, IClientCredential credential, String authority) throws Exception {
        return ConfidentialClientApplication.builder(clientId, credential)
                .authority(authority)
                .instanceDiscovery(false)
                .validateAuthority(false)
                .sslSocketFactory(sandbox.clientTls().getSocketFactory())
                .build();
    }

    private static String acquire(ConfidentialClientApplication app, String scope) {
        return app.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).skipCache(true).build()).join().accessToken();
    }

    private static MsalServiceException refusal(ConfidentialClientApplication app, String scope) {
        CompletionException e = catchThrowableOfType(CompletionException.class, () -> acquire(app, scope));
        assertThat(e).as("the token request should have been refused").isNotNull();
        assertThat(e.getCause()).isInstanceOf(MsalServiceException.class);
        return (MsalServiceException) e.getCause();
    }

    @Test
    void msal_gets_a_token_with_a_client_secret_that_the_environment_accepts() throws Exception {
        String token = acquire(app(SandboxFixtures.SECRET_APP, ClientCredentialFactory.createFromSecret(SandboxFixtures.SECRET),
                sandbox.authority("contoso")), dataverseScope());

        VerifiedToken verified = sandbox.entra().verify(Optional.of(token), sandbox.dataverseResource("contoso-dev"));
        assertThat(verified.appId()).isEqualTo(SandboxFixtures.SECRET_APP);
        assertThat(verified.tenantId()).isEqualTo(SandboxFixtures.TENANT_ID);
        assertThat(sandbox.requestLog().entries(e -> e.path().equals("/" + SandboxFixtures.TENANT_ID + "/oauth2/v2.0/token")
                && e.status() == 200)).anySatisfy(e -> assertThat(e.caller()).isEqualTo(SandboxFixtures.SECRET_APP));
    }

    @Test
    void msal_gets_a_token_with_a_registered_certificate() throws Exception {
        IClientCredential credential = ClientCredentialFactory.createFromCertificate(registered.keyPair().getPrivate(),
                registered.certificate());

        String token = acquire(app(SandboxFixtures.CERT_APP, credential, sandbox.authority(SandboxFixtures.TENANT_ID)),
                Sandbox.POWER_BI_RESOURCE + "/.default");

        assertThat(sandbox.entra().verify(Optional.of(token), Sandbox.POWER_BI_RESOURCE).appId()).isEqualTo(SandboxFixtures.CERT_APP);
    }

    @Test
    void a_certificate_the_app_did_not_register_is_refused_as_an_invalid_signature() throws Exception {
        SelfSignedCertificate stranger = SelfSignedCertificate.forClient("stranger");
        IClientCredential credential = ClientCredentialFactory.createFromCertificate(stranger.keyPair().getPrivate(),
                stranger.certificate());

        MsalServiceException e = refusal(app(SandboxFixtures.CERT_APP, credential, sandbox.authority("contoso")), dataverseScope());

        assertThat(e.errorCode()).isEqualTo("invalid_client");
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.getMessage()).startsWith("AADSTS700027: Client assertion contains an invalid signature.");
    }

    @Test
    void a_wrong_secret_is_refused_as_invalid_client() throws Exception {
        MsalServiceException e = refusal(app(SandboxFixtures.SECRET_APP, ClientCredentialFactory.createFromSecret("not-the-secret"),
                sandbox.authority("contoso")), dataverseScope());

        assertThat(e.errorCode()).isEqualTo("invalid_client");
        assertThat(e.statusCode()).isEqualTo(401);
        assertThat(e.getMessage()).startsWith("AADSTS7000215: ").doesNotContain("not-the-secret");
        assertThat(e.correlationId()).isNotBlank();
    }

    @Test
    void an_unknown_app_is_refused_as_unauthorized_client() throws Exception {
        MsalServiceException e = refusal(app("99999999-0000-0000-0000-000000000000",
                ClientCredentialFactory.createFromSecret(SandboxFixtures.SECRET), sandbox.authority("contoso")), dataverseScope());

        assertThat(e.errorCode()).isEqualTo("unauthorized_client");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("AADSTS700016: Application with identifier '99999999-0000-0000-0000-000000000000'");
    }

    @Test
    void an_unknown_tenant_is_refused_as_invalid_request() throws Exception {
        MsalServiceException e = refusal(app(SandboxFixtures.SECRET_APP, ClientCredentialFactory.createFromSecret(SandboxFixtures.SECRET),
                sandbox.baseUrl() + "/00000000-0000-0000-0000-0000000000aa/"), dataverseScope());

        assertThat(e.errorCode()).isEqualTo("invalid_request");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("AADSTS90002: Tenant '00000000-0000-0000-0000-0000000000aa' not found.");
    }

    @Test
    void a_scope_without_default_is_refused_as_invalid_scope() throws Exception {
        MsalServiceException e = refusal(app(SandboxFixtures.SECRET_APP, ClientCredentialFactory.createFromSecret(SandboxFixtures.SECRET),
                sandbox.authority("contoso")), sandbox.dataverseResource("contoso-dev") + "/user_impersonation");

        assertThat(e.errorCode()).isEqualTo("invalid_scope");
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.getMessage()).startsWith("AADSTS1002012: ");
    }

    @Test
    void the_v1_endpoint_answers_with_numbers_as_strings_and_the_resource() throws Exception {
        String resource = sandbox.dataverseResource("contoso-dev");
        HttpResponse<String> response = post("/contoso/oauth2/token", "grant_type=client_credentials&client_id="
                + SandboxFixtures.SECRET_APP + "&client_secret=" + form(SandboxFixtures.SECRET) + "&resource=" + form(resource), null);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").isTextual()).isTrue();
        assertThat(body.get("expires_in").asText()).isEqualTo("3600");
        assertThat(body.get("ext_expires_in").asText()).isEqualTo("3600");
        assertThat(Long.parseLong(body.get("expires_on").asText()) - Long.parseLong(body.get("not_before").asText())).isEqualTo(3600);
        assertThat(body.get("resource").asText()).isEqualTo(resource);
        VerifiedToken verified = sandbox.entra().verify(Optional.of(body.get("access_token").asText()), resource);
        assertThat(verified.appId()).isEqualTo(SandboxFixtures.SECRET_APP);
    }

    @Test
    void client_secret_basic_authenticates_like_client_secret_post() throws Exception {
        String basic = Base64.getEncoder().encodeToString((SandboxFixtures.SECRET_APP + ":" + form(SandboxFixtures.SECRET))
                .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> response = post("/contoso/oauth2/v2.0/token", "grant_type=client_credentials&scope="
                + form(dataverseScope()), "Basic " + basic);

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("expires_in").isNumber()).isTrue();
        assertThat(body.get("ext_expires_in").asLong()).isEqualTo(3600);
    }

    @Test
    void discovery_names_the_endpoints_and_the_keys_that_sign_the_tokens() throws Exception {
        JsonNode config = JSON.readTree(get("/contoso/v2.0/.well-known/openid-configuration").body());
        String tenantBase = sandbox.baseUrl() + "/" + SandboxFixtures.TENANT_ID;

        assertThat(config.get("token_endpoint").asText()).isEqualTo(tenantBase + "/oauth2/v2.0/token");
        assertThat(config.get("issuer").asText()).isEqualTo(tenantBase + "/v2.0");
        assertThat(config.get("authorization_endpoint").asText()).isEqualTo(tenantBase + "/oauth2/v2.0/authorize");
        assertThat(config.get("token_endpoint_auth_methods_supported")).extracting(JsonNode::asText)
                .containsExactly("client_secret_post", "private_key_jwt", "client_secret_basic");

        String jwksPath = URI.create(config.get("jwks_uri").asText()).getPath();
        JsonNode key = JSON.readTree(get(jwksPath).body()).get("keys").get(0);
        String token = acquire(app(SandboxFixtures.SECRET_APP, ClientCredentialFactory.createFromSecret(SandboxFixtures.SECRET),
                sandbox.authority("contoso")), dataverseScope());
        JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[0]));
        assertThat(key.get("kty").asText()).isEqualTo("RSA");
        assertThat(key.get("kid").asText()).isEqualTo(header.get("kid").asText());
        assertThat(key.has("d")).as("the key set must hold only the public key").isFalse();
    }

    @Test
    void discovery_for_an_unknown_tenant_is_an_entra_error() throws Exception {
        HttpResponse<String> response = get("/nowhere/v2.0/.well-known/openid-configuration");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("invalid_tenant");
        assertThat(JSON.readTree(response.body()).get("error_codes").get(0).asInt()).isEqualTo(90002);
    }

    @Test
    void a_tampered_token_is_refused() throws Exception {
        String token = acquire(app(SandboxFixtures.SECRET_APP, ClientCredentialFactory.createFromSecret(SandboxFixtures.SECRET),
                sandbox.authority("contoso")), dataverseScope());
        String[] parts = token.split("\\.");
        String claims = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace(SandboxFixtures.SECRET_APP, SandboxFixtures.CERT_APP);
        String tampered = parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(claims.getBytes(StandardCharsets.UTF_8))
                + "." + parts[2];

        assertThatThrownBy(() -> sandbox.entra().verify(Optional.of(tampered), sandbox.dataverseResource("contoso-dev")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("signature")
                .hasMessageNotContaining(tampered);
    }

    @Test
    void a_token_for_power_bi_is_refused_by_an_environment() throws Exception {
        String token = acquire(app(SandboxFixtures.SECRET_APP, ClientCredentialFactory.createFromSecret(SandboxFixtures.SECRET),
                sandbox.authority("contoso")), Sandbox.POWER_BI_RESOURCE + "/.default");

        assertThatThrownBy(() -> sandbox.entra().verify(Optional.of(token), sandbox.dataverseResource("contoso-dev")))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("audience");
    }

    private static String form(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> post(String path, String body, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
