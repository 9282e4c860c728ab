package io.dvbridge.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Duration;

/**
 * The request meters of one service of one environment, as the HTTP pipeline records them. Labels are the
 * configured environment's name, the service and a status class: never a URL, a path or a query string.
 */
public final class ServiceMetrics {

    private final MeterRegistry registry;
    private final String environment;
    private final String service;

    ServiceMetrics(MeterRegistry registry, String environment, String service) {
        this.registry = registry;
        this.environment = environment;
        this.service = service;
    }

    /** One HTTP answer, by its status class ({@code 2xx} ... {@code 5xx}). */
    public void answered(int status) {
        requests(status >= 100 && status < 600 ? (status / 100) + "xx" : "other");
    }

    /** An attempt that got no HTTP answer (connection refused or lost, timeout). */
    public void noAnswer() {
        requests("none");
    }

    /** A 429 answer, and the time waited before trying again. */
    public void throttled(Duration waited) {
        Counter.builder(MeterNames.THROTTLED).description("429 answers").tag(MeterNames.ENVIRONMENT, environment)
                .tag(MeterNames.SERVICE, service).register(registry).increment();
        Counter.builder(MeterNames.THROTTLE_WAIT).baseUnit("seconds").description("Seconds waited after 429 answers (Retry-After)")
                .tag(MeterNames.ENVIRONMENT, environment).tag(MeterNames.SERVICE, service).register(registry)
                .increment(waited.toMillis() / 1000.0);
    }

    /** A bearer token handed to a request: from the cache, or fetched from Entra ID for it. */
    public void token(boolean fromCache) {
        Counter.builder(MeterNames.TOKENS).description("Bearer tokens handed to requests, cached or fetched")
                .tag(MeterNames.ENVIRONMENT, environment).tag(MeterNames.SERVICE, service)
                .tag(MeterNames.SOURCE, fromCache ? "cached" : "fetched").register(registry).increment();
    }

    private void requests(String statusClass) {
        Counter.builder(MeterNames.REQUESTS).description("HTTP answers from Dataverse and Power BI, every attempt")
                .tag(MeterNames.ENVIRONMENT, environment).tag(MeterNames.SERVICE, service).tag(MeterNames.STATUS, statusClass)
                .register(registry).increment();
    }
}
