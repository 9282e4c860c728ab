package io.dvbridge.sandbox.acceptance;

import io.dvbridge.auth.AccessToken;
import io.dvbridge.auth.Credential;
import io.dvbridge.auth.TokenSource;
import io.dvbridge.auth.TokenSourceRegistry;
import io.dvbridge.config.DvEnvironment;
import io.dvbridge.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Dataverse and Power BI refuse tokens for another audience and expired tokens with 401, over HTTPS with msal4j tokens. */
class TokensOverHttpsTest {

    private static AcceptanceWorld world;

    @BeforeAll
    static void start() {
        world = AcceptanceWorld.start("""
                environments:
                  - name: contoso-dev
                    tenant: contoso
                  - name: contoso-prod
                    tenant: contoso
                powerbi:
                  workspaces:
                    - {id: 9a000000-0000-4000-8000-000000000001, name: Sales}
                """, SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @AfterEach
    void normalLifetime() {
        world.sandbox().tokenLifetime(Duration.ofMinutes(60));
    }

    private static HttpResponse<String> dataverse(String token) {
        return world.get(world.dataverseApi() + "WhoAmI", token, Map.of());
    }

    private static HttpResponse<String> powerBi(String token) {
        return world.get(world.sandbox().powerBiApiUrl() + "groups", token, Map.of());
    }

    private static void assertPowerBiRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(AcceptanceWorld.json(response).at("/error/code").asText()).isEqualTo("PowerBINotAuthorizedException");
        assertThat(response.headers().firstValue("WWW-Authenticate")).isPresent();
    }

    private static void assertDataverseRefused(HttpResponse<String> response) {
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer "));
    }

    @Test
    void the_right_tokens_are_accepted_by_both_services() {
        assertThat(dataverse(world.dataverseToken()).statusCode()).isEqualTo(200);
        assertThat(powerBi(world.powerBiToken()).statusCode()).isEqualTo(200);
    }

    @Test
    void a_power_bi_token_sent_to_dataverse_is_refused_with_401() {
        assertDataverseRefused(dataverse(world.powerBiToken()));
    }

    @Test
    void a_dataverse_token_sent_to_power_bi_is_refused_with_401() {
        assertPowerBiRefused(powerBi(world.dataverseToken()));
    }

    @Test
    void a_token_for_another_environment_is_refused_with_401() {
        String prodToken = world.tokens().token(world.sandbox().dataverseResource("contoso-prod") + "/.default").value();

        assertDataverseRefused(dataverse(prodToken));
    }

    @Test
    void requests_without_a_token_are_refused_with_401() {
        assertDataverseRefused(dataverse(null));
        assertPowerBiRefused(powerBi(null));
    }

    @Test
    void expired_tokens_are_refused_with_401_by_dataverse_and_power_bi() throws InterruptedException {
        world.sandbox().tokenLifetime(Duration.ofSeconds(1));
        // A registry of its own: nothing cached elsewhere, both tokens come fresh from msal4j with the short lifetime.
        TokenSource shortLived = new TokenSourceRegistry().confidentialClient(world.sandbox().authority(AcceptanceWorld.TENANT_NAME),
                AcceptanceWorld.CLIENT_ID, new Credential.ClientSecret(AcceptanceWorld.SECRET), world.sandbox().clientTls());
        AccessToken dataverseToken = shortLived.token(world.environment().dataverseScope());
        AccessToken powerBiToken = shortLived.token(DvEnvironment.POWER_BI_SCOPE);
        Instant expired = Instant.ofEpochSecond(Math.max(dataverseToken.expiresOn().getEpochSecond(),
                powerBiToken.expiresOn().getEpochSecond()));

        while (!Instant.now().isAfter(expired.plusMillis(100))) {
            Thread.sleep(100);
        }

        assertDataverseRefused(dataverse(dataverseToken.value()));
        assertPowerBiRefused(powerBi(powerBiToken.value()));
    }
}
