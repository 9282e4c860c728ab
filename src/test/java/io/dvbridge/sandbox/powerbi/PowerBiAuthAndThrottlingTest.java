package io.dvbridge.sandbox.powerbi;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.limits.LimitsProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static io.dvbridge.sandbox.powerbi.PowerBiTenant.header;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.json;
import static org.assertj.core.api.Assertions.assertThat;

class PowerBiAuthAndThrottlingTest {

    @Test
    void request_without_token_gets_power_bi_not_authorized_and_a_bearer_challenge() {
        PowerBiTenant tenant = new PowerBiTenant();

        SandboxResponse response = tenant.send("GET", "groups", null, null);

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.bodyAsString()).isEqualTo("{\"error\":{\"code\":\"PowerBINotAuthorizedException\",\"pbi.error\":"
                + "{\"code\":\"PowerBINotAuthorizedException\",\"parameters\":{},\"details\":[],\"exceptionCulprit\":1}}}");
        assertThat(header(response, "WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h)
                .startsWith("Bearer authorization_uri=").doesNotContain("invalid_token"));
        assertThat(tenant.context().caller()).isEmpty();
    }

    @Test
    void invalid_token_is_refused_with_invalid_token_in_the_challenge() {
        PowerBiTenant tenant = new PowerBiTenant();

        SandboxResponse response = tenant.sendRaw(new io.dvbridge.sandbox.http.SandboxRequest("GET",
                PowerBiService.PREFIX + "groups", null,
                java.util.Map.of("Authorization", java.util.List.of("Bearer forged")), null));

        assertThat(response.status()).isEqualTo(401);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("PowerBINotAuthorizedException");
        assertThat(header(response, "WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("error=\"invalid_token\""));
    }

    @Test
    void verified_caller_is_recorded_in_the_request_context_and_every_response_has_a_request_id() {
        PowerBiTenant tenant = new PowerBiTenant();

        SandboxResponse response = tenant.get("groups");

        assertThat(response.status()).isEqualTo(200);
        assertThat(tenant.context().caller()).isEqualTo(PowerBiTenant.APP);
        assertThat(header(response, "RequestId")).hasValueSatisfying(id -> assertThat(PowerBiIds.isGuid(id)).isTrue());
    }

    @Test
    void requests_beyond_the_window_limit_get_429_with_retry_after_in_seconds() {
        PowerBiTenant tenant = new PowerBiTenant(new LimitsProfile("tiny", 2, Duration.ofSeconds(60), 4));

        assertThat(tenant.get("groups").status()).isEqualTo(200);
        assertThat(tenant.get("groups").status()).isEqualTo(200);
        SandboxResponse throttled = tenant.get("groups");

        assertThat(throttled.status()).isEqualTo(429);
        assertThat(header(throttled, "Retry-After")).hasValue("60");
        JsonNode body = json(throttled);
        assertThat(body.path("message").asText()).contains("Retry in 60 seconds");
        assertThat(tenant.getAs("another-app", "groups").status()).as("limits are per caller").isEqualTo(200);
    }

    @Test
    void permits_are_released_after_each_request_so_sequential_calls_never_hit_the_concurrency_limit() {
        PowerBiTenant tenant = new PowerBiTenant(new LimitsProfile("one-at-a-time", 100, Duration.ofSeconds(60), 1));

        for (int i = 0; i < 5; i++) {
            assertThat(tenant.get("groups/" + PowerBiTenant.DEV + "/reports").status()).isEqualTo(200);
        }
        assertThat(tenant.get("groups/" + PowerBiTenant.DEV + "/reports/" + PowerBiTenant.R_INVOICE + "x").status())
                .as("an error response releases its permit too").isEqualTo(400);
        assertThat(tenant.get("groups").status()).isEqualTo(200);
    }

    @Test
    void unknown_route_is_404_and_wrong_method_is_405() {
        PowerBiTenant tenant = new PowerBiTenant();

        assertThat(tenant.get("dashboards-of-the-future").status()).isEqualTo(404);
        SandboxResponse wrongMethod = tenant.post("groups", "{}");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(header(wrongMethod, "Allow")).hasValue("GET");
    }
}
