package io.dvbridge.triggers.security;

import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.nimbusds.jose.util.Base64URL;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.entra.ApiAppFixture;
import io.dvbridge.sandbox.entra.MutableClock;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Entra ID bearer tokens issued by the sandbox tenant to real msal4j clients, checked by the guard,
 * which reads the tenant's discovery documents and key set over verified HTTPS.
 */
class EntraBearerTokenTest {

    private static final String HOST = "localhost:8080";
    private static Sandbox sandbox;
    private static Sandbox otherAuthority;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(FixtureLoader.parse(ApiAppFixture.yaml()), SandboxOptions.defaults());
        otherAuthority = Sandbox.start(FixtureLoader.parse(ApiAppFixture.yaml()), SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
        otherAuthority.close();
    }

    private static ApiGuard guard(MutableClock clock) {
        return guard(sandbox.authority("contoso"), sandbox.clientTls(), clock);
    }

    private static ApiGuard guard(String authority, SSLContext trust, MutableClock clock) {
        Map<String, String> properties = Map.of(
                "camel.server.host", "127.0.0.1",
                "dvbridge.api.entra.authority", authority,
                "dvbridge.api.entra.audience", ApiAppFixture.APP_ID_URI,
                "dvbridge.api.entra.client-id", ApiAppFixture.API_CLIENT_ID);
        return ApiGuard.create(SecuritySettings.from(k -> Optional.ofNullable(properties.get(k))), trust, clock);
    }

    private static MutableClock now() {
        return new MutableClock(Instant.now());
    }

    private static String token(Sandbox issuer, String clientId, String tenant, String scope) {
        try {
            ConfidentialClientApplication app = ConfidentialClientApplication.builder(clientId,
                            ClientCredentialFactory.createFromSecret(ApiAppFixture.SECRET))
                    .authority(issuer.authority(tenant)).instanceDiscovery(false).validateAuthority(false)
                    .sslSocketFactory(issuer.clientTls().getSocketFactory()).build();
            return app.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).skipCache(true).build()).join().accessToken();
        } catch (java.net.MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String apiToken(String clientId) {
        return token(sandbox, clientId, "contoso", ApiAppFixture.APP_ID_URI + "/.default");
    }

    private static Map<String, String> bearer(String token) {
        return Map.of("authorization", "Bearer " + token);
    }

    private static ApiAccessException refusal(ApiGuard guard, Map<String, String> headers, Permission needed) {
        ApiAccessException e = catchThrowableOfType(ApiAccessException.class, () -> guard.check(HOST, headers, needed));
        assertThat(e).as("the request should have been refused").isNotNull();
        return e;
    }

    private static int keySetReads(Sandbox target) {
        return target.requestLog().entries(e -> e.path().equals("/" + ApiAppFixture.TENANT_ID + "/discovery/v2.0/keys")).size();
    }

    @Test
    void a_valid_token_with_the_role_yields_the_client_application_as_caller() {
        Caller caller = guard(now()).check(HOST, bearer(apiToken(ApiAppFixture.RUNNER)), Permission.RUN_JOBS);

        assertThat(caller).isEqualTo(new Caller(ApiAppFixture.RUNNER, Caller.ENTRA, Set.of(Permission.RUN_JOBS, Permission.READ_RUNS)));
    }

    @Test
    void a_v2_token_whose_audience_is_the_api_client_id_is_accepted_when_the_client_id_is_configured() {
        String token = token(sandbox, ApiAppFixture.RUNNER, "contoso", ApiAppFixture.V2_APP_ID_URI + "/.default");
        Map<String, String> properties = new java.util.HashMap<>(Map.of("camel.server.host", "127.0.0.1",
                "dvbridge.api.entra.authority", sandbox.authority("contoso"),
                "dvbridge.api.entra.audience", ApiAppFixture.V2_APP_ID_URI));
        ApiGuard withoutClientId = ApiGuard.create(SecuritySettings.from(k -> Optional.ofNullable(properties.get(k))),
                sandbox.clientTls(), now());
        properties.put("dvbridge.api.entra.client-id", ApiAppFixture.V2_API_CLIENT_ID);
        ApiGuard withClientId = ApiGuard.create(SecuritySettings.from(k -> Optional.ofNullable(properties.get(k))),
                sandbox.clientTls(), now());

        assertThat(withClientId.check(HOST, bearer(token), Permission.RUN_JOBS).name()).isEqualTo(ApiAppFixture.RUNNER);
        assertThat(refusal(withoutClientId, bearer(token), Permission.RUN_JOBS).getMessage()).isEqualTo("The token is for another audience");
    }

    @Test
    void a_request_without_credentials_is_answered_401_with_a_bearer_challenge() {
        ApiAccessException e = refusal(guard(now()), Map.of(), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.wwwAuthenticate()).contains("Bearer realm=\"dvbridge\"");
    }

    @Test
    void an_api_key_is_refused_where_only_entra_is_configured() {
        ApiAccessException e = refusal(guard(now()), Map.of("X-API-Key", "a-key-of-at-least-32-characters-0123456789"),
                Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).startsWith("API keys are not accepted here");
    }

    @Test
    void with_tokens_and_keys_configured_both_work_and_a_bare_request_is_offered_both() {
        String key = "pipeline-key-0123456789abcdefghijklmnop";
        Map<String, String> properties = Map.of("camel.server.host", "127.0.0.1",
                "dvbridge.api.entra.authority", sandbox.authority("contoso"),
                "dvbridge.api.entra.audience", ApiAppFixture.APP_ID_URI,
                "dvbridge.api.keys", "pipeline",
                "dvbridge.api.keys.pipeline", key);
        ApiGuard guard = ApiGuard.create(SecuritySettings.from(k -> Optional.ofNullable(properties.get(k))), sandbox.clientTls(), now());

        assertThat(guard.check(HOST, bearer(apiToken(ApiAppFixture.RUNNER)), Permission.RUN_JOBS).kind()).isEqualTo(Caller.ENTRA);
        assertThat(guard.check(HOST, Map.of("X-API-Key", key), Permission.RUN_JOBS).kind()).isEqualTo(Caller.API_KEY);
        assertThat(refusal(guard, Map.of(), Permission.RUN_JOBS).wwwAuthenticate())
                .contains("Bearer realm=\"dvbridge\", ApiKey realm=\"dvbridge\"");
        assertThat(guard.describe()).contains("Entra ID tokens for api://dvbridge").contains("API keys [pipeline]")
                .doesNotContain(key);
    }

    @Test
    void an_expired_token_is_refused_as_invalid_token() {
        sandbox.tokenLifetime(Duration.ofSeconds(30));
        String token;
        try {
            token = apiToken(ApiAppFixture.RUNNER);
        } finally {
            sandbox.tokenLifetime(Duration.ofMinutes(60));
        }
        MutableClock clock = now();
        ApiGuard guard = guard(clock);
        guard.check(HOST, bearer(token), Permission.RUN_JOBS);

        clock.advance(Duration.ofSeconds(30).plus(EntraTokenValidator.CLOCK_SKEW).plusSeconds(5));
        ApiAccessException e = refusal(guard, bearer(token), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("The token has expired");
        assertThat(e.wwwAuthenticate()).contains("Bearer realm=\"dvbridge\", error=\"invalid_token\", "
                + "error_description=\"The token has expired\"");
    }

    @Test
    void a_dataverse_token_of_the_same_tenant_is_refused_for_its_audience() {
        String token = token(sandbox, ApiAppFixture.RUNNER, "contoso", sandbox.dataverseResource("contoso-dev") + "/.default");

        ApiAccessException e = refusal(guard(now()), bearer(token), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("The token is for another audience");
    }

    @Test
    void a_token_another_tenant_issued_for_its_own_api_of_the_same_uri_is_refused_for_its_issuer() {
        String token = token(sandbox, ApiAppFixture.OTHER_TENANT_RUNNER, "fabrikam", ApiAppFixture.APP_ID_URI + "/.default");

        ApiAccessException e = refusal(guard(now()), bearer(token), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("The token was issued by another tenant or authority");
    }

    @Test
    void a_token_from_another_authority_is_refused_for_its_signing_key() {
        String token = token(otherAuthority, ApiAppFixture.RUNNER, "contoso", ApiAppFixture.APP_ID_URI + "/.default");

        ApiAccessException e = refusal(guard(now()), bearer(token), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("The token is signed by a key the tenant does not publish");
    }

    @Test
    void a_token_whose_claims_were_changed_after_signing_is_refused_for_its_signature() {
        String[] parts = apiToken(ApiAppFixture.NO_ROLES).split("\\.");
        String claims = Base64URL.from(parts[1]).decodeToString();
        String forged = parts[0] + "." + Base64URL.encode(claims.replaceFirst("\\{", "{\"roles\":[\"Jobs.Run\"],")) + "." + parts[2];

        ApiAccessException e = refusal(guard(now()), bearer(forged), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("The token signature is invalid");
    }

    @Test
    void an_unsigned_token_is_refused_before_any_key_is_looked_up() {
        String[] parts = apiToken(ApiAppFixture.RUNNER).split("\\.");
        String unsigned = Base64URL.encode("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + parts[1] + ".";

        ApiAccessException e = refusal(guard(now()), bearer(unsigned), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isIn("The token is not a signed JWT", "The token is not signed with RS256");
    }

    @Test
    void a_token_without_the_needed_role_is_answered_403_naming_the_role() {
        ApiAccessException e = refusal(guard(now()), bearer(apiToken(ApiAppFixture.READER)), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("The application " + ApiAppFixture.READER + " has not been assigned the app role Jobs.Run");
        assertThat(e.wwwAuthenticate()).hasValueSatisfying(v -> assertThat(v).contains("error=\"insufficient_scope\""));
    }

    @Test
    void jobs_run_alone_starts_jobs_but_does_not_grant_reading_runs() {
        ApiGuard guard = guard(now());
        String token = apiToken(ApiAppFixture.TRIGGER_ONLY);

        assertThat(guard.check(HOST, bearer(token), Permission.RUN_JOBS).permissions()).containsExactly(Permission.RUN_JOBS);
        ApiAccessException e = refusal(guard, bearer(token), Permission.READ_RUNS);
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).endsWith("the app role Runs.Read");
    }

    @Test
    void a_token_without_any_role_is_answered_403() {
        ApiAccessException e = refusal(guard(now()), bearer(apiToken(ApiAppFixture.NO_ROLES)), Permission.READ_RUNS);

        assertThat(e.status()).isEqualTo(403);
    }

    @Test
    void a_token_signed_with_a_rolled_over_key_makes_one_key_set_read_and_is_accepted() {
        MutableClock clock = now();
        ApiGuard guard = guard(clock);
        guard.check(HOST, bearer(apiToken(ApiAppFixture.RUNNER)), Permission.RUN_JOBS);
        int readsAfterFirstToken = keySetReads(sandbox);

        clock.advance(TenantSigningKeys.MIN_REFRESH_INTERVAL);
        sandbox.entra().rollOverSigningKey();
        Caller caller = guard.check(HOST, bearer(apiToken(ApiAppFixture.RUNNER)), Permission.RUN_JOBS);

        assertThat(caller.name()).isEqualTo(ApiAppFixture.RUNNER);
        assertThat(keySetReads(sandbox)).isEqualTo(readsAfterFirstToken + 1);
    }

    @Test
    void tokens_naming_made_up_keys_make_at_most_one_key_set_read_per_interval() {
        MutableClock clock = now();
        ApiGuard guard = guard(clock);
        String[] parts = apiToken(ApiAppFixture.RUNNER).split("\\.");
        guard.check(HOST, bearer(String.join(".", parts)), Permission.RUN_JOBS);
        clock.advance(TenantSigningKeys.MIN_REFRESH_INTERVAL);
        int before = keySetReads(sandbox);

        for (int i = 0; i < 5; i++) {
            String header = Base64URL.encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"made-up-" + i + "\"}").toString();
            ApiAccessException e = refusal(guard, bearer(header + "." + parts[1] + "." + parts[2]), Permission.RUN_JOBS);
            assertThat(e.getMessage()).isEqualTo("The token is signed by a key the tenant does not publish");
        }

        assertThat(keySetReads(sandbox)).isEqualTo(before + 1);
    }

    @Test
    void the_key_set_is_read_once_and_again_only_after_a_day() {
        MutableClock clock = now();
        ApiGuard guard = guard(clock);
        String token = apiToken(ApiAppFixture.RUNNER);
        int before = keySetReads(sandbox);

        for (int i = 0; i < 3; i++) {
            guard.check(HOST, bearer(token), Permission.RUN_JOBS);
        }
        assertThat(keySetReads(sandbox)).isEqualTo(before + 1);

        clock.advance(Duration.ofHours(25));
        ApiAccessException e = refusal(guard, bearer(token), Permission.RUN_JOBS);
        assertThat(e.getMessage()).isEqualTo("The token has expired");
        assertThat(keySetReads(sandbox)).isEqualTo(before + 2);
    }

    @Test
    void while_the_tenant_cannot_be_reached_bearer_tokens_are_answered_503() throws Exception {
        ApiGuard guard = guard("https://127.0.0.1:1/" + ApiAppFixture.TENANT_ID, SSLContext.getDefault(), now());

        ApiAccessException e = refusal(guard, bearer(apiToken(ApiAppFixture.RUNNER)), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).doesNotContain("eyJ");
    }
}
