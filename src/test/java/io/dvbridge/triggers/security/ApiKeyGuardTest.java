package io.dvbridge.triggers.security;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Named API keys from configuration, and the Host check that comes before any credential. */
class ApiKeyGuardTest {

    private static final String HOST = "localhost:8080";
    private final ApiGuard guard = GuardSettings.withKeys().guard();

    private ApiAccessException refusal(String host, Map<String, String> headers, Permission needed) {
        ApiAccessException e = catchThrowableOfType(ApiAccessException.class, () -> guard.check(host, headers, needed));
        assertThat(e).as("the request should have been refused").isNotNull();
        return e;
    }

    @Test
    void the_right_key_in_x_api_key_yields_the_key_name_as_caller() {
        Caller caller = guard.check(HOST, Map.of("X-API-Key", GuardSettings.CI_KEY), Permission.RUN_JOBS);

        assertThat(caller).isEqualTo(new Caller("ci", Caller.API_KEY, Set.of(Permission.RUN_JOBS, Permission.READ_RUNS)));
    }

    @Test
    void the_key_is_also_accepted_as_authorization_apikey_with_header_names_in_any_case() {
        assertThat(guard.check(HOST, Map.of("authorization", "ApiKey " + GuardSettings.CI_KEY), Permission.RUN_JOBS).name())
                .isEqualTo("ci");
        assertThat(guard.check(HOST, Map.of("x-api-key", GuardSettings.DASHBOARD_KEY), Permission.READ_RUNS).name())
                .isEqualTo("dashboard");
    }

    @Test
    void a_wrong_key_is_answered_401_with_an_apikey_challenge_that_does_not_echo_it() {
        ApiAccessException e = refusal(HOST, Map.of("X-API-Key", "not-a-key-of-ours-0123456789abcdef"), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("The API key is not valid");
        assertThat(e.wwwAuthenticate()).contains("ApiKey realm=\"dvbridge\"");
    }

    @Test
    void a_prefix_or_an_extension_of_a_right_key_is_not_a_right_key() {
        String key = GuardSettings.CI_KEY;

        assertThat(refusal(HOST, Map.of("X-API-Key", key.substring(0, key.length() - 1)), Permission.RUN_JOBS).status()).isEqualTo(401);
        assertThat(refusal(HOST, Map.of("X-API-Key", key + "x"), Permission.RUN_JOBS).status()).isEqualTo(401);
        assertThat(refusal(HOST, Map.of("X-API-Key", key.toUpperCase()), Permission.RUN_JOBS).status()).isEqualTo(401);
    }

    @Test
    void a_request_without_credentials_is_answered_401_saying_how_to_send_a_key() {
        ApiAccessException e = refusal(HOST, Map.of("Content-Type", "application/json"), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).contains("X-API-Key: <key>");
        assertThat(e.wwwAuthenticate()).contains("ApiKey realm=\"dvbridge\"");
    }

    @Test
    void two_credentials_at_once_are_refused() {
        ApiAccessException e = refusal(HOST, Map.of("X-API-Key", GuardSettings.CI_KEY, "Authorization",
                "ApiKey " + GuardSettings.DASHBOARD_KEY), Permission.READ_RUNS);

        assertThat(e.status()).isEqualTo(401);
    }

    @Test
    void a_bearer_token_is_refused_where_only_api_keys_are_configured() {
        ApiAccessException e = refusal(HOST, Map.of("Authorization", "Bearer eyJhbGciOiJSUzI1NiJ9.e30.c2ln"), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).startsWith("Bearer tokens are not accepted here").doesNotContain("eyJ");
    }

    @Test
    void another_authorization_scheme_is_refused_saying_which_are_accepted() {
        ApiAccessException e = refusal(HOST, Map.of("Authorization", "Basic Y2k6" + GuardSettings.CI_KEY), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(401);
        assertThat(e.getMessage()).startsWith("This Authorization scheme is not accepted").doesNotContain(GuardSettings.CI_KEY);
    }

    @Test
    void a_key_without_the_permission_is_answered_403_naming_key_and_permission() {
        ApiAccessException e = refusal(HOST, Map.of("X-API-Key", GuardSettings.DASHBOARD_KEY), Permission.RUN_JOBS);

        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("The API key 'dashboard' does not grant Jobs.Run");
    }

    @Test
    void a_foreign_host_is_answered_421_before_credentials_are_looked_at() {
        ApiAccessException withKey = refusal("attacker.example.com:8080", Map.of("X-API-Key", GuardSettings.CI_KEY), Permission.RUN_JOBS);
        ApiAccessException withoutKey = refusal("attacker.example.com", Map.of(), Permission.RUN_JOBS);

        assertThat(withKey.status()).isEqualTo(421);
        assertThat(withoutKey.status()).isEqualTo(421);
        assertThat(withoutKey.wwwAuthenticate()).isEmpty();
        assertThat(withKey.getMessage()).doesNotContain("attacker");
    }

    @Test
    void loopback_names_with_the_server_port_are_the_default_hosts() {
        for (String host : new String[]{"localhost:8080", "127.0.0.1:8080", "[::1]:8080", "LocalHost:8080"}) {
            assertThat(guard.check(host, Map.of("X-API-Key", GuardSettings.CI_KEY), Permission.RUN_JOBS).name()).as(host).isEqualTo("ci");
        }
        for (String host : new String[]{"localhost:8081", "localhost", "127.0.0.2:8080", "localhost.:8080", "localhost:8080@evil",
                "", "[::1]x:8080"}) {
            assertThat(refusal(host, Map.of("X-API-Key", GuardSettings.CI_KEY), Permission.RUN_JOBS).status()).as(host).isEqualTo(421);
        }
        assertThat(refusal(null, Map.of("X-API-Key", GuardSettings.CI_KEY), Permission.RUN_JOBS).status()).isEqualTo(421);
    }

    @Test
    void a_configured_host_without_port_matches_the_bare_name_and_the_server_port() {
        ApiGuard configured = GuardSettings.withKeys().with("dvbridge.api.allowed-hosts", "dvbridge.example.com, localhost:9000").guard();
        Map<String, String> key = Map.of("X-API-Key", GuardSettings.CI_KEY);

        assertThat(configured.check("dvbridge.example.com", key, Permission.RUN_JOBS).name()).isEqualTo("ci");
        assertThat(configured.check("dvbridge.example.com:8080", key, Permission.RUN_JOBS).name()).isEqualTo("ci");
        assertThat(configured.check("localhost:9000", key, Permission.RUN_JOBS).name()).isEqualTo("ci");
        assertThatThrownBy(() -> configured.check("dvbridge.example.com:9999", key, Permission.RUN_JOBS))
                .isInstanceOfSatisfying(ApiAccessException.class, e -> assertThat(e.status()).isEqualTo(421));
        assertThatThrownBy(() -> configured.check("localhost:8080", key, Permission.RUN_JOBS))
                .isInstanceOfSatisfying(ApiAccessException.class, e -> assertThat(e.status()).isEqualTo(421));
    }

    @Test
    void with_an_ephemeral_server_port_loopback_names_are_answered_on_any_port_and_foreign_names_still_not() {
        ApiGuard ephemeral = GuardSettings.withKeys().with("camel.server.port", "0").guard();
        Map<String, String> key = Map.of("X-API-Key", GuardSettings.CI_KEY);

        assertThat(ephemeral.check("127.0.0.1:41234", key, Permission.RUN_JOBS).name()).isEqualTo("ci");
        assertThat(ephemeral.check("localhost:5000", key, Permission.RUN_JOBS).name()).isEqualTo("ci");
        assertThatThrownBy(() -> ephemeral.check("attacker.example.com:41234", key, Permission.RUN_JOBS))
                .isInstanceOfSatisfying(ApiAccessException.class, e -> assertThat(e.status()).isEqualTo(421));
    }

    @Test
    void describe_names_the_keys_but_never_a_key() {
        assertThat(guard.describe()).contains("API keys [ci, dashboard]").contains("localhost:8080").contains("CORS: off")
                .doesNotContain(GuardSettings.CI_KEY).doesNotContain(GuardSettings.DASHBOARD_KEY);
        assertThat(guard.generatedKeyFile()).isEmpty();
    }
}
