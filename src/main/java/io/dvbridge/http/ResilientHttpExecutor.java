package io.dvbridge.http;

import io.dvbridge.auth.AccessToken;
import io.dvbridge.auth.ServedToken;
import io.dvbridge.auth.TokenSource;
import io.dvbridge.metrics.DvMetrics;
import io.dvbridge.metrics.ServiceMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends authorized requests to one service of one environment and owns everything a caller should
 * not have to think about: the origin check, bearer tokens, 401 refresh, 429 Retry-After, backoff
 * on 5xx and lost connections for idempotent requests, and a timeout on every attempt.
 * <p>
 * It never throws for an HTTP status: the final {@link HttpResult} goes back to the service client,
 * which translates errors into its own exception type. Logs name method, path and status only; meters
 * ({@link ServiceMetrics}) count answers by status class, 429 waits and tokens by source.
 */
public final class ResilientHttpExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(ResilientHttpExecutor.class);
    private static final Set<Integer> TRANSIENT_SERVER_ERRORS = Set.of(500, 502, 503, 504);

    private final String serviceName;
    private final HttpClient http;
    private final Origin origin;
    private final String scope;
    private final TokenSource tokens;
    private final ConcurrencyLimiter limiter;
    private final ServiceMetrics metrics;

    /** As {@link #ResilientHttpExecutor(String, HttpClient, URI, String, TokenSource, ConcurrencyLimiter, ServiceMetrics)}, unpaced, metering nothing. */
    public ResilientHttpExecutor(String serviceName, HttpClient http, URI base, String scope, TokenSource tokens) {
        this(serviceName, http, base, scope, tokens, ConcurrencyLimiter.NONE, DvMetrics.none().service("none", "none"));
    }

    /** Unpaced, recording in {@code metrics}. */
    public ResilientHttpExecutor(String serviceName, HttpClient http, URI base, String scope, TokenSource tokens,
                                 ServiceMetrics metrics) {
        this(serviceName, http, base, scope, tokens, ConcurrencyLimiter.NONE, metrics);
    }

    /**
     * @param serviceName for log lines and messages ("Dataverse", "Power BI")
     * @param base        the configured base URL; every request must stay on its origin
     * @param scope       the token scope for this service
     * @param limiter     admits every attempt (a retry too) and hears how it ended
     * @param metrics     this service's meters in its environment
     */
    public ResilientHttpExecutor(String serviceName, HttpClient http, URI base, String scope, TokenSource tokens,
                                 ConcurrencyLimiter limiter, ServiceMetrics metrics) {
        this.limiter = limiter;
        this.metrics = metrics;
        this.serviceName = serviceName;
        this.http = http;
        this.origin = Origin.of(base);
        this.scope = scope;
        this.tokens = tokens;
    }

    public Origin origin() {
        return origin;
    }

    /**
     * @throws ForeignHostException       when the URL leaves the configured origin (nothing is sent)
     * @throws TransportFailureException  when no HTTP answer arrived on any allowed attempt
     */
    public HttpResult send(OutboundRequest request, RetryPolicy policy) {
        origin.requireSame(request.uri());
        String path = request.uri().getRawPath();
        boolean tokenRefreshed = false;
        int serverRetries = 0;
        int throttleRetries = 0;
        int attempts = 0;
        while (true) {
            attempts++;
            HttpResponse<byte[]> response;
            try {
                response = sendAdmitted(request, policy);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while calling " + serviceName + " " + request.method() + " " + path, e);
            } catch (IOException e) {
                metrics.noAnswer();
                if (!request.idempotent()) {
                    throw new TransportFailureException(request.method(), path, attempts, "not retried: the request is not idempotent", e);
                }
                if (serverRetries >= policy.maxRetries()) {
                    throw new TransportFailureException(request.method(), path, attempts, "retries exhausted", e);
                }
                Duration wait = jitter(policy.backoffCeiling(serverRetries));
                serverRetries++;
                LOG.warn("{} {} {} failed ({}); retry {} of {} in {} ms", serviceName, request.method(), path,
                        e.getClass().getSimpleName(), serverRetries, policy.maxRetries(), wait.toMillis());
                sleep(wait);
                continue;
            }
            int status = response.statusCode();
            metrics.answered(status);
            if (status == 401 && !tokenRefreshed) {
                // The token may have been revoked or expired early; one fresh token settles it either way.
                tokenRefreshed = true;
                tokens.invalidate(scope);
                LOG.warn("{} {} {} answered 401; retrying once with a fresh token", serviceName, request.method(), path);
                continue;
            }
            if (status == 429) {
                Optional<Duration> retryAfter = retryAfter(response);
                if (throttleRetries >= policy.maxThrottleRetries()) {
                    metrics.throttled(Duration.ZERO);
                    return result(response, attempts, "still throttled (429) after " + throttleRetries
                            + " wait(s); maxThrottleRetries is " + policy.maxThrottleRetries());
                }
                if (retryAfter.isPresent() && retryAfter.get().compareTo(policy.maxRetryAfter()) > 0) {
                    metrics.throttled(Duration.ZERO);
                    return result(response, attempts, "throttled (429) with Retry-After " + retryAfter.get().toSeconds()
                            + " s, longer than maxRetryAfter " + policy.maxRetryAfter().toSeconds() + " s");
                }
                // The service sets the pace: wait the full Retry-After; without one, back off exponentially.
                int earlierWaits = throttleRetries;
                Duration wait = retryAfter.orElseGet(() -> jitter(policy.backoffCeiling(earlierWaits)));
                throttleRetries++;
                LOG.warn("{} {} {} answered 429; waiting {} ms (throttle wait {} of {})", serviceName, request.method(),
                        path, wait.toMillis(), throttleRetries, policy.maxThrottleRetries());
                metrics.throttled(wait);
                sleep(wait);
                continue;
            }
            if (TRANSIENT_SERVER_ERRORS.contains(status)) {
                if (!request.idempotent()) {
                    return result(response, attempts, "HTTP " + status + " not retried: the request is not idempotent");
                }
                if (serverRetries >= policy.maxRetries()) {
                    return result(response, attempts, "HTTP " + status + " after " + serverRetries + " retries (maxRetries "
                            + policy.maxRetries() + ")");
                }
                Duration wait = jitter(policy.backoffCeiling(serverRetries));
                serverRetries++;
                LOG.warn("{} {} {} answered {}; retry {} of {} in {} ms", serviceName, request.method(), path, status,
                        serverRetries, policy.maxRetries(), wait.toMillis());
                sleep(wait);
                continue;
            }
            return result(response, attempts, null);
        }
    }

    /** One attempt inside a slot of the limiter; the token is fetched before the slot is taken. */
    private HttpResponse<byte[]> sendAdmitted(OutboundRequest request, RetryPolicy policy) throws IOException, InterruptedException {
        ServedToken token = tokens.serve(scope);
        metrics.token(token.fromCache());
        HttpRequest httpRequest = toHttpRequest(request, token.token(), policy);
        limiter.acquire();
        ConcurrencyLimiter.Answer answer = ConcurrencyLimiter.Answer.none();
        try {
            HttpResponse<byte[]> response = http.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
            answer = new ConcurrencyLimiter.Answer(response.statusCode(),
                    response.statusCode() == 429 ? retryAfter(response) : Optional.empty(), dopHint(response));
            return response;
        } finally {
            limiter.release(answer);
        }
    }

    /** Dataverse's recommended degree of parallelism for this user, when the answer carries it. */
    private static Optional<Integer> dopHint(HttpResponse<?> response) {
        try {
            return response.headers().firstValue("x-ms-dop-hint").map(String::trim).map(Integer::valueOf).filter(n -> n > 0);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private HttpRequest toHttpRequest(OutboundRequest request, AccessToken token, RetryPolicy policy) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(request.uri())
                .timeout(policy.requestTimeout())
                .method(request.method(), request.body()
                        .map(HttpRequest.BodyPublishers::ofByteArray)
                        .orElseGet(HttpRequest.BodyPublishers::noBody));
        request.headers().forEach(builder::header);
        builder.header("Authorization", "Bearer " + token.value());
        return builder.build();
    }

    private static HttpResult result(HttpResponse<byte[]> response, int attempts, String gaveUpBecause) {
        return new HttpResult(response.statusCode(), response.headers().map(), response.body() == null ? new byte[0] : response.body(),
                attempts, Optional.ofNullable(gaveUpBecause));
    }

    /** Retry-After is delta-seconds or an HTTP-date (RFC 9110 10.2.3). */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(ResilientHttpExecutor::parseRetryAfter);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return Optional.of(until.isNegative() ? Duration.ZERO : until);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    private static Duration jitter(Duration ceiling) {
        long millis = ceiling.toMillis();
        return Duration.ofMillis(millis <= 0 ? 0 : ThreadLocalRandom.current().nextLong(millis + 1));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", e);
        }
    }
}
