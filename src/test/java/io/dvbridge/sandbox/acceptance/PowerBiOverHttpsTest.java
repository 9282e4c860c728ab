package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.powerbi.PipelineArtifact;
import io.dvbridge.powerbi.PowerBiClient;
import io.dvbridge.powerbi.PowerBiDataset;
import io.dvbridge.powerbi.PowerBiReport;
import io.dvbridge.powerbi.PowerBiWorkspace;
import io.dvbridge.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Power BI REST over HTTPS with a real msal4j token: through PowerBiClient where it has the call, else java.net.http. */
class PowerBiOverHttpsTest {

    private static final String DEV = "9a000000-0000-4000-8000-000000000001";
    private static final String PROD = "9a000000-0000-4000-8000-000000000002";
    private static final String TEST_WS = "9a000000-0000-4000-8000-000000000003";
    private static final String DEV_SALES_MODEL = "9b000000-0000-4000-8000-000000000001";
    private static final String PROD_SALES_MODEL = "9b000000-0000-4000-8000-000000000002";
    private static final String PROD_OTHER_MODEL = "9b000000-0000-4000-8000-000000000003";
    private static final String DEV_SALES = "9c000000-0000-4000-8000-000000000001";
    private static final String DEV_INVOICE = "9c000000-0000-4000-8000-000000000002";
    private static final String PROD_SALES = "9c000000-0000-4000-8000-000000000003";
    private static final String PROD_INVOICE = "9c000000-0000-4000-8000-000000000004";
    private static final String RELEASE_PIPELINE = "9d000000-0000-4000-8000-000000000001";
    private static final String DEPLOY_PIPELINE = "9d000000-0000-4000-8000-000000000002";

    private static AcceptanceWorld world;
    private static PowerBiClient client;

    @BeforeAll
    static void start() {
        world = AcceptanceWorld.start("""
                environments:
                  - name: contoso-dev
                    tenant: contoso
                powerbi:
                  workspaces:
                    - id: %1$s
                      name: Sales (dev)
                      datasets: [{id: %4$s, name: Sales model}]
                      reports:
                        - {id: %7$s, name: Sales, datasetId: %4$s}
                        - {id: %8$s, name: Invoice, type: PaginatedReport}
                    - id: %2$s
                      name: Sales (prod)
                      datasets:
                        - {id: %5$s, name: Sales model, sourceDatasetId: %4$s}
                        - {id: %6$s, name: Other model}
                      reports:
                        - {id: %9$s, name: Sales, datasetId: %5$s, sourceReportId: %7$s}
                        - {id: %10$s, name: Invoice, type: PaginatedReport, sourceReportId: %8$s}
                    - id: %3$s
                      name: Sales (test)
                  pipelines:
                    - id: %11$s
                      displayName: Sales release
                      stages:
                        - {order: 0, displayName: Development, workspaceId: %1$s}
                        - {order: 1, displayName: Production, workspaceId: %2$s}
                    - id: %12$s
                      displayName: Sales to test
                      stages:
                        - {order: 0, displayName: Development, workspaceId: %1$s}
                        - {order: 1, displayName: Test, workspaceId: %3$s}
                """.formatted(DEV, PROD, TEST_WS, DEV_SALES_MODEL, PROD_SALES_MODEL, PROD_OTHER_MODEL, DEV_SALES, DEV_INVOICE,
                PROD_SALES, PROD_INVOICE, RELEASE_PIPELINE, DEPLOY_PIPELINE), SandboxOptions.defaults());
        client = world.powerBi(RetryPolicy.DEFAULT);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static HttpResponse<String> powerBi(String method, String relative, String body) {
        Map<String, String> headers = body == null ? Map.of() : Map.of("Content-Type", "application/json");
        return world.send(method, world.sandbox().powerBiApiUrl() + relative, world.powerBiToken(), headers, body);
    }

    @Test
    void groups_are_listed_and_filtered_by_name() {
        assertThat(client.groups(Optional.empty(), 0)).extracting(PowerBiWorkspace::id).containsExactlyInAnyOrder(DEV, PROD, TEST_WS);
        assertThat(client.groups(Optional.of("name eq 'Sales (prod)'"), 0)).extracting(PowerBiWorkspace::id).containsExactly(PROD);
    }

    @Test
    void reports_carry_their_dataset_and_a_paginated_report_has_none() {
        List<PowerBiReport> reports = client.reports(DEV);

        PowerBiReport sales = reports.stream().filter(r -> r.id().equals(DEV_SALES)).findFirst().orElseThrow();
        PowerBiReport invoice = reports.stream().filter(r -> r.id().equals(DEV_INVOICE)).findFirst().orElseThrow();
        assertThat(sales.datasetId()).hasValue(DEV_SALES_MODEL);
        assertThat(sales.paginated()).isFalse();
        assertThat(invoice.paginated()).isTrue();
        assertThat(invoice.datasetId()).isEmpty();
        JsonNode raw = AcceptanceWorld.json(powerBi("GET", "groups/" + DEV + "/reports", null));
        raw.path("value").forEach(r -> {
            if (r.path("id").asText().equals(DEV_INVOICE)) {
                assertThat(r.has("datasetId")).as("a paginated report has no datasetId property at all").isFalse();
                assertThat(r.path("reportType").asText()).isEqualTo("PaginatedReport");
            }
        });
    }

    @Test
    void datasets_of_a_workspace_are_listed() {
        assertThat(client.datasets(PROD)).extracting(PowerBiDataset::id).containsExactlyInAnyOrder(PROD_SALES_MODEL, PROD_OTHER_MODEL);
    }

    @Test
    void stage_artifacts_name_their_source_in_the_previous_stage() {
        List<PipelineArtifact> artifacts = client.pipelineArtifacts(RELEASE_PIPELINE, 1);

        assertThat(artifacts).filteredOn(a -> a.kind().equals("report"))
                .extracting(PipelineArtifact::artifactId, PipelineArtifact::sourceArtifactId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(PROD_SALES, Optional.of(DEV_SALES)),
                        org.assertj.core.groups.Tuple.tuple(PROD_INVOICE, Optional.of(DEV_INVOICE)));
        assertThat(artifacts).filteredOn(a -> a.kind().equals("dataset"))
                .filteredOn(a -> a.artifactId().equals(PROD_SALES_MODEL))
                .extracting(PipelineArtifact::sourceArtifactId).containsExactly(Optional.of(DEV_SALES_MODEL));
    }

    @Test
    void rebind_points_a_report_at_another_dataset() {
        HttpResponse<String> rebound = powerBi("POST", "groups/" + PROD + "/reports/" + PROD_SALES + "/Rebind",
                "{\"datasetId\":\"" + PROD_OTHER_MODEL + "\"}");

        assertThat(rebound.statusCode()).as(rebound.body()).isEqualTo(200);
        assertThat(client.reports(PROD)).filteredOn(r -> r.id().equals(PROD_SALES))
                .extracting(PowerBiReport::datasetId).containsExactly(Optional.of(PROD_OTHER_MODEL));
        HttpResponse<String> back = powerBi("POST", "groups/" + PROD + "/reports/" + PROD_SALES + "/Rebind",
                "{\"datasetId\":\"" + PROD_SALES_MODEL + "\"}");
        assertThat(back.statusCode()).isEqualTo(200);
    }

    @Test
    void deploy_all_is_accepted_and_its_operation_is_polled_to_succeeded_and_the_copies_name_their_sources() {
        HttpResponse<String> accepted = powerBi("POST", "pipelines/" + DEPLOY_PIPELINE + "/deployAll",
                "{\"sourceStageOrder\":0,\"options\":{\"allowCreateArtifact\":true,\"allowOverwriteArtifact\":true}}");

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String operation = AcceptanceWorld.json(accepted).path("id").asText();
        assertThat(accepted.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/operations/" + operation));
        List<String> statuses = new ArrayList<>();
        String status = AcceptanceWorld.json(accepted).path("status").asText();
        statuses.add(status);
        for (int poll = 0; poll < 10 && !status.equals("Succeeded") && !status.equals("Failed"); poll++) {
            HttpResponse<String> polled = powerBi("GET", "pipelines/" + DEPLOY_PIPELINE + "/operations/" + operation, null);
            assertThat(polled.statusCode()).isEqualTo(200);
            status = AcceptanceWorld.json(polled).path("status").asText();
            statuses.add(status);
        }

        assertThat(statuses).startsWith("NotStarted").endsWith("Succeeded").contains("Executing");
        List<PipelineArtifact> copies = client.pipelineArtifacts(DEPLOY_PIPELINE, 1);
        assertThat(copies).filteredOn(a -> a.kind().equals("report"))
                .extracting(PipelineArtifact::sourceArtifactId)
                .containsExactlyInAnyOrder(Optional.of(DEV_SALES), Optional.of(DEV_INVOICE));
        assertThat(client.reports(TEST_WS)).extracting(PowerBiReport::name).containsExactlyInAnyOrder("Sales", "Invoice");
    }
}
