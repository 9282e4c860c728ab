package io.dvbridge.sandbox.powerbi;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.sandbox.http.SandboxResponse;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.dvbridge.sandbox.powerbi.PowerBiTenant.DEV;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.DS_DEV;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.DS_TEST;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.EMPTY;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.PIPELINE;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.PIPELINE_HUGE;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.PIPELINE_WITHOUT_TEST;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.PROD_APP;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.R_INVOICE;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.R_OVERVIEW;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.R_OVERVIEW_TEST;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.TEST;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.header;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.json;
import static org.assertj.core.api.Assertions.assertThat;

class PowerBiPipelinesTest {

    private static final String DEPLOY_EVERYTHING = "{\"sourceStageOrder\":0,\"options\":"
            + "{\"allowCreateArtifact\":true,\"allowOverwriteArtifact\":true},\"note\":\"release 7\"}";

    private final PowerBiTenant tenant = new PowerBiTenant();

    private JsonNode ok(SandboxResponse response) {
        assertThat(response.status()).as(response.bodyAsString()).isEqualTo(200);
        return json(response);
    }

    private String deploy(String pipeline, String body) {
        SandboxResponse response = tenant.post("pipelines/" + pipeline + "/deployAll", body);
        assertThat(response.status()).as(response.bodyAsString()).isEqualTo(202);
        return json(response).path("id").asText();
    }

    private JsonNode poll(String pipeline, String operation) {
        return ok(tenant.get("pipelines/" + pipeline + "/operations/" + operation));
    }

    private static JsonNode artifact(JsonNode artifacts, String kind, String id) {
        for (JsonNode a : artifacts.path(kind)) {
            if (a.path("artifactId").asText().equals(id)) {
                return a;
            }
        }
        throw new AssertionError("no " + kind + " " + id + " in " + artifacts);
    }

    @Test
    void lists_and_gets_pipelines_with_their_stages() {
        JsonNode list = ok(tenant.get("pipelines"));
        assertThat(list.path("value")).hasSize(3);
        assertThat(list.path("value").get(0).path("displayName").asText()).isEqualTo("Sales pipeline");

        JsonNode one = ok(tenant.get("pipelines/" + PIPELINE));
        assertThat(one.path("id").asText()).isEqualTo(PIPELINE);
        assertThat(one.path("description").asText()).isEqualTo("Dev to Prod");

        JsonNode stages = ok(tenant.get("pipelines/" + PIPELINE + "/stages")).path("value");
        assertThat(stages).hasSize(3);
        assertThat(stages.get(0).path("order").asInt()).isZero();
        assertThat(stages.get(0).path("workspaceId").asText()).isEqualTo(DEV);
        assertThat(stages.get(1).path("workspaceName").asText()).isEqualTo("Sales Test");

        JsonNode unassigned = ok(tenant.get("pipelines/" + PIPELINE_WITHOUT_TEST + "/stages")).path("value").get(1);
        assertThat(unassigned.path("order").asInt()).isEqualTo(1);
        assertThat(unassigned.has("workspaceId")).isFalse();
    }

    @Test
    void unknown_or_malformed_pipeline_ids_get_the_power_bi_shapes() {
        SandboxResponse unknown = tenant.get("pipelines/b0000000-0000-0000-0000-0000000000ff/stages");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(json(unknown).at("/error/code").asText()).isEqualTo("PowerBIEntityNotFound");
        assertThat(tenant.get("pipelines/xyz").status()).isEqualTo(400);
        assertThat(tenant.get("pipelines/" + PIPELINE + "/stages/two/artifacts").status()).isEqualTo(400);
        assertThat(tenant.get("pipelines/" + PIPELINE + "/stages/7/artifacts").status()).isEqualTo(404);
        assertThat(tenant.get("pipelines/" + PIPELINE + "/operations/c0000000-0000-0000-0000-000000000001").status()).isEqualTo(404);
    }

    @Test
    void stage_artifacts_link_each_report_to_its_source_and_target_in_the_neighbour_stages() {
        JsonNode dev = ok(tenant.get("pipelines/" + PIPELINE + "/stages/0/artifacts"));
        JsonNode overview = artifact(dev, "reports", R_OVERVIEW);
        assertThat(overview.path("artifactDisplayName").asText()).isEqualTo("Sales Overview");
        assertThat(overview.path("targetArtifactId").asText()).isEqualTo(R_OVERVIEW_TEST);
        assertThat(overview.has("sourceArtifactId")).isFalse();
        assertThat(artifact(dev, "reports", R_INVOICE).has("targetArtifactId")).isFalse();
        assertThat(artifact(dev, "datasets", DS_DEV).path("targetArtifactId").asText()).isEqualTo(DS_TEST);
        assertThat(dev.path("dashboards").isArray()).isTrue();
        assertThat(dev.path("dataflows").isArray()).isTrue();
        assertThat(dev.path("datamarts").isArray()).isTrue();

        JsonNode test = ok(tenant.get("pipelines/" + PIPELINE + "/stages/1/artifacts"));
        JsonNode deployed = artifact(test, "reports", R_OVERVIEW_TEST);
        assertThat(deployed.path("sourceArtifactId").asText()).isEqualTo(R_OVERVIEW);
        assertThat(deployed.path("lastDeploymentTime").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
        assertThat(deployed.has("targetArtifactId")).isFalse();
    }

    @Test
    void stage_artifacts_of_a_workspace_the_app_cannot_see_are_not_authorized() {
        SandboxResponse response = tenant.get("pipelines/" + PIPELINE + "/stages/2/artifacts");

        assertThat(response.status()).isEqualTo(401);
        assertThat(json(response).at("/error/code").asText()).isEqualTo("PowerBINotAuthorizedException");
    }

    @Test
    void deploy_all_moves_through_not_started_and_executing_to_succeeded_and_copies_the_stage() {
        SandboxResponse accepted = tenant.post("pipelines/" + PIPELINE + "/deployAll", DEPLOY_EVERYTHING);
        assertThat(accepted.status()).isEqualTo(202);
        JsonNode queued = json(accepted);
        String operation = queued.path("id").asText();
        assertThat(queued.path("type").asText()).isEqualTo("Deploy");
        assertThat(queued.path("status").asText()).isEqualTo("NotStarted");
        assertThat(queued.path("sourceStageOrder").asInt()).isZero();
        assertThat(queued.path("targetStageOrder").asInt()).isEqualTo(1);
        assertThat(queued.path("lastUpdatedTime").asText()).isEqualTo("2025-03-01T10:00:00.000");
        assertThat(header(accepted, "Location")).hasValue(
                "https://127.0.0.1:8443/powerbi/v1.0/myorg/pipelines/" + PIPELINE + "/operations/" + operation);

        JsonNode executing = poll(PIPELINE, operation);
        assertThat(executing.path("status").asText()).isEqualTo("Executing");
        assertThat(executing.at("/executionPlan/Steps")).hasSize(4);
        assertThat(tenant.service.reports(TEST)).as("nothing copied before the deployment runs").hasSize(1);

        JsonNode done = poll(PIPELINE, operation);
        assertThat(done.path("status").asText()).isEqualTo("Succeeded");
        assertThat(done.path("executionEndTime").asText()).isEqualTo("2025-03-01T10:00:00.000Z");
        assertThat(done.at("/note/content").asText()).isEqualTo("release 7");
        List<String> stepStatus = new ArrayList<>();
        done.at("/executionPlan/Steps").forEach(s -> stepStatus.add(s.path("type").asText() + ":" + s.path("status").asText()
                + ":" + s.path("preDeploymentDiffState").asText()));
        assertThat(stepStatus).containsExactly("DatasetDeployment:Succeeded:NoDifference", "DatasetDeployment:Succeeded:New",
                "ReportDeployment:Succeeded:Different", "ReportDeployment:Succeeded:New");
        assertThat(poll(PIPELINE, operation).path("status").asText()).as("a finished operation stays finished").isEqualTo("Succeeded");

        Report overwritten = tenant.service.report(TEST, R_OVERVIEW_TEST).orElseThrow();
        assertThat(overwritten.name()).isEqualTo("Sales Overview");
        assertThat(overwritten.datasetId()).hasValue(DS_TEST);
        Report invoiceCopy = tenant.service.reports(TEST).stream()
                .filter(r -> r.sourceReportId().filter(R_INVOICE::equals).isPresent()).findFirst().orElseThrow();
        assertThat(invoiceCopy.id()).isNotEqualTo(R_INVOICE);
        assertThat(invoiceCopy.type()).isEqualTo(ReportType.PAGINATED_REPORT);
        assertThat(invoiceCopy.datasetId()).isEmpty();
        assertThat(tenant.service.datasets(TEST)).hasSize(2);

        JsonNode devArtifacts = ok(tenant.get("pipelines/" + PIPELINE + "/stages/0/artifacts"));
        assertThat(artifact(devArtifacts, "reports", R_INVOICE).path("targetArtifactId").asText()).isEqualTo(invoiceCopy.id());
    }

    @Test
    void a_deployed_report_binds_to_the_deployed_copy_of_its_dataset() {
        tenant.service.removeReport(TEST, R_OVERVIEW_TEST);
        tenant.service.removeDataset(TEST, DS_TEST);

        String operation = deploy(PIPELINE, DEPLOY_EVERYTHING);
        assertThat(tenant.service.runToCompletion(PIPELINE, operation).orElseThrow().status())
                .isEqualTo(PipelineOperation.Status.Succeeded);

        Report copy = tenant.service.reports(TEST).stream()
                .filter(r -> r.sourceReportId().filter(R_OVERVIEW::equals).isPresent()).findFirst().orElseThrow();
        Dataset datasetCopy = tenant.service.dataset(TEST, copy.datasetId().orElseThrow()).orElseThrow();
        assertThat(datasetCopy.sourceDatasetId()).hasValue(DS_DEV);
        assertThat(copy.datasetWorkspaceId()).hasValue(TEST);
    }

    @Test
    void deploy_fails_without_overwrite_permission_when_paired_items_exist_and_changes_nothing() {
        String operation = deploy(PIPELINE, "{\"sourceStageOrder\":0,\"options\":{\"allowCreateArtifact\":true}}");

        poll(PIPELINE, operation);
        JsonNode failed = poll(PIPELINE, operation);

        assertThat(failed.path("status").asText()).isEqualTo("Failed");
        JsonNode refusedStep = failed.at("/executionPlan/Steps/0");
        assertThat(refusedStep.path("status").asText()).isEqualTo("Failed");
        assertThat(refusedStep.at("/error/errorCode").asText()).isEqualTo("ArtifactOverwriteNotAllowed");
        assertThat(tenant.service.report(TEST, R_OVERVIEW_TEST).orElseThrow().name()).isEqualTo("Sales Overview (old)");
        assertThat(tenant.service.reports(TEST)).hasSize(1);
    }

    @Test
    void deploy_fails_when_the_target_stage_has_no_workspace() {
        String operation = deploy(PIPELINE_WITHOUT_TEST, DEPLOY_EVERYTHING);

        PipelineOperation failed = tenant.service.runToCompletion(PIPELINE_WITHOUT_TEST, operation).orElseThrow();

        assertThat(failed.status()).isEqualTo(PipelineOperation.Status.Failed);
        assertThat(failed.failureReason()).hasValueSatisfying(r -> assertThat(r).contains("no workspace"));
        assertThat(poll(PIPELINE_WITHOUT_TEST, operation).path("status").asText()).isEqualTo("Failed");
    }

    @Test
    void deploy_of_more_than_three_hundred_items_fails() {
        String operation = deploy(PIPELINE_HUGE, DEPLOY_EVERYTHING);

        poll(PIPELINE_HUGE, operation);
        JsonNode failed = poll(PIPELINE_HUGE, operation);

        assertThat(failed.path("status").asText()).isEqualTo("Failed");
        assertThat(tenant.service.reports(EMPTY)).isEmpty();
        assertThat(tenant.service.operation(PIPELINE_HUGE, operation).orElseThrow().failureReason())
                .hasValueSatisfying(r -> assertThat(r).contains("302 items"));
    }

    @Test
    void deploy_requests_are_validated_before_an_operation_is_queued() {
        String deployAll = "pipelines/" + PIPELINE + "/deployAll";
        assertThat(tenant.post(deployAll, "{}").status()).isEqualTo(400);
        assertThat(tenant.post(deployAll, "{\"sourceStageOrder\":2}").status()).as("no stage after production").isEqualTo(400);
        assertThat(tenant.post(deployAll, "{\"sourceStageOrder\":0,\"isBackwardDeployment\":true}").status()).isEqualTo(400);
        assertThat(tenant.post(deployAll, "{\"sourceStageOrder\":1}").status())
                .as("app-main is not a member of the production workspace").isEqualTo(401);
        assertThat(tenant.postAs(PROD_APP, deployAll, "{\"sourceStageOrder\":1}").status())
                .as("app-prod is a member of production and the test workspace admits every app").isEqualTo(202);
        assertThat(tenant.service.operations(PIPELINE)).hasSize(1);
    }

    @Test
    void operations_are_listed_most_recent_first_without_execution_plans() {
        String first = deploy(PIPELINE, DEPLOY_EVERYTHING);
        tenant.service.runToCompletion(PIPELINE, first);
        String second = deploy(PIPELINE, DEPLOY_EVERYTHING);

        JsonNode list = ok(tenant.get("pipelines/" + PIPELINE + "/operations")).path("value");

        assertThat(list).hasSize(2);
        assertThat(list.get(0).path("id").asText()).isEqualTo(second);
        assertThat(list.get(0).path("status").asText()).isEqualTo("NotStarted");
        assertThat(list.get(1).path("id").asText()).isEqualTo(first);
        assertThat(list.get(1).path("status").asText()).isEqualTo("Succeeded");
        assertThat(list.get(1).has("executionPlan")).isFalse();
        assertThat(list.get(1).at("/performedBy/principalType").asText()).isEqualTo("App");
    }
}
