package io.dvbridge.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.http.SandboxService;

import io.dvbridge.sandbox.dataverse.DataverseService;
import io.dvbridge.sandbox.limits.ServiceProtection;

import java.util.Map;
import java.util.TreeMap;

/**
 * {@code /_sandbox/requests} (GET lists, DELETE clears) and {@code /_sandbox/stats} (counters by
 * method, path and status; the most Dataverse requests each {@code <app id>@<environment>} had in flight;
 * the row count of every table by environment and entity set): the request log for benchmarks and tests
 * that run the sandbox in another process.
 */
final class AdminService implements SandboxService {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final RequestLog log;
    private final ServiceProtection dataverseLimits;
    private final Map<String, DataverseService> environments;

    AdminService(RequestLog log, ServiceProtection dataverseLimits, Map<String, DataverseService> environments) {
        this.log = log;
        this.dataverseLimits = dataverseLimits;
        this.environments = environments;
    }

    private Map<String, Map<String, Integer>> rows() {
        Map<String, Map<String, Integer>> rows = new TreeMap<>();
        environments.forEach((name, service) -> service.data().tables()
                .forEach(t -> rows.computeIfAbsent(name, n -> new TreeMap<>()).put(t.schema().entitySetName(), t.size())));
        return rows;
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        try {
            return switch (request.method() + " " + request.path()) {
                case "GET /_sandbox/requests" -> SandboxResponse.json(200, JSON.writeValueAsString(Map.of("value", log.entries())));
                case "DELETE /_sandbox/requests" -> {
                    log.clear();
                    yield SandboxResponse.empty(204);
                }
                case "GET /_sandbox/stats" -> SandboxResponse.json(200, JSON.writeValueAsString(
                        Map.of("total", log.size(), "counters", log.counters(), "peakInFlight", dataverseLimits.peaks(), "rows", rows())));
                default -> SandboxResponse.json(404, io.dvbridge.sandbox.http.Json.errorBody("NotFound", "No admin resource " + request.path()));
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
