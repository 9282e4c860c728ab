package io.dvbridge.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;

import java.util.Collection;
import java.util.Comparator;

/**
 * {@code /observe/health[/live|/ready]} and {@code /observe/metrics} (bean {@code observe}), behind the same API guard
 * as every other API route. Health is Camel's health-check registry: its own context, route and consumer checks and
 * dvbridge's readiness checks (state store, broker, a token per environment); 200 when every check is UP, else 503.
 * An answer names each check, its state and, for dvbridge's checks, what it found; never a URL or a secret.
 */
public final class Observe {

    static final String CONTENT_TYPE = "dvbridgeContentType";
    /** Prometheus text exposition format 0.0.4, what every Prometheus scrapes. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String DVBRIDGE_GROUP = "dvbridge";

    private final CamelContext context;
    private final PrometheusMeterRegistry registry;

    Observe(CamelContext context, PrometheusMeterRegistry registry) {
        this.context = context;
        this.registry = registry;
    }

    /** {@code GET /observe/health}: every check, liveness and readiness. */
    public String health(Exchange exchange) throws JsonProcessingException {
        return answer(exchange, HealthCheckHelper.invoke(context));
    }

    /** {@code GET /observe/health/live}: the process and its Camel context run (restart it when this fails). */
    public String live(Exchange exchange) throws JsonProcessingException {
        return answer(exchange, HealthCheckHelper.invokeLiveness(context));
    }

    /** {@code GET /observe/health/ready}: it can take work: state store, broker, tokens, routes and consumers. */
    public String ready(Exchange exchange) throws JsonProcessingException {
        return answer(exchange, HealthCheckHelper.invokeReadiness(context));
    }

    /** {@code GET /observe/metrics}: every meter in Prometheus's text format. */
    public String metrics(Exchange exchange) {
        exchange.setProperty(JobRequests.HTTP_STATUS, 200);
        exchange.setProperty(CONTENT_TYPE, PROMETHEUS_TEXT);
        return registry.scrape(PROMETHEUS_TEXT);
    }

    private static String answer(Exchange exchange, Collection<HealthCheck.Result> results) throws JsonProcessingException {
        HealthCheck.State overall = overall(results);
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("status", overall.name());
        ArrayNode checks = body.putArray("checks");
        results.stream().sorted(Comparator.comparing((HealthCheck.Result r) -> r.getCheck().getId())).forEach(result -> {
            ObjectNode check = checks.addObject().put("name", result.getCheck().getId()).put("status", result.getState().name());
            if (DVBRIDGE_GROUP.equals(result.getCheck().getGroup())) {
                result.getMessage().ifPresent(message -> check.put("message", message));
                Object checkedAt = result.getDetails().get("checkedAt");
                if (checkedAt != null) {
                    check.put("checkedAt", checkedAt.toString());
                }
            }
        });
        exchange.setProperty(JobRequests.HTTP_STATUS, overall == HealthCheck.State.UP ? 200 : 503);
        return JobRequests.json(body);
    }

    /** DOWN if any check is down, UNKNOWN if any has not answered yet, else UP (also with no check at all: the process answers). */
    static HealthCheck.State overall(Collection<HealthCheck.Result> results) {
        if (results.stream().anyMatch(r -> r.getState() == HealthCheck.State.DOWN)) {
            return HealthCheck.State.DOWN;
        }
        if (results.stream().anyMatch(r -> r.getState() == HealthCheck.State.UNKNOWN)) {
            return HealthCheck.State.UNKNOWN;
        }
        return HealthCheck.State.UP;
    }
}
