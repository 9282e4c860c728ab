package io.dvbridge.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.dvbridge.store.StateStore;
import io.dvbridge.triggers.security.ApiAccessException;
import io.dvbridge.triggers.security.ApiGuard;
import io.dvbridge.triggers.security.AuditEntry;
import io.dvbridge.triggers.security.Caller;
import io.dvbridge.triggers.security.Permission;
import org.apache.camel.Exchange;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The API guard in the routes (bean {@code apiGuard}): every API request passes {@link ApiGuard} (Host, then
 * credentials, then the permission its method needs) before its route does anything, and every answer, refused
 * ones too, leaves one audit line.
 */
public final class ApiGate {

    private static final String CALLER = "dvbridgeCallerIdentity";
    private static final String METHOD = "dvbridgeMethod";
    private static final String PATH = "dvbridgePath";
    private static final String ORIGIN = "dvbridgeOrigin";
    static final String ENVIRONMENTS = "dvbridgeEnvironments";
    static final String WWW_AUTHENTICATE = "dvbridgeWwwAuthenticate";

    private final ApiGuard guard;
    private final StateStore store;

    ApiGate(ApiGuard guard, StateStore store) {
        this.guard = guard;
        this.store = store;
    }

    /** Reading needs Runs.Read; starting a job needs Jobs.Run. */
    public void check(Exchange exchange) {
        var in = exchange.getMessage();
        String method = in.getHeader(Exchange.HTTP_METHOD, "GET", String.class).toUpperCase(Locale.ROOT);
        exchange.setProperty(METHOD, method);
        exchange.setProperty(PATH, in.getHeader(Exchange.HTTP_PATH, in.getHeader(Exchange.HTTP_URI, "", String.class), String.class));
        exchange.setProperty(ORIGIN, in.getHeader("Origin", String.class));
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        in.getHeaders().forEach((name, value) -> {
            if (value instanceof String text) {
                headers.put(name, text);
            }
        });
        Caller caller = guard.check(host(exchange), headers, method.equals("GET") ? Permission.READ_RUNS : Permission.RUN_JOBS);
        exchange.setProperty(CALLER, caller);
        exchange.setProperty(JobRequests.CALLER, caller.label());
    }

    /** The runs page's static files need no credentials, but only Hosts this server answers for get them. */
    public void checkHost(Exchange exchange) {
        guard.checkHost(host(exchange));
    }

    /**
     * The Host the request named. Camel's HTTP header filter drops the {@code Host} header itself; the server builds
     * the request's absolute URL from it, so its authority is the Host as sent.
     */
    private static String host(Exchange exchange) {
        String url = exchange.getMessage().getHeader(Exchange.HTTP_URL, String.class);
        try {
            return url == null ? null : java.net.URI.create(url).getRawAuthority();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The answer to a refused request: 421, 401, 403 or 503, with the challenge a 401 needs. */
    public String denied(Exchange exchange) throws JsonProcessingException {
        ApiAccessException denied = ApiAnswers.caught(exchange, ApiAccessException.class);
        denied.wwwAuthenticate().ifPresent(challenge -> exchange.setProperty(WWW_AUTHENTICATE, challenge));
        return ApiAnswers.answer(exchange, denied.status(), null, JsonNodeFactory.instance.objectNode().put("error", denied.getMessage()));
    }

    /** {@code GET /api/health}: 200 while the state store answers, else 503. */
    public String health(Exchange exchange) throws JsonProcessingException {
        boolean store = this.store.isReachable();
        exchange.setProperty(JobRequests.HTTP_STATUS, store ? 200 : 503);
        return JobRequests.json(JsonNodeFactory.instance.objectNode().put("status", store ? "UP" : "DOWN")
                .put("stateStore", store ? "UP" : "DOWN"));
    }

    /** One audit line per answer, refused ones included. */
    @SuppressWarnings("unchecked")
    public void audit(Exchange exchange) {
        Object status = exchange.getProperty(JobRequests.HTTP_STATUS);
        Object environments = exchange.getProperty(ENVIRONMENTS);
        new AuditEntry(Optional.ofNullable(exchange.getProperty(CALLER, Caller.class)), exchange.getProperty(METHOD, "?", String.class),
                exchange.getProperty(PATH, "?", String.class), Optional.ofNullable(exchange.getProperty("dvbridgeJob", String.class)),
                environments instanceof List<?> list ? (List<String>) list : List.of(),
                Optional.ofNullable(exchange.getProperty("dvbridgeRunId", String.class)),
                status instanceof Integer code ? code : 500).log();
    }

    /** The CORS headers configuration allows for the request's origin: none by default. */
    public void cors(Exchange exchange) {
        guard.corsHeaders(Optional.ofNullable(exchange.getProperty(ORIGIN, String.class)), false)
                .forEach((name, value) -> exchange.getMessage().setHeader(name, value));
    }
}
