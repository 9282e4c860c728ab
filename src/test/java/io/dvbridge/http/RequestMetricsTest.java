package io.dvbridge.http;

import io.dvbridge.metrics.DvMetrics;
import io.dvbridge.metrics.MeterNames;
import io.dvbridge.metrics.RowOutcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP pipeline's meters, recorded where it handles each answer, and the row counts taken from reports. */
class RequestMetricsTest {

    private final FakeHttpsServer server = new FakeHttpsServer();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void answers_by_status_class_429_waits_in_seconds_and_tokens_are_counted_per_environment_and_service() {
        server.respondInTurn(FakeHttpsServer.replies(FakeHttpsServer.Reply.status(429).withHeader("Retry-After", "1"),
                FakeHttpsServer.Reply.status(503), FakeHttpsServer.Reply.json(200, "{}")));
        ResilientHttpExecutor executor = new ResilientHttpExecutor("Dataverse",
                HttpClients.forEnvironment(server.clientTls(), Duration.ofSeconds(5)), URI.create(server.origin() + "/api/"), "scope",
                new RecordingTokenSource(), new DvMetrics(registry).service("contoso-prod", "dataverse"));
        RetryPolicy fast = new RetryPolicy(3, Duration.ofMillis(1), Duration.ofMillis(2), 3, Duration.ofSeconds(5), Duration.ofSeconds(10));

        HttpResult result = executor.send(OutboundRequest.get(URI.create(server.origin() + "/api/accounts?$filter=name%20eq%20%27x%27"), Map.of()), fast);

        assertThat(result.status()).isEqualTo(200);
        assertThat(count(MeterNames.REQUESTS, "status", "4xx")).isEqualTo(1);
        assertThat(count(MeterNames.REQUESTS, "status", "5xx")).isEqualTo(1);
        assertThat(count(MeterNames.REQUESTS, "status", "2xx")).isEqualTo(1);
        assertThat(count(MeterNames.THROTTLED, "service", "dataverse")).isEqualTo(1);
        assertThat(count(MeterNames.THROTTLE_WAIT, "environment", "contoso-prod")).isEqualTo(1.0);
        assertThat(count(MeterNames.TOKENS, "source", "fetched")).as("a source without a cache fetches per attempt").isEqualTo(3);
        assertThat(registry.getMeters()).allSatisfy(meter -> assertThat(meter.getId().getTags())
                .noneMatch(tag -> tag.getValue().contains("/") || tag.getValue().contains("filter")));
    }

    @Test
    void report_counts_become_rows_by_outcome_and_other_counts_are_left_out() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("exported", 10L);
        counts.put("import.created", 4L);
        counts.put("import.updated", 3L);
        counts.put("import.failed", 2L);
        counts.put("rejected", 1L);
        counts.put("unchanged", 7L);
        counts.put("writeRequests", 12L);

        new DvMetrics(registry).runEnded("migrate", "NEEDS_ATTENTION", Duration.ofSeconds(3), counts);

        assertThat(count(MeterNames.ROWS, "outcome", "read")).isEqualTo(10);
        assertThat(count(MeterNames.ROWS, "outcome", "written")).isEqualTo(7);
        assertThat(count(MeterNames.ROWS, "outcome", "failed")).isEqualTo(2);
        assertThat(count(MeterNames.ROWS, "outcome", "rejected")).isEqualTo(1);
        assertThat(registry.find(MeterNames.ROWS).counters()).hasSize(4);
        assertThat(count(MeterNames.RUNS, "status", "NEEDS_ATTENTION")).isEqualTo(1);
        assertThat(registry.get(MeterNames.RUN_DURATION).tag("job", "migrate").timer().totalTime(java.util.concurrent.TimeUnit.SECONDS))
                .isEqualTo(3.0);
        assertThat(RowOutcome.ofCount("upserted")).contains(RowOutcome.WRITTEN);
        assertThat(RowOutcome.ofCount("planned")).isEmpty();
    }

    private double count(String name, String tag, String value) {
        return registry.find(name).tag(tag, value).counters().stream().mapToDouble(c -> c.count()).sum();
    }
}
