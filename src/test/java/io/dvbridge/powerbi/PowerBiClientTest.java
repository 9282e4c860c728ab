package io.dvbridge.powerbi;

import io.dvbridge.http.FakeEnvironments;
import io.dvbridge.http.FakeHttpsServer;
import io.dvbridge.http.FakeHttpsServer.Reply;
import io.dvbridge.http.RecordingTokenSource;
import io.dvbridge.http.RetryPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static io.dvbridge.http.FakeEnvironments.POWER_BI_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PowerBiClientTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(5), Duration.ofMillis(20), 3,
            Duration.ofSeconds(300), Duration.ofSeconds(20));
    private static final String WORKSPACE = "5b218778-e7a5-4d73-8187-f10824047715";
    private static final String PIPELINE = "a5ded933-57b7-41f4-b072-ed4c1f9d5824";

    private final FakeHttpsServer server = new FakeHttpsServer();
    private final RecordingTokenSource tokens = new RecordingTokenSource();
    private final PowerBiClient client = PowerBiClient.connect(new FakeEnvironments(server, tokens).test(), FAST);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void reports_of_a_workspace_are_listed_and_paginated_reports_have_no_dataset() {
        server.respond(r -> Reply.json(200, "{\"@odata.context\":\"x\",\"value\":["
                + "{\"id\":\"r1\",\"name\":\"Sales\",\"datasetId\":\"d1\",\"reportType\":\"PowerBIReport\",\"webUrl\":\"w1\",\"embedUrl\":\"e1\",\"isFromPbix\":true},"
                + "{\"id\":\"r2\",\"name\":\"Invoice\",\"reportType\":\"PaginatedReport\",\"webUrl\":\"w2\",\"embedUrl\":\"e2\"}]}"));

        List<PowerBiReport> reports = client.reports(WORKSPACE);

        assertThat(reports).containsExactly(
                new PowerBiReport("r1", "Sales", Optional.of("d1"), "PowerBIReport", "w1", "e1"),
                new PowerBiReport("r2", "Invoice", Optional.empty(), "PaginatedReport", "w2", "e2"));
        assertThat(server.requests().get(0).rawUri()).isEqualTo(POWER_BI_PATH + "groups/" + WORKSPACE + "/reports");
        assertThat(server.requests().get(0).header("Authorization")).contains("Bearer token-1");
    }

    @Test
    void groups_can_be_filtered_with_an_encoded_odata_filter() {
        server.respond(r -> Reply.json(200, "{\"value\":[{\"id\":\"" + WORKSPACE + "\",\"name\":\"Sales\",\"isReadOnly\":false,"
                + "\"isOnDedicatedCapacity\":true,\"capacityId\":\"c1\"}]}"));

        List<PowerBiWorkspace> groups = client.groups(Optional.of("name eq 'Sales & Ops'"), 10);

        assertThat(groups).containsExactly(new PowerBiWorkspace(WORKSPACE, "Sales", false, true, Optional.of("c1")));
        assertThat(server.requests().get(0).rawUri())
                .isEqualTo(POWER_BI_PATH + "groups?$filter=name%20eq%20%27Sales%20%26%20Ops%27&$top=10");
    }

    @Test
    void pipeline_stage_artifacts_map_each_item_to_its_source_in_the_previous_stage() {
        server.respond(r -> Reply.json(200, "{\"reports\":[{\"artifactId\":\"new-r\",\"artifactDisplayName\":\"Sales\","
                + "\"sourceArtifactId\":\"old-r\"}],\"datasets\":[{\"artifactId\":\"new-d\",\"artifactDisplayName\":\"Model\"}]}"));

        List<PipelineArtifact> artifacts = client.pipelineArtifacts(PIPELINE, 1);

        assertThat(artifacts).containsExactlyInAnyOrder(
                new PipelineArtifact("report", "new-r", "Sales", Optional.of("old-r"), Optional.empty()),
                new PipelineArtifact("dataset", "new-d", "Model", Optional.empty(), Optional.empty()));
        assertThat(server.requests().get(0).rawUri()).isEqualTo(POWER_BI_PATH + "pipelines/" + PIPELINE + "/stages/1/artifacts");
    }

    @Test
    void power_bi_errors_carry_status_and_the_pbi_error_code() {
        server.respond(r -> Reply.json(404, "{\"error\":{\"code\":\"PowerBIEntityNotFound\",\"pbi.error\":{\"code\":"
                + "\"PowerBIEntityNotFound\",\"parameters\":{},\"details\":[],\"exceptionCulprit\":1}}}"));

        assertThatThrownBy(() -> client.datasets(WORKSPACE))
                .isInstanceOfSatisfying(PowerBiException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.errorCode()).isEqualTo("PowerBIEntityNotFound");
                    assertThat(e.operation()).isEqualTo("datasets");
                })
                .hasMessage("Power BI datasets failed: HTTP 404 PowerBIEntityNotFound");
    }

    @Test
    void a_throttled_listing_is_retried_after_retry_after_and_a_401_refreshes_the_power_bi_token() {
        server.respondInTurn(FakeHttpsServer.replies(
                Reply.status(429).withHeader("Retry-After", "0"),
                Reply.status(401).withHeader("x-powerbi-error-info", "PowerBINotAuthorizedException"),
                Reply.json(200, "{\"value\":[]}")));

        assertThat(client.datasets(WORKSPACE)).isEmpty();

        assertThat(server.requests()).hasSize(3);
        assertThat(tokens.invalidated()).containsExactly("https://analysis.windows.net/powerbi/api/.default");
    }

    @Test
    void a_workspace_id_that_is_not_a_guid_is_refused_before_any_call() {
        assertThatThrownBy(() -> client.reports("../admin")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("workspaceId");
        assertThat(server.requests()).isEmpty();
    }
}
