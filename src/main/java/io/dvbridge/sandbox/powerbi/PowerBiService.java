package io.dvbridge.sandbox.powerbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.sandbox.entra.InvalidTokenException;
import io.dvbridge.sandbox.entra.TokenVerifier;
import io.dvbridge.sandbox.entra.VerifiedToken;
import io.dvbridge.sandbox.fixture.PowerBiSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.DatasetSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.ReportSpec;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.http.SandboxService;
import io.dvbridge.sandbox.limits.ServiceProtection;
import io.dvbridge.sandbox.powerbi.PipelineOperation.DeploymentOptions;

import java.io.IOException;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Power BI REST ({@code /powerbi/v1.0/myorg/...}) of the sandbox tenant: workspaces, reports, datasets,
 * rebind and deployment pipelines, with Power BI's auth, throttling and error shapes. Besides HTTP it
 * offers an in-process API (workspaces, reports, datasets, pipelines, operations) for tests and benchmarks.
 */
public final class PowerBiService implements SandboxService {

    /** The token audience Power BI accepts. */
    public static final String RESOURCE = "https://analysis.windows.net/powerbi/api";
    static final String PREFIX = "/powerbi/v1.0/myorg/";

    private final TokenVerifier verifier;
    private final ServiceProtection limits;
    private final PowerBiWorkspaces workspaces;
    private final PipelineDeployments deployments;

    public PowerBiService(PowerBiSpec spec, TokenVerifier verifier, ServiceProtection limits, Clock clock) {
        this.verifier = verifier;
        this.limits = limits;
        this.workspaces = new PowerBiWorkspaces(spec.workspaces(), clock.instant());
        this.deployments = new PipelineDeployments(spec.pipelines(), workspaces, clock);
    }

    @Override
    public SandboxResponse handle(SandboxRequest request, RequestContext context) {
        return serve(request, context).withHeader("RequestId", PowerBiIds.random());
    }

    private SandboxResponse serve(SandboxRequest request, RequestContext context) {
        VerifiedToken token;
        try {
            token = verifier.verify(request.bearerToken(), RESOURCE);
        } catch (InvalidTokenException e) {
            return PowerBiErrors.notAuthorized(request.bearerToken().isPresent());
        }
        context.caller(token.appId());
        ServiceProtection.Admission admission = limits.admit(token.appId());
        if (admission.rejected().isPresent()) {
            return PowerBiErrors.throttled(admission.rejected().get());
        }
        try (ServiceProtection.Permit ignored = admission.permit()) {
            return route(new Call(request, token.appId()));
        }
    }

    /** One authenticated request: the decoded path segments after {@code /v1.0/myorg/}. */
    private record Call(SandboxRequest request, String appId, List<String> segments, String baseUrl) {
        Call(SandboxRequest request, String appId) {
            this(request, appId, segmentsOf(request.path()), "https://" + request.header("Host").orElse("127.0.0.1") + "/powerbi/v1.0/myorg/");
        }

        private static List<String> segmentsOf(String rawPath) {
            if (!rawPath.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                return List.of();
            }
            String rest = rawPath.substring(PREFIX.length());
            return Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).map(SandboxRequest::decodePath).toList();
        }

        int size() {
            return segments.size();
        }

        String segment(int i) {
            return segments.get(i);
        }

        boolean is(int i, String literal) {
            return segments.size() > i && segments.get(i).equalsIgnoreCase(literal);
        }

        String context(String fragment) {
            return baseUrl + fragment;
        }
    }

    private SandboxResponse route(Call call) {
        int n = call.size();
        if (call.is(0, "groups")) {
            if (n == 1) {
                return only(call, "GET", () -> listGroups(call));
            }
            if (n >= 3 && call.is(2, "reports")) {
                if (n == 3) {
                    return only(call, "GET", () -> inGroup(call, ws -> listReports(call, ws)));
                }
                if (n == 4) {
                    return only(call, "GET", () -> inGroup(call, ws -> getReport(call, ws)));
                }
                if (n == 5 && call.is(4, "rebind")) {
                    return only(call, "POST", () -> inGroup(call, ws -> rebind(call, ws)));
                }
            }
            if (n >= 3 && call.is(2, "datasets")) {
                if (n == 3) {
                    return only(call, "GET", () -> inGroup(call, ws -> listDatasets(call, ws)));
                }
                if (n == 4) {
                    return only(call, "GET", () -> inGroup(call, ws -> getDataset(call, ws)));
                }
            }
        }
        if (call.is(0, "pipelines")) {
            if (n == 1) {
                return only(call, "GET", () -> listPipelines(call));
            }
            if (n == 2) {
                return only(call, "GET", () -> inPipeline(call, p -> getPipeline(call, p)));
            }
            if (n == 3 && call.is(2, "stages")) {
                return only(call, "GET", () -> inPipeline(call, p -> listStages(call, p)));
            }
            if (n == 5 && call.is(2, "stages") && call.is(4, "artifacts")) {
                return only(call, "GET", () -> inPipeline(call, p -> stageArtifacts(call, p)));
            }
            if (n == 3 && call.is(2, "deployAll")) {
                return only(call, "POST", () -> inPipeline(call, p -> deployAll(call, p)));
            }
            if (n == 3 && call.is(2, "operations")) {
                return only(call, "GET", () -> inPipeline(call, p -> listOperations(call, p)));
            }
            if (n == 4 && call.is(2, "operations")) {
                return only(call, "GET", () -> inPipeline(call, p -> getOperation(call, p)));
            }
        }
        return PowerBiErrors.noRoute(call.request().path());
    }

    private static SandboxResponse only(Call call, String method, Supplier<SandboxResponse> handler) {
        return call.request().method().equals(method) ? handler.get() : PowerBiErrors.methodNotAllowed(call.request().method(), method);
    }

    private static SandboxResponse ok(ObjectNode body) {
        return PowerBiErrors.json(200, body);
    }

    private static Optional<SandboxResponse> malformedGuid(String value, String parameter) {
        return PowerBiIds.isGuid(value) ? Optional.empty()
                : Optional.of(PowerBiErrors.badRequest(parameter, "The value '" + value + "' is not valid for " + parameter + "."));
    }

    // ---- groups -----------------------------------------------------------------------------

    private SandboxResponse listGroups(Call call) {
        Map<String, String> query = call.request().queryParameters();
        Predicate<Workspace> filter = ws -> true;
        if (query.containsKey("$filter")) {
            try {
                filter = GroupFilter.parse(query.get("$filter"));
            } catch (GroupFilter.InvalidFilterException e) {
                return PowerBiErrors.badRequest("$filter", e.getMessage());
            }
        }
        Optional<Integer> top = nonNegative(query.get("$top"));
        Optional<Integer> skip = nonNegative(query.get("$skip"));
        if (query.containsKey("$top") && top.isEmpty()) {
            return PowerBiErrors.badRequest("$top", "The value '" + query.get("$top") + "' is not valid for $top.");
        }
        if (query.containsKey("$skip") && skip.isEmpty()) {
            return PowerBiErrors.badRequest("$skip", "The value '" + query.get("$skip") + "' is not valid for $skip.");
        }
        List<ObjectNode> groups = workspaces.workspaces().stream()
                .filter(ws -> ws.admits(call.appId())).filter(filter)
                .skip(skip.orElse(0)).limit(top.orElse(Integer.MAX_VALUE))
                .map(PowerBiJson::group).toList();
        return ok(PowerBiJson.collection(call.context("$metadata#groups"), groups));
    }

    private static Optional<Integer> nonNegative(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            return parsed < 0 ? Optional.empty() : Optional.of(parsed);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Resolves {groupId}: 400 when it is no GUID, 404 when it does not exist or the caller is not a member. */
    private SandboxResponse inGroup(Call call, Function<Workspace, SandboxResponse> handler) {
        String groupId = call.segment(1);
        return malformedGuid(groupId, "groupId").orElseGet(() -> workspaces.workspace(groupId)
                .filter(ws -> ws.admits(call.appId()))
                .map(handler)
                .orElseGet(PowerBiErrors::entityNotFound));
    }

    private SandboxResponse listReports(Call call, Workspace ws) {
        List<ObjectNode> reports = workspaces.reports(ws.id()).stream().map(PowerBiJson::report).toList();
        return ok(PowerBiJson.collection(call.context("groups/" + ws.id() + "/$metadata#reports"), reports));
    }

    private SandboxResponse getReport(Call call, Workspace ws) {
        String reportId = call.segment(3);
        return malformedGuid(reportId, "reportId").orElseGet(() -> workspaces.report(ws.id(), reportId)
                .map(r -> ok(entity(call.context("groups/" + ws.id() + "/$metadata#reports/$entity"), PowerBiJson.report(r))))
                .orElseGet(PowerBiErrors::entityNotFound));
    }

    private SandboxResponse rebind(Call call, Workspace ws) {
        String reportId = call.segment(3);
        Optional<SandboxResponse> malformed = malformedGuid(reportId, "reportId");
        if (malformed.isPresent()) {
            return malformed.get();
        }
        Optional<JsonNode> body = jsonBody(call.request());
        if (body.isEmpty() || !body.get().isObject()) {
            return PowerBiErrors.badRequest("requestParameters", "The request body must be a JSON object with a datasetId.");
        }
        JsonNode datasetId = body.get().path("datasetId");
        if (!datasetId.isTextual() || !PowerBiIds.isGuid(datasetId.asText())) {
            return PowerBiErrors.badRequest("datasetId", "The datasetId field is required and must be a GUID.");
        }
        return workspaces.exclusively(() -> {
            Optional<Report> report = workspaces.report(ws.id(), reportId);
            if (report.isEmpty()) {
                return PowerBiErrors.entityNotFound();
            }
            if (report.get().type() == ReportType.PAGINATED_REPORT) {
                return PowerBiErrors.invalidRequest("Rebind is not supported for paginated reports.");
            }
            Optional<Dataset> target = workspaces.dataset(datasetId.asText())
                    .filter(d -> workspaces.workspace(d.workspaceId()).map(w -> w.admits(call.appId())).orElse(false));
            if (target.isEmpty()) {
                return PowerBiErrors.entityNotFound();
            }
            workspaces.rebind(report.get(), target.get());
            return SandboxResponse.empty(200);
        });
    }

    private SandboxResponse listDatasets(Call call, Workspace ws) {
        List<ObjectNode> datasets = workspaces.datasets(ws.id()).stream().map(PowerBiJson::dataset).toList();
        return ok(PowerBiJson.collection(call.context("groups/" + ws.id() + "/$metadata#datasets"), datasets));
    }

    private SandboxResponse getDataset(Call call, Workspace ws) {
        String datasetId = call.segment(3);
        return malformedGuid(datasetId, "datasetId").orElseGet(() -> workspaces.dataset(ws.id(), datasetId)
                .map(d -> ok(entity(call.context("groups/" + ws.id() + "/$metadata#datasets/$entity"), PowerBiJson.dataset(d))))
                .orElseGet(PowerBiErrors::entityNotFound));
    }

    private static ObjectNode entity(String context, ObjectNode body) {
        ObjectNode node = PowerBiJson.object().put("@odata.context", context);
        node.setAll(body);
        return node;
    }

    private static Optional<JsonNode> jsonBody(SandboxRequest request) {
        if (request.body().length == 0) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Json.MAPPER.readTree(request.body()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    // ---- pipelines --------------------------------------------------------------------------

    private SandboxResponse listPipelines(Call call) {
        List<ObjectNode> pipelines = deployments.pipelines().stream().map(PowerBiJson::pipeline).toList();
        return ok(PowerBiJson.collection(call.context("$metadata#pipelines"), pipelines));
    }

    private SandboxResponse inPipeline(Call call, Function<Pipeline, SandboxResponse> handler) {
        String pipelineId = call.segment(1);
        return malformedGuid(pipelineId, "pipelineId").orElseGet(() -> deployments.pipeline(pipelineId)
                .map(handler).orElseGet(PowerBiErrors::entityNotFound));
    }

    private SandboxResponse getPipeline(Call call, Pipeline pipeline) {
        ObjectNode body = entity(call.context("$metadata#pipelines/$entity"), PowerBiJson.pipeline(pipeline));
        if ("stages".equalsIgnoreCase(call.request().queryParameters().getOrDefault("$expand", ""))) {
            body.putArray("stages").addAll(stages(pipeline));
        }
        return ok(body);
    }

    private SandboxResponse listStages(Call call, Pipeline pipeline) {
        return ok(PowerBiJson.collection(call.context("$metadata#stages"), stages(pipeline)));
    }

    private List<ObjectNode> stages(Pipeline pipeline) {
        return pipeline.stages().stream()
                .map(s -> PowerBiJson.stage(s, s.workspaceId().flatMap(workspaces::workspace))).toList();
    }

    private SandboxResponse stageArtifacts(Call call, Pipeline pipeline) {
        Optional<Integer> order = nonNegative(call.segment(3));
        if (order.isEmpty()) {
            return PowerBiErrors.badRequest("stageOrder", "The value '" + call.segment(3) + "' is not valid for stageOrder.");
        }
        Optional<Pipeline.Stage> stage = pipeline.stage(order.get());
        if (stage.isEmpty()) {
            return PowerBiErrors.entityNotFound();
        }
        Optional<Workspace> ws = stage.get().workspaceId().flatMap(workspaces::workspace);
        if (ws.isPresent() && !ws.get().admits(call.appId())) {
            return PowerBiErrors.forbiddenOperation();
        }
        Optional<String> next = pipeline.stage(order.get() + 1).flatMap(Pipeline.Stage::workspaceId);
        ObjectNode body = workspaces.exclusively(() -> {
            ObjectNode node = PowerBiJson.object();
            var datasets = node.putArray("datasets");
            var reports = node.putArray("reports");
            ws.ifPresent(w -> {
                List<Dataset> nextDatasets = next.map(workspaces::datasets).orElse(List.of());
                List<Report> nextReports = next.map(workspaces::reports).orElse(List.of());
                for (Dataset d : workspaces.datasets(w.id())) {
                    datasets.add(PowerBiJson.artifact(d.id(), d.name(), d.sourceDatasetId(),
                            nextDatasets.stream().filter(t -> t.sourceDatasetId().filter(d.id()::equals).isPresent())
                                    .map(Dataset::id).findFirst(), d.lastDeployment()));
                }
                for (Report r : workspaces.reports(w.id())) {
                    reports.add(PowerBiJson.artifact(r.id(), r.name(), r.sourceReportId(),
                            nextReports.stream().filter(t -> t.sourceReportId().filter(r.id()::equals).isPresent())
                                    .map(Report::id).findFirst(), r.lastDeployment()));
                }
            });
            node.putArray("dashboards");
            node.putArray("dataflows");
            node.putArray("datamarts");
            return node;
        });
        return ok(body);
    }

    private SandboxResponse deployAll(Call call, Pipeline pipeline) {
        Optional<JsonNode> body = jsonBody(call.request());
        if (body.isEmpty() || !body.get().isObject()) {
            return PowerBiErrors.badRequest("request", "The request body must be a JSON object with a sourceStageOrder.");
        }
        JsonNode json = body.get();
        if (!json.path("sourceStageOrder").canConvertToExactIntegral()) {
            return PowerBiErrors.badRequest("sourceStageOrder", "The sourceStageOrder field is required and must be an integer.");
        }
        int source = json.path("sourceStageOrder").intValue();
        boolean backward = json.path("isBackwardDeployment").asBoolean(false);
        int target = backward ? source - 1 : source + 1;
        if (pipeline.stage(source).isEmpty()) {
            return PowerBiErrors.badRequest("sourceStageOrder", "Pipeline " + pipeline.id() + " has no stage " + source + ".");
        }
        if (pipeline.stage(target).isEmpty()) {
            return PowerBiErrors.badRequest("sourceStageOrder", "Stage " + source + " has no "
                    + (backward ? "previous" : "next") + " stage to deploy to.");
        }
        boolean member = Stream.of(source, target)
                .map(o -> pipeline.stage(o).flatMap(Pipeline.Stage::workspaceId).flatMap(workspaces::workspace))
                .allMatch(ws -> ws.map(w -> w.admits(call.appId())).orElse(true));
        if (!member) {
            return PowerBiErrors.forbiddenOperation();
        }
        JsonNode options = json.path("options");
        DeploymentOptions deploymentOptions = new DeploymentOptions(options.path("allowCreateArtifact").asBoolean(false),
                options.path("allowOverwriteArtifact").asBoolean(false));
        Optional<String> note = json.path("note").isTextual() ? Optional.of(json.path("note").asText()) : Optional.empty();
        PipelineOperation operation = deployments.start(pipeline, source, target, deploymentOptions, note, call.appId());
        return PowerBiErrors.json(202, PowerBiJson.operation(operation, true))
                .withHeader("Location", call.context("pipelines/" + pipeline.id() + "/operations/" + operation.id()));
    }

    private SandboxResponse listOperations(Call call, Pipeline pipeline) {
        List<ObjectNode> operations = deployments.operations(pipeline.id()).stream()
                .map(op -> PowerBiJson.operation(op, false)).toList();
        return ok(PowerBiJson.collection(call.context("$metadata#operations"), operations));
    }

    private SandboxResponse getOperation(Call call, Pipeline pipeline) {
        String operationId = call.segment(3);
        return malformedGuid(operationId, "operationId").orElseGet(() -> deployments.poll(pipeline.id(), operationId)
                .map(op -> ok(PowerBiJson.operation(op, true)))
                .orElseGet(PowerBiErrors::entityNotFound));
    }

    // ---- in-process API for tests and benchmarks -------------------------------------------------

    public List<Workspace> workspaces() {
        return workspaces.workspaces();
    }

    public Optional<Workspace> workspace(String workspaceId) {
        return workspaces.workspace(workspaceId);
    }

    /** @throws IllegalArgumentException when there is no such workspace */
    public List<Report> reports(String workspaceId) {
        return workspaces.reports(workspaceId);
    }

    public Optional<Report> report(String workspaceId, String reportId) {
        return workspaces.report(workspaceId, reportId);
    }

    /** Adds a report as the fixture would (a null id gets a random GUID). */
    public Report addReport(String workspaceId, ReportSpec report) {
        return workspaces.addReport(workspaceId, report);
    }

    public boolean removeReport(String workspaceId, String reportId) {
        return workspaces.removeReport(workspaceId, reportId);
    }

    /** @throws IllegalArgumentException when there is no such workspace */
    public List<Dataset> datasets(String workspaceId) {
        return workspaces.datasets(workspaceId);
    }

    public Optional<Dataset> dataset(String workspaceId, String datasetId) {
        return workspaces.dataset(workspaceId, datasetId);
    }

    /** Adds a dataset as the fixture would (a null id gets a random GUID). */
    public Dataset addDataset(String workspaceId, DatasetSpec dataset) {
        return workspaces.addDataset(workspaceId, dataset);
    }

    public boolean removeDataset(String workspaceId, String datasetId) {
        return workspaces.removeDataset(workspaceId, datasetId);
    }

    public List<Pipeline> pipelines() {
        return deployments.pipelines();
    }

    /** The deploy operations of a pipeline, most recent first (at most 20, as the live API lists). */
    public List<PipelineOperation> operations(String pipelineId) {
        return deployments.operations(pipelineId);
    }

    /** A deploy operation as it stands, without advancing it (an HTTP poll advances it). */
    public Optional<PipelineOperation> operation(String pipelineId, String operationId) {
        return deployments.operation(pipelineId, operationId);
    }

    /** Advances a deploy operation until it has Succeeded or Failed. */
    public Optional<PipelineOperation> runToCompletion(String pipelineId, String operationId) {
        return deployments.runToCompletion(pipelineId, operationId);
    }
}
