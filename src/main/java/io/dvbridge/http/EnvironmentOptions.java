package io.dvbridge.http;

import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import java.time.Duration;
import java.util.Optional;

/**
 * The options both {@code dataverse:} and {@code powerbi:} endpoints share: which configured environment
 * to call and how hard to try. Each component keeps one instance as its defaults and gives every endpoint
 * a copy. Durations take Camel's forms: {@code 500ms}, {@code 30s}, {@code 5m}, ISO-8601 {@code PT30S},
 * or plain milliseconds.
 */
@UriParams
public abstract class EnvironmentOptions implements Cloneable {

    @UriParam(description = "Name of the configured environment to call; never a URL (hosts come only from"
            + " configuration). The component's environment header overrides it per message; one of the two is needed.")
    private String environment;

    @UriParam(label = "advanced", defaultValue = "5",
            description = "Retries of an idempotent request (GET, PATCH, DELETE, all-PATCH/DELETE $batch) after HTTP 500, 502,"
                    + " 503, 504 or a connection error, with exponential backoff and full jitter. POST is never retried on these.")
    private int maxRetries = RetryPolicy.DEFAULT.maxRetries();

    @UriParam(label = "advanced", defaultValue = "500ms", javaType = "java.time.Duration",
            description = "Backoff ceiling before the first retry; doubles with each retry (the wait is random below it).")
    private Duration initialBackoff = RetryPolicy.DEFAULT.initialBackoff();

    @UriParam(label = "advanced", defaultValue = "30s", javaType = "java.time.Duration",
            description = "The backoff ceiling never grows beyond this.")
    private Duration maxBackoff = RetryPolicy.DEFAULT.maxBackoff();

    @UriParam(label = "advanced", defaultValue = "10",
            description = "How many HTTP 429 answers are waited out (each for its full Retry-After) before the call fails.")
    private int maxThrottleRetries = RetryPolicy.DEFAULT.maxThrottleRetries();

    @UriParam(label = "advanced", defaultValue = "300s", javaType = "java.time.Duration",
            description = "A 429 asking to wait longer than this fails at once with an exception saying so, instead of blocking.")
    private Duration maxRetryAfter = RetryPolicy.DEFAULT.maxRetryAfter();

    @UriParam(label = "advanced", defaultValue = "120s", javaType = "java.time.Duration",
            description = "Limit for one attempt, from sending the request to the end of the response.")
    private Duration requestTimeout = RetryPolicy.DEFAULT.requestTimeout();

    /** The environment this option names, if it names one. */
    public Optional<String> configuredEnvironment() {
        return Optional.ofNullable(environment).filter(name -> !name.isBlank());
    }

    /** The environment a message's header names when it names one, else this option's. */
    public Optional<String> environmentFor(Optional<String> fromHeader) {
        return fromHeader.filter(name -> !name.isBlank()).or(this::configuredEnvironment);
    }

    public RetryPolicy toPolicy() {
        return new RetryPolicy(maxRetries, initialBackoff, maxBackoff, maxThrottleRetries, maxRetryAfter, requestTimeout);
    }

    /** A shallow copy: every field is immutable, so an endpoint's changes never reach the component's defaults. */
    protected EnvironmentOptions copyOptions() {
        try {
            return (EnvironmentOptions) clone();
        } catch (CloneNotSupportedException e) {
            throw new IllegalStateException(e);
        }
    }

    public String getEnvironment() {
        return environment;
    }

    public void setEnvironment(String environment) {
        this.environment = environment;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public Duration getInitialBackoff() {
        return initialBackoff;
    }

    public void setInitialBackoff(Duration initialBackoff) {
        this.initialBackoff = initialBackoff;
    }

    public Duration getMaxBackoff() {
        return maxBackoff;
    }

    public void setMaxBackoff(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public int getMaxThrottleRetries() {
        return maxThrottleRetries;
    }

    public void setMaxThrottleRetries(int maxThrottleRetries) {
        this.maxThrottleRetries = maxThrottleRetries;
    }

    public Duration getMaxRetryAfter() {
        return maxRetryAfter;
    }

    public void setMaxRetryAfter(Duration maxRetryAfter) {
        this.maxRetryAfter = maxRetryAfter;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }
}
