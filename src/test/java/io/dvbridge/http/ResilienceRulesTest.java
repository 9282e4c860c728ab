package io.dvbridge.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResilienceRulesTest {

    @Test
    void the_origin_is_scheme_host_and_port_with_default_ports_filled_in() {
        Origin origin = Origin.of(URI.create("https://Org.crm.dynamics.com/api/data/v9.2/"));

        assertThat(origin.contains(URI.create("https://org.crm.dynamics.com:443/api/data/v9.2/accounts?$skiptoken=x"))).isTrue();
        assertThat(origin.contains(URI.create("http://org.crm.dynamics.com/api/data/v9.2/accounts"))).isFalse();
        assertThat(origin.contains(URI.create("https://org.crm.dynamics.com:8443/api/data/v9.2/accounts"))).isFalse();
        assertThat(origin.contains(URI.create("https://org.crm.dynamics.com.evil.example/api"))).isFalse();
        assertThat(origin.contains(URI.create("/api/data/v9.2/accounts"))).isFalse();
        assertThatThrownBy(() -> origin.requireSame(URI.create("https://evil.example/x?token=secret")))
                .isInstanceOf(ForeignHostException.class).hasMessageNotContaining("secret");
    }

    @Test
    void retry_after_is_read_as_seconds_or_as_an_http_date() {
        assertThat(ResilientHttpExecutor.parseRetryAfter("7")).contains(Duration.ofSeconds(7));
        assertThat(ResilientHttpExecutor.parseRetryAfter("soon")).isEmpty();
        assertThat(ResilientHttpExecutor.parseRetryAfter("-3")).isEmpty();
        String inTwoMinutes = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now(ZoneOffset.UTC).plusMinutes(2));
        assertThat(ResilientHttpExecutor.parseRetryAfter(inTwoMinutes)).hasValueSatisfying(d ->
                assertThat(d).isBetween(Duration.ofSeconds(100), Duration.ofSeconds(120)));
    }

    @Test
    void the_backoff_ceiling_doubles_per_retry_and_stops_at_the_maximum() {
        RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), 10,
                Duration.ofSeconds(300), Duration.ofSeconds(120));

        assertThat(policy.backoffCeiling(0)).hasMillis(500);
        assertThat(policy.backoffCeiling(1)).hasMillis(1000);
        assertThat(policy.backoffCeiling(3)).hasMillis(4000);
        assertThat(policy.backoffCeiling(6)).hasSeconds(30);
        assertThat(policy.backoffCeiling(200)).hasSeconds(30);
    }

    @Test
    void the_default_policy_matches_the_documented_defaults() {
        assertThat(RetryPolicy.DEFAULT).isEqualTo(new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(30), 10,
                Duration.ofSeconds(300), Duration.ofSeconds(120)));
    }
}
