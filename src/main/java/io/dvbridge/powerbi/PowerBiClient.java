package io.dvbridge.powerbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.config.DvEnvironment;
import io.dvbridge.metrics.DvMetrics;
import io.dvbridge.http.HttpClients;
import io.dvbridge.http.HttpResult;
import io.dvbridge.http.OutboundRequest;
import io.dvbridge.http.ResilientHttpExecutor;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.http.TransportFailureException;
import io.dvbridge.http.UriText;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Power BI REST of one environment: workspaces, reports, datasets, deployment pipeline stages. Thread-safe. */
public final class PowerBiClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, String> HEADERS = Map.of("Accept", "application/json");
    private static final Map<String, String> ARTIFACT_KINDS = Map.of("reports", "report", "datasets", "dataset",
            "dashboards", "dashboard", "dataflows", "dataflow", "datamarts", "datamart");

    private final URI apiBase;
    private final ResilientHttpExecutor http;
    private final RetryPolicy policy;

    public PowerBiClient(DvEnvironment environment, HttpClient httpClient, RetryPolicy policy) {
        this(environment, httpClient, policy, DvMetrics.none());
    }

    /** As above, recording requests and tokens in {@code metrics}. */
    public PowerBiClient(DvEnvironment environment, HttpClient httpClient, RetryPolicy policy, DvMetrics metrics) {
        String base = environment.powerBiApiUrl().toString();
        this.apiBase = URI.create(base.endsWith("/") ? base : base + "/");
        this.http = new ResilientHttpExecutor("Power BI", httpClient, apiBase, environment.powerBiScope(), environment.tokens(),
                metrics.service(environment.name(), "powerbi"));
        this.policy = policy;
    }

    public static PowerBiClient connect(DvEnvironment environment, RetryPolicy policy) {
        return new PowerBiClient(environment, HttpClients.forEnvironment(environment.tls(), Duration.ofSeconds(30)), policy);
    }

    /** {@code GET groups}, optionally with an OData {@code $filter} (e.g. {@code name eq 'Sales'}) and {@code $top} (0 = none). */
    public List<PowerBiWorkspace> groups(Optional<String> filter, int top) {
        List<String> options = new ArrayList<>();
        filter.ifPresent(f -> options.add("$filter=" + UriText.queryValue(f)));
        if (top > 0) {
            options.add("$top=" + top);
        }
        JsonNode body = get("groups", "groups" + (options.isEmpty() ? "" : "?" + String.join("&", options)));
        List<PowerBiWorkspace> list = new ArrayList<>();
        for (JsonNode g : body.path("value")) {
            list.add(new PowerBiWorkspace(g.path("id").asText(), g.path("name").asText(""), g.path("isReadOnly").asBoolean(false),
                    g.path("isOnDedicatedCapacity").asBoolean(false), text(g, "capacityId")));
        }
        return list;
    }

    public List<PowerBiReport> reports(String workspaceId) {
        JsonNode body = get("reports", "groups/" + guid(workspaceId, "workspaceId") + "/reports");
        List<PowerBiReport> list = new ArrayList<>();
        for (JsonNode r : body.path("value")) {
            list.add(new PowerBiReport(r.path("id").asText(), r.path("name").asText(""), text(r, "datasetId"),
                    r.path("reportType").asText("PowerBIReport"), r.path("webUrl").asText(""), r.path("embedUrl").asText("")));
        }
        return list;
    }

    public List<PowerBiDataset> datasets(String workspaceId) {
        JsonNode body = get("datasets", "groups/" + guid(workspaceId, "workspaceId") + "/datasets");
        List<PowerBiDataset> list = new ArrayList<>();
        for (JsonNode d : body.path("value")) {
            list.add(new PowerBiDataset(d.path("id").asText(), d.path("name").asText(""), text(d, "configuredBy"),
                    text(d, "webUrl"), d.path("isRefreshable").asBoolean(false)));
        }
        return list;
    }

    /** Every item in stage {@code stageOrder} (0 development, 1 test, 2 production) with its source in the previous stage. */
    public List<PipelineArtifact> pipelineArtifacts(String pipelineId, int stageOrder) {
        if (stageOrder < 0) {
            throw new IllegalArgumentException("stageOrder must be 0 or more, not " + stageOrder);
        }
        JsonNode body = get("pipelineArtifacts", "pipelines/" + guid(pipelineId, "pipelineId") + "/stages/" + stageOrder + "/artifacts");
        List<PipelineArtifact> list = new ArrayList<>();
        body.fieldNames().forEachRemaining(field -> {
            if (ARTIFACT_KINDS.containsKey(field)) {
                for (JsonNode a : body.path(field)) {
                    list.add(new PipelineArtifact(ARTIFACT_KINDS.get(field), a.path("artifactId").asText(),
                            a.path("artifactDisplayName").asText(""), text(a, "sourceArtifactId"), text(a, "targetArtifactId")));
                }
            }
        });
        return list;
    }

    private JsonNode get(String operation, String relative) {
        HttpResult result;
        try {
            result = http.send(OutboundRequest.get(apiBase.resolve(relative), HEADERS), policy);
        } catch (TransportFailureException e) {
            throw new PowerBiException(0, "", e.getMessage(), operation, "", e);
        }
        if (!result.isSuccess()) {
            throw failure(operation, result);
        }
        try {
            return MAPPER.readTree(result.body());
        } catch (IOException e) {
            throw new PowerBiException(result.status(), "", "the response is not JSON", operation, result.bodyText(), e);
        }
    }

    /** Power BI puts its code in error.code or error["pbi.error"].code; a 401 may only name it in x-powerbi-error-info. */
    private static PowerBiException failure(String operation, HttpResult result) {
        String body = result.bodyText();
        String code = "";
        String message = "";
        try {
            JsonNode error = MAPPER.readTree(body).path("error");
            code = error.path("code").asText("");
            if (code.isEmpty()) {
                code = error.path("pbi.error").path("code").asText("");
            }
            message = error.path("message").asText("");
        } catch (IOException | RuntimeException notJson) {
            // an empty or HTML body: the status and header still tell the story
        }
        if (code.isEmpty()) {
            code = result.header("x-powerbi-error-info").orElse("");
        }
        if (result.gaveUpBecause().isPresent()) {
            message = (message.isEmpty() ? "" : message + " ") + "(gave up: " + result.gaveUpBecause().get() + ")";
        }
        return new PowerBiException(result.status(), code, message, operation, body, null);
    }

    private static String guid(String id, String what) {
        if (id == null || !io.dvbridge.dataverse.ODataLiteral.isGuid(id)) {
            throw new IllegalArgumentException(what + " must be a GUID, not '" + id + "'");
        }
        return id;
    }

    private static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isEmpty() ? Optional.of(value.asText()) : Optional.empty();
    }
}
