package io.dvbridge.sandbox.powerbi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.sandbox.http.Json;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/** The wire shapes of Power BI's Group, Report, Dataset, Pipeline, PipelineStage, stage artifact and PipelineOperation. */
final class PowerBiJson {

    static final String APP_URL = "https://app.powerbi.com";
    private static final DateTimeFormatter MILLIS_WITHOUT_ZONE = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS");
    private static final DateTimeFormatter MILLIS_UTC = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private PowerBiJson() {
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    /** {@code {"@odata.context": ..., "value": [...]}} */
    static ObjectNode collection(String context, List<ObjectNode> items) {
        ObjectNode root = object().put("@odata.context", context);
        root.putArray("value").addAll(items);
        return root;
    }

    static ObjectNode group(Workspace ws) {
        ObjectNode node = object().put("id", ws.id()).put("isReadOnly", false)
                .put("isOnDedicatedCapacity", ws.capacityId().isPresent());
        ws.capacityId().ifPresent(c -> node.put("capacityId", c));
        ws.capacityId().ifPresent(c -> node.put("defaultDatasetStorageFormat", "Small"));
        return node.put("type", "Workspace").put("name", ws.name());
    }

    static ObjectNode report(Report r) {
        boolean paginated = r.type() == ReportType.PAGINATED_REPORT;
        ObjectNode node = object().put("id", r.id()).put("reportType", r.type().wireName()).put("name", r.name())
                .put("webUrl", APP_URL + "/groups/" + r.workspaceId() + (paginated ? "/rdlreports/" : "/reports/") + r.id())
                .put("embedUrl", APP_URL + (paginated ? "/rdlEmbed" : "/reportEmbed") + "?reportId=" + r.id()
                        + "&groupId=" + r.workspaceId() + "&w=2");
        r.description().ifPresent(d -> node.put("description", d));
        node.put("isFromPbix", !paginated).put("isOwnedByMe", true);
        r.datasetId().ifPresent(d -> node.put("datasetId", d));
        r.datasetWorkspaceId().ifPresent(d -> node.put("datasetWorkspaceId", d));
        node.putArray("users");
        node.putArray("subscriptions");
        return node;
    }

    static ObjectNode dataset(Dataset d) {
        ObjectNode node = object().put("id", d.id()).put("name", d.name())
                .put("webUrl", APP_URL + "/groups/" + d.workspaceId() + "/datasets/" + d.id())
                .put("addRowsAPIEnabled", false).put("configuredBy", d.configuredBy())
                .put("isRefreshable", d.refreshable()).put("isEffectiveIdentityRequired", false)
                .put("isEffectiveIdentityRolesRequired", false).put("isOnPremGatewayRequired", false)
                .put("targetStorageMode", "Abf").put("createdDate", instant(d.createdDate()))
                .put("createReportEmbedURL", APP_URL + "/reportEmbed?config=" + d.id())
                .put("qnaEmbedURL", APP_URL + "/qnaEmbed?config=" + d.id());
        node.putArray("upstreamDatasets");
        node.putArray("users");
        return node;
    }

    static ObjectNode pipeline(Pipeline p) {
        ObjectNode node = object().put("id", p.id()).put("displayName", p.displayName());
        p.description().ifPresent(d -> node.put("description", d));
        return node;
    }

    static ObjectNode stage(Pipeline.Stage stage, Optional<Workspace> workspace) {
        ObjectNode node = object().put("order", stage.order());
        workspace.ifPresent(ws -> node.put("workspaceId", ws.id()).put("workspaceName", ws.name()));
        return node;
    }

    static ObjectNode artifact(String id, String displayName, Optional<String> sourceId, Optional<String> targetId,
                               Optional<Instant> lastDeployment) {
        ObjectNode node = object().put("artifactId", id).put("artifactDisplayName", displayName);
        sourceId.ifPresent(s -> node.put("sourceArtifactId", s));
        targetId.ifPresent(t -> node.put("targetArtifactId", t));
        lastDeployment.ifPresent(t -> node.put("lastDeploymentTime", instant(t)));
        return node;
    }

    /** {@code withPlan} is false in listings, which the live API returns without execution plans. */
    static ObjectNode operation(PipelineOperation op, boolean withPlan) {
        ObjectNode node = object().put("id", op.id()).put("type", "Deploy").put("status", op.status().name())
                // The documented samples write lastUpdatedTime without a zone and the execution times with one.
                .put("lastUpdatedTime", LocalDateTime.ofInstant(op.lastUpdated(), ZoneOffset.UTC).format(MILLIS_WITHOUT_ZONE));
        op.executionStart().ifPresent(t -> node.put("executionStartTime", instant(t)));
        op.executionEnd().ifPresent(t -> node.put("executionEndTime", instant(t)));
        node.put("sourceStageOrder", op.sourceStageOrder()).put("targetStageOrder", op.targetStageOrder());
        op.note().ifPresent(n -> node.putObject("note").put("content", n).put("isTruncated", false));
        if (withPlan && !op.steps().isEmpty()) {
            ArrayNode steps = node.putObject("executionPlan").putArray("Steps");
            op.steps().forEach(step -> steps.add(step(step)));
        }
        if (!op.steps().isEmpty()) {
            ObjectNode diff = node.putObject("preDeploymentDiffInformation");
            diff.put("newArtifactsCount", count(op, PipelineOperation.DiffState.New));
            diff.put("differentArtifactsCount", count(op, PipelineOperation.DiffState.Different));
            diff.put("noDifferenceArtifactsCount", count(op, PipelineOperation.DiffState.NoDifference));
        }
        node.putObject("performedBy").put("principalType", "App").put("servicePrincipalId", op.performedBy());
        return node;
    }

    private static long count(PipelineOperation op, PipelineOperation.DiffState state) {
        return op.steps().stream().filter(s -> s.diffState() == state).count();
    }

    private static ObjectNode step(PipelineOperation.Step step) {
        ObjectNode node = object().put("index", step.index()).put("type", step.kind().stepType())
                .put("status", step.status().name()).put("preDeploymentDiffState", step.diffState().name());
        ObjectNode pair = node.putObject("sourceAndTarget").put("source", step.sourceId())
                .put("sourceDisplayName", step.sourceDisplayName());
        step.targetId().ifPresent(t -> pair.put("target", t));
        step.targetDisplayName().ifPresent(t -> pair.put("targetDisplayName", t));
        pair.put("type", step.kind().itemType());
        step.error().ifPresent(e -> node.putObject("error").put("errorCode", e.errorCode()).put("errorDetails", e.errorDetails()));
        return node;
    }

    static String instant(Instant t) {
        return MILLIS_UTC.format(t);
    }
}
