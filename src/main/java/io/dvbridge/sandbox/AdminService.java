package io.dvbridge.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.http.SandboxService;

import java.util.Map;

/**
 * {@code /_sandbox/requests} (GET lists, DELETE clears) and {@code /_sandbox/stats} (counters by
 * method, path and status): the request log for benchmarks and tests that run the sandbox in
 * another process.
 */
final class AdminService implements SandboxService {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private final RequestLog log;

    AdminService(RequestLog log) {
        this.log = log;
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
                        Map.of("total", log.size(), "counters", log.counters())));
                default -> SandboxResponse.json(404, io.dvbridge.sandbox.http.Json.errorBody("NotFound", "No admin resource " + request.path()));
            };
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
