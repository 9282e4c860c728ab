package io.dvbridge.auth;

import io.dvbridge.sandbox.entra.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CachingTokenSourceTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void an_hour_token_is_renewed_five_minutes_before_it_expires() {
        assertThat(CachingTokenSource.renewAt(T0, T0.plus(Duration.ofMinutes(60)))).isEqualTo(T0.plus(Duration.ofMinutes(55)));
    }

    @Test
    void a_token_living_less_than_ten_minutes_is_renewed_at_half_its_lifetime() {
        assertThat(CachingTokenSource.renewAt(T0, T0.plus(Duration.ofMinutes(4)))).isEqualTo(T0.plus(Duration.ofMinutes(2)));
        assertThat(CachingTokenSource.renewAt(T0, T0.plusSeconds(2))).isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void a_cached_token_is_reused_until_renewal_time_and_replaced_after() {
        MutableClock clock = new MutableClock(T0);
        AtomicInteger calls = new AtomicInteger();
        CachingTokenSource source = new CachingTokenSource("test", scope ->
                new AccessToken("token-" + calls.incrementAndGet(), clock.instant().plus(Duration.ofMinutes(60))), clock);

        assertThat(source.token("s").value()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(54));
        assertThat(source.token("s").value()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(source.token("s").value()).isEqualTo("token-2");
        assertThat(source.token("other").value()).isEqualTo("token-3");
    }

    @Test
    void serve_says_whether_the_token_came_from_the_cache_or_was_fetched_for_the_call() {
        MutableClock clock = new MutableClock(T0);
        AtomicInteger calls = new AtomicInteger();
        CachingTokenSource source = new CachingTokenSource("test", scope ->
                new AccessToken("token-" + calls.incrementAndGet(), clock.instant().plus(Duration.ofMinutes(60))), clock);

        assertThat(source.serve("s")).isEqualTo(new ServedToken(new AccessToken("token-1", T0.plus(Duration.ofMinutes(60))), false));
        assertThat(source.serve("s").fromCache()).isTrue();
        clock.advance(Duration.ofMinutes(55));
        assertThat(source.serve("s").fromCache()).isFalse();
        assertThat(source.serve("s").token().value()).isEqualTo("token-2");
    }

    @Test
    void invalidate_forgets_only_the_named_scope() {
        MutableClock clock = new MutableClock(T0);
        AtomicInteger calls = new AtomicInteger();
        CachingTokenSource source = new CachingTokenSource("test", scope ->
                new AccessToken(scope + "-" + calls.incrementAndGet(), clock.instant().plus(Duration.ofMinutes(60))), clock);
        source.token("a");
        source.token("b");

        source.invalidate("a");
        source.invalidate("never-asked");

        assertThat(source.token("a").value()).isEqualTo("a-3");
        assertThat(source.token("b").value()).isEqualTo("b-2");
    }

    @Test
    void a_failure_is_not_cached() {
        AtomicInteger calls = new AtomicInteger();
        CachingTokenSource source = new CachingTokenSource("test", scope -> {
            if (calls.incrementAndGet() == 1) {
                throw new AuthenticationException("https://a/", "c", scope, "temporarily_unavailable", 503,
                        java.util.Optional.empty(), "busy", null);
            }
            return new AccessToken("ok", T0.plus(Duration.ofHours(1)));
        }, new MutableClock(T0));

        assertThatThrownBy(() -> source.token("s")).isInstanceOf(AuthenticationException.class);
        assertThat(source.token("s").value()).isEqualTo("ok");
    }

    @Test
    void concurrent_callers_of_one_scope_share_one_acquisition() throws Exception {
        CountDownLatch inFlight = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger calls = new AtomicInteger();
        CachingTokenSource source = new CachingTokenSource("test", scope -> {
            calls.incrementAndGet();
            inFlight.countDown();
            await(release);
            return new AccessToken("shared", T0.plus(Duration.ofHours(1)));
        }, new MutableClock(T0));

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<AccessToken>> results = new ArrayList<>();
            results.add(pool.submit(() -> source.token("s")));
            inFlight.await();
            for (int i = 0; i < 7; i++) {
                results.add(pool.submit(() -> source.token("s")));
            }
            release.countDown();
            for (Future<AccessToken> result : results) {
                assertThat(result.get().value()).isEqualTo("shared");
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(calls).hasValue(1);
    }

    @Test
    void to_string_shows_the_description_and_no_token() {
        CachingTokenSource source = new CachingTokenSource("TokenSource[clientId=x]", scope ->
                new AccessToken("very-secret-token", T0.plus(Duration.ofHours(1))), new MutableClock(T0));
        source.token("s");
        assertThat(source.toString()).isEqualTo("TokenSource[clientId=x]");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
