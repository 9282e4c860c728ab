package io.dvbridge.sandbox.powerbi;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.sandbox.entra.InvalidTokenException;
import io.dvbridge.sandbox.entra.TokenVerifier;
import io.dvbridge.sandbox.entra.VerifiedToken;
import io.dvbridge.sandbox.fixture.PowerBiSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.DatasetSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.GenerateReportsSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.PipelineSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.ReportSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.StageSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.WorkspaceSpec;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.limits.LimitsProfile;
import io.dvbridge.sandbox.limits.ServiceProtection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A small Power BI tenant for the tests: a Dev/Test/Prod pipeline over three workspaces (Dev and Test
 * already paired), a workspace only another app may see, generated reports, and a fake token verifier
 * that accepts {@code Bearer app:<appId>} for the Power BI audience.
 */
final class PowerBiTenant {

    static final String DEV = "11111111-1111-1111-1111-111111111111";
    static final String TEST = "22222222-2222-2222-2222-222222222222";
    static final String PROD = "33333333-3333-3333-3333-333333333333";
    static final String BENCH = "44444444-4444-4444-4444-444444444444";
    static final String HIDDEN = "55555555-5555-5555-5555-555555555555";
    static final String HUGE = "66666666-6666-6666-6666-666666666666";
    static final String EMPTY = "77777777-7777-7777-7777-777777777777";

    static final String DS_DEV = "d0000000-0000-0000-0000-000000000001";
    static final String DS_DEV_ALT = "d0000000-0000-0000-0000-000000000002";
    static final String DS_TEST = "d0000000-0000-0000-0000-000000000003";
    static final String DS_HIDDEN = "d0000000-0000-0000-0000-000000000004";
    static final String R_OVERVIEW = "a0000000-0000-0000-0000-000000000001";
    static final String R_INVOICE = "a0000000-0000-0000-0000-000000000002";
    static final String R_OVERVIEW_TEST = "a0000000-0000-0000-0000-000000000003";

    static final String PIPELINE = "b0000000-0000-0000-0000-000000000001";
    static final String PIPELINE_WITHOUT_TEST = "b0000000-0000-0000-0000-000000000002";
    static final String PIPELINE_HUGE = "b0000000-0000-0000-0000-000000000003";

    static final String APP = "app-main";
    static final String PROD_APP = "app-prod";
    static final Instant NOW = Instant.parse("2025-03-01T10:00:00Z");

    static PowerBiSpec spec() {
        return new PowerBiSpec(List.of(
                new WorkspaceSpec(DEV, "Sales Dev", List.of(), List.of(
                        new DatasetSpec(DS_DEV, "Sales", "maria@contoso.com", true),
                        new DatasetSpec(DS_DEV_ALT, "Sales v2", null, null)),
                        List.of(new ReportSpec(R_OVERVIEW, "Sales Overview", DS_DEV, null, "Monthly sales", null),
                                new ReportSpec(R_INVOICE, "Invoice", null, "PaginatedReport", null, null)),
                        null, "0f084df7-c13d-451b-af5f-ed0c466403b2"),
                new WorkspaceSpec(TEST, "Sales Test", List.of(), List.of(
                        new DatasetSpec(DS_TEST, "Sales", null, true, DS_DEV)),
                        List.of(new ReportSpec(R_OVERVIEW_TEST, "Sales Overview (old)", DS_TEST, null, null, R_OVERVIEW)),
                        null),
                new WorkspaceSpec(PROD, "Sales Prod", List.of(PROD_APP), List.of(), List.of(), null),
                new WorkspaceSpec(BENCH, "Bench", List.of(), List.of(), List.of(), new GenerateReportsSpec(5, "Bench {n}")),
                new WorkspaceSpec(HIDDEN, "Finance Secret", List.of("someone-else"),
                        List.of(new DatasetSpec(DS_HIDDEN, "Ledger", null, true)), List.of(), null),
                new WorkspaceSpec(HUGE, "Huge", List.of(), List.of(), List.of(), new GenerateReportsSpec(151, "Huge {n}")),
                new WorkspaceSpec(EMPTY, "Empty", List.of(), List.of(), List.of(), null)),
                List.of(new PipelineSpec(PIPELINE, "Sales pipeline", "Dev to Prod", List.of(
                                new StageSpec(0, "Development", DEV), new StageSpec(1, "Test", TEST),
                                new StageSpec(2, "Production", PROD))),
                        new PipelineSpec(PIPELINE_WITHOUT_TEST, "Half assigned", null, List.of(
                                new StageSpec(0, "Development", DEV), new StageSpec(1, "Test", null))),
                        new PipelineSpec(PIPELINE_HUGE, "Too big", null, List.of(
                                new StageSpec(0, "Development", HUGE), new StageSpec(1, "Test", EMPTY)))));
    }

    /** Accepts {@code app:<appId>} tokens issued for Power BI; everything else is invalid. */
    static final TokenVerifier VERIFIER = (bearer, audience) -> {
        if (bearer.isEmpty()) {
            throw new InvalidTokenException("no token");
        }
        if (!audience.equals(PowerBiService.RESOURCE) || !bearer.get().startsWith("app:")) {
            throw new InvalidTokenException("bad token");
        }
        return new VerifiedToken("tenant", bearer.get().substring(4), audience, NOW.plus(Duration.ofHours(1)));
    };

    final PowerBiService service;
    private RequestContext context = new RequestContext();

    PowerBiTenant() {
        this(new LimitsProfile("roomy", 10_000, Duration.ofMinutes(5), 50));
    }

    PowerBiTenant(LimitsProfile limits) {
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        service = new PowerBiService(spec(), VERIFIER, new ServiceProtection(limits, clock), clock);
    }

    SandboxResponse get(String path) {
        return send("GET", path, APP, null);
    }

    SandboxResponse getAs(String appId, String path) {
        return send("GET", path, appId, null);
    }

    SandboxResponse post(String path, String body) {
        return send("POST", path, APP, body);
    }

    SandboxResponse postAs(String appId, String path, String body) {
        return send("POST", path, appId, body);
    }

    /** @param path relative to {@code /powerbi/v1.0/myorg/}, with an optional query string */
    SandboxResponse send(String method, String path, String appIdOrNull, String body) {
        int q = path.indexOf('?');
        String rawPath = PowerBiService.PREFIX + (q < 0 ? path : path.substring(0, q));
        String query = q < 0 ? null : path.substring(q + 1);
        Map<String, List<String>> headers = appIdOrNull == null ? Map.of("Host", List.of("127.0.0.1:8443"))
                : Map.of("Authorization", List.of("Bearer app:" + appIdOrNull), "Host", List.of("127.0.0.1:8443"));
        return sendRaw(new SandboxRequest(method, rawPath, query, headers,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)));
    }

    SandboxResponse sendRaw(SandboxRequest request) {
        context = new RequestContext();
        return service.handle(request, context);
    }

    RequestContext context() {
        return context;
    }

    static JsonNode json(SandboxResponse response) {
        try {
            return Json.MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<String> header(SandboxResponse response, String name) {
        return response.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue).findFirst();
    }
}
