package io.dvbridge.sandbox.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.tls.SelfSignedCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Entra service called directly (no HTTP), with a clock the test moves. */
class EntraServiceTest {

    private static final String BASE = "https://127.0.0.1:9443";
    private static final String RESOURCE = BASE + "/orgs/contoso-dev";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SelfSignedCertificate certificate;

    private final MutableClock clock = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));
    private final EntraService entra = new EntraService(FixtureLoader.parse(SandboxFixtures.yaml(certificate)).tenants(), BASE, clock);

    @BeforeAll
    static void makeCertificate() {
        certificate = SelfSignedCertificate.forClient("dvbridge-unit");
    }

    private SandboxResponse post(String path, Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(k).append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return entra.handle(new SandboxRequest("POST", path, "", Map.of("Content-Type",
                List.of("application/x-www-form-urlencoded")), body.toString().getBytes(StandardCharsets.UTF_8)), new RequestContext());
    }

    private String secretToken(String scope) throws Exception {
        SandboxResponse response = post("/" + SandboxFixtures.TENANT_ID + "/oauth2/v2.0/token", Map.of("grant_type", "client_credentials",
                "client_id", SandboxFixtures.SECRET_APP, "client_secret", SandboxFixtures.SECRET, "scope", scope));
        assertThat(response.status()).isEqualTo(200);
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    @Test
    void a_token_is_accepted_until_its_expiry_by_the_injected_clock_and_refused_from_then_on() throws Exception {
        entra.tokenLifetime(Duration.ofMinutes(10));
        String token = secretToken(RESOURCE + "/.default");

        clock.advance(Duration.ofMinutes(9).plusSeconds(59));
        VerifiedToken verified = entra.verify(Optional.of(token), RESOURCE);
        assertThat(verified.appId()).isEqualTo(SandboxFixtures.SECRET_APP);
        assertThat(verified.tenantId()).isEqualTo(SandboxFixtures.TENANT_ID);
        assertThat(verified.expiresAt()).isEqualTo(Instant.parse("2025-03-01T10:10:00Z"));

        clock.advance(Duration.ofSeconds(1));
        assertThatThrownBy(() -> entra.verify(Optional.of(token), RESOURCE))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("expired")
                .hasMessageNotContaining(token);
    }

    @Test
    void a_changed_lifetime_applies_to_tokens_issued_afterwards_only() throws Exception {
        entra.tokenLifetime(Duration.ofMinutes(60));
        String longLived = secretToken(RESOURCE + "/.default");
        entra.tokenLifetime(Duration.ofSeconds(30));
        String shortLived = secretToken(RESOURCE + "/.default");

        clock.advance(Duration.ofSeconds(31));

        assertThat(entra.verify(Optional.of(longLived), RESOURCE).appId()).isEqualTo(SandboxFixtures.SECRET_APP);
        assertThatThrownBy(() -> entra.verify(Optional.of(shortLived), RESOURCE)).hasMessageContaining("expired");
    }

    @Test
    void audience_must_match_exactly_apart_from_a_trailing_slash_and_the_case_of_the_host() throws Exception {
        String token = secretToken(RESOURCE + "/.default");

        assertThat(entra.verify(Optional.of(token), RESOURCE + "/").audience()).isEqualTo(RESOURCE);
        assertThat(entra.verify(Optional.of(token), "HTTPS://127.0.0.1:9443/orgs/contoso-dev").audience()).isEqualTo(RESOURCE);
        assertThatThrownBy(() -> entra.verify(Optional.of(token), BASE + "/orgs/contoso-test"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("audience");
        assertThatThrownBy(() -> entra.verify(Optional.of(token), BASE + "/orgs/CONTOSO-DEV"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("audience");
        assertThatThrownBy(() -> entra.verify(Optional.of(token), BASE + "/orgs/contoso-dev/api"))
                .isInstanceOf(InvalidTokenException.class).hasMessageContaining("audience");
    }

    @Test
    void a_missing_or_foreign_token_is_refused() {
        EntraService otherSandbox = new EntraService(FixtureLoader.parse(SandboxFixtures.yaml(certificate)).tenants(), BASE, clock);
        SandboxResponse foreign = otherSandbox.handle(new SandboxRequest("POST", "/contoso/oauth2/v2.0/token", "", Map.of(),
                ("grant_type=client_credentials&client_id=" + SandboxFixtures.SECRET_APP + "&client_secret="
                        + URLEncoder.encode(SandboxFixtures.SECRET, StandardCharsets.UTF_8) + "&scope="
                        + URLEncoder.encode(RESOURCE + "/.default", StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8)),
                new RequestContext());
        assertThat(foreign.status()).isEqualTo(200);

        assertThatThrownBy(() -> entra.verify(Optional.empty(), RESOURCE)).hasMessageContaining("No bearer token");
        assertThatThrownBy(() -> entra.verify(Optional.of("not-a-jwt"), RESOURCE)).hasMessageContaining("not a signed JWT");
        String foreignToken = foreign.bodyAsString().replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
        assertThatThrownBy(() -> entra.verify(Optional.of(foreignToken), RESOURCE))
                .isInstanceOf(InvalidTokenException.class)
                .hasMessageContaining("not signed by this sandbox")
                .hasMessageNotContaining(foreignToken);
    }

    @Test
    void the_token_carries_the_claims_of_an_app_only_entra_token() throws Exception {
        String token = secretToken("openid profile offline_access " + RESOURCE + "/.default");
        String[] parts = token.split("\\.");
        JsonNode header = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = JSON.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));

        assertThat(header.get("alg").asText()).isEqualTo("RS256");
        assertThat(header.get("kid").asText()).isNotBlank();
        assertThat(claims.get("aud").asText()).isEqualTo(RESOURCE);
        assertThat(claims.get("iss").asText()).isEqualTo(BASE + "/" + SandboxFixtures.TENANT_ID + "/v2.0");
        assertThat(claims.get("tid").asText()).isEqualTo(SandboxFixtures.TENANT_ID);
        assertThat(claims.get("appid").asText()).isEqualTo(SandboxFixtures.SECRET_APP);
        assertThat(claims.get("azp").asText()).isEqualTo(SandboxFixtures.SECRET_APP);
        assertThat(claims.get("oid").asText()).isEqualTo(claims.get("sub").asText());
        assertThat(claims.get("ver").asText()).isEqualTo("2.0");
        assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
        assertThat(claims.get("nbf").asLong()).isEqualTo(claims.get("iat").asLong());
    }

    @Test
    void an_error_body_has_the_shape_entra_sends() throws Exception {
        SandboxResponse response = post("/contoso/oauth2/v2.0/token", Map.of("grant_type", "client_credentials",
                "client_id", SandboxFixtures.SECRET_APP, "client_secret", "wrong-secret-value", "scope", RESOURCE + "/.default"));

        assertThat(response.status()).isEqualTo(401);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid_client");
        assertThat(body.get("error_description").asText())
                .startsWith("AADSTS7000215: Invalid client secret provided.")
                .contains("\r\nTrace ID: " + body.get("trace_id").asText())
                .contains("\r\nCorrelation ID: " + body.get("correlation_id").asText())
                .endsWith("\r\nTimestamp: 2025-03-01 10:00:00Z")
                .doesNotContain("wrong-secret-value");
        assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(7000215);
        assertThat(body.get("timestamp").asText()).isEqualTo("2025-03-01 10:00:00Z");
        assertThat(body.get("error_uri").asText()).isEqualTo("https://login.microsoftonline.com/error?code=7000215");
    }

    @Test
    void scopes_are_checked_as_entra_checks_them_for_client_credentials() throws Exception {
        String path = "/contoso/oauth2/v2.0/token";
        Map<String, String> base = Map.of("grant_type", "client_credentials", "client_id", SandboxFixtures.SECRET_APP,
                "client_secret", SandboxFixtures.SECRET);

        assertError(post(path, with(base, "scope", RESOURCE + "/user_impersonation")), 400, "invalid_scope", 1002012);
        assertError(post(path, with(base, "scope", "openid profile")), 400, "invalid_scope", 1002012);
        assertError(post(path, with(base, "scope", RESOURCE + "/.default https://analysis.windows.net/powerbi/api/.default")),
                400, "invalid_scope", 70011);
        assertError(post(path, base), 400, "invalid_request", 900144);
        assertThat(post(path, with(base, "scope", RESOURCE + "/.default " + RESOURCE + "/.default")).status()).isEqualTo(200);
    }

    @Test
    void a_get_on_the_token_endpoint_and_an_unknown_grant_type_are_refused() throws Exception {
        SandboxResponse get = entra.handle(new SandboxRequest("GET", "/contoso/oauth2/v2.0/token", "", Map.of(), null),
                new RequestContext());
        assertError(get, 400, "invalid_request", 900561);
        assertError(post("/contoso/oauth2/v2.0/token", Map.of("grant_type", "password", "client_id", SandboxFixtures.SECRET_APP)),
                400, "unsupported_grant_type", 70003);
    }

    @Test
    void a_request_presenting_no_credential_or_two_is_refused() throws Exception {
        Map<String, String> base = Map.of("grant_type", "client_credentials", "client_id", SandboxFixtures.SECRET_APP,
                "scope", RESOURCE + "/.default");
        assertError(post("/contoso/oauth2/v2.0/token", base), 401, "invalid_client", 7000218);
        assertError(post("/contoso/oauth2/v2.0/token", with(with(base, "client_secret", SandboxFixtures.SECRET),
                "client_assertion", "a.b.c")), 400, "invalid_request", 9002313);
    }

    @Test
    void the_request_context_names_the_calling_client() {
        RequestContext context = new RequestContext();
        entra.handle(new SandboxRequest("POST", "/contoso/oauth2/v2.0/token", "", Map.of(),
                ("grant_type=client_credentials&client_id=" + SandboxFixtures.CERT_APP).getBytes(StandardCharsets.UTF_8)), context);
        assertThat(context.caller()).isEqualTo(SandboxFixtures.CERT_APP);
    }

    @Test
    void an_unknown_path_under_a_tenant_is_not_found() {
        assertThat(entra.handle(new SandboxRequest("GET", "/contoso/oauth2/v2.0/authorize", "", Map.of(), null),
                new RequestContext()).status()).isEqualTo(404);
    }

    private static Map<String, String> with(Map<String, String> base, String key, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(base);
        copy.put(key, value);
        return copy;
    }

    private static void assertError(SandboxResponse response, int status, String error, int code) throws Exception {
        assertThat(response.status()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.body());
        assertThat(body.get("error").asText()).isEqualTo(error);
        assertThat(body.get("error_codes").get(0).asInt()).isEqualTo(code);
        assertThat(body.get("error_description").asText()).startsWith("AADSTS" + code + ": ");
    }
}
