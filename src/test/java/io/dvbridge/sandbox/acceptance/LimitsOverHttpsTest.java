package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.dataverse.DataverseClient;
import io.dvbridge.dataverse.EntityKey;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.sandbox.RequestLog;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.limits.LimitsProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Service protection limits (the TEST profile: 20 requests per 3 s) over HTTPS, and DataverseClient riding them out. */
class LimitsOverHttpsTest {

    private static final UUID CONTOSO = UUID.fromString("0c000000-0000-4000-8000-000000000001");

    private static AcceptanceWorld world;

    @BeforeAll
    static void start() {
        world = AcceptanceWorld.start("""
                environments:
                  - name: contoso-dev
                    tenant: contoso
                    tables:
                      - logicalName: account
                        entitySetName: accounts
                        primaryName: name
                        rows:
                          - {accountid: %s, name: Contoso}
                powerbi:
                  workspaces:
                    - {id: 9a000000-0000-4000-8000-000000000001, name: Sales}
                """.formatted(CONTOSO), SandboxOptions.defaults().withLimits(LimitsProfile.TEST));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    /** Sends until the first 429; far more attempts than the limit, so the window cannot save every one of them. */
    private static HttpResponse<String> firstThrottled(Supplier<HttpResponse<String>> call) {
        for (int i = 0; i < 10 * LimitsProfile.TEST.requestsPerWindow(); i++) {
            HttpResponse<String> response = call.get();
            if (response.statusCode() == 429) {
                return response;
            }
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        }
        throw new AssertionError("never throttled");
    }

    private static HttpResponse<String> whoAmI() {
        return world.dataverseGet("WhoAmI", Map.of());
    }

    @Test
    void dataverse_answers_429_with_retry_after_and_code_0x80072322_once_the_limit_is_passed() {
        HttpResponse<String> throttled = firstThrottled(LimitsOverHttpsTest::whoAmI);

        long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, LimitsProfile.TEST.window().toSeconds());
        JsonNode error = AcceptanceWorld.json(throttled).path("error");
        assertThat(error.path("code").asText()).isEqualTo("0x80072322");
        assertThat(error.path("message").asText()).isEqualTo("Number of requests exceeded the limit of 20 over time window of 3 seconds.");
    }

    @Test
    void power_bi_answers_429_with_retry_after_once_the_limit_is_passed() {
        HttpResponse<String> throttled = firstThrottled(() -> world.get(world.sandbox().powerBiApiUrl() + "groups",
                world.powerBiToken(), Map.of()));

        long retryAfter = Long.parseLong(throttled.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, LimitsProfile.TEST.window().toSeconds());
        assertThat(AcceptanceWorld.json(throttled).path("message").asText())
                .isEqualTo("You have exceeded the amount of requests allowed in the current time frame and further requests will fail."
                        + " Retry in " + retryAfter + " seconds.");
    }

    @Test
    void the_dataverse_client_waits_the_full_retry_after_before_it_asks_again_and_then_succeeds() {
        RecordingHttpClient recording = new RecordingHttpClient(world.http());
        DataverseClient client = new DataverseClient(world.environment(), recording, RetryPolicy.DEFAULT, new ConcurrentHashMap<>());
        String path = "/orgs/contoso-dev/api/data/v9.2/accounts(" + CONTOSO + ")";
        firstThrottled(LimitsOverHttpsTest::whoAmI);
        long mark = world.mark();

        Map<String, Object> row = client.get("accounts", EntityKey.of(CONTOSO), List.of("name"), Optional.empty());

        assertThat(row).containsEntry("name", "Contoso");
        List<RecordingHttpClient.Answer> answers = recording.answers();
        List<RequestLog.Entry> arrivals = world.sandbox().requestLog().entries(e -> e.sequence() > mark && e.path().equals(path));
        assertThat(answers).extracting(RecordingHttpClient.Answer::status).startsWith(429).endsWith(200);
        assertThat(arrivals).extracting(RequestLog.Entry::status)
                .containsExactlyElementsOf(answers.stream().map(RecordingHttpClient.Answer::status).toList());
        for (int i = 0; i < answers.size() - 1; i++) {
            Duration retryAfter = Duration.ofSeconds(Long.parseLong(answers.get(i).retryAfter().orElseThrow()));
            assertThat(arrivals.get(i + 1).receivedAt())
                    .as("attempt %d arrived no earlier than Retry-After (%s) after the 429 was answered", i + 2, retryAfter)
                    .isAfterOrEqualTo(arrivals.get(i).answeredAt().plus(retryAfter));
        }
    }
}
