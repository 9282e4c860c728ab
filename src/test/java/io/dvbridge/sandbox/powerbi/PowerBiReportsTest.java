package io.dvbridge.sandbox.powerbi;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.sandbox.fixture.PowerBiSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.GenerateReportsSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.ReportSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.WorkspaceSpec;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.limits.LimitsProfile;
import io.dvbridge.sandbox.limits.ServiceProtection;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.dvbridge.sandbox.powerbi.PowerBiTenant.BENCH;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.DEV;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.DS_DEV;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.DS_DEV_ALT;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.DS_HIDDEN;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.DS_TEST;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.HIDDEN;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.R_INVOICE;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.R_OVERVIEW;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.TEST;
import static io.dvbridge.sandbox.powerbi.PowerBiTenant.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PowerBiReportsTest {

    private static final String NOT_FOUND = "{\"error\":{\"code\":\"PowerBIEntityNotFound\",\"pbi.error\":"
            + "{\"code\":\"PowerBIEntityNotFound\",\"parameters\":{},\"details\":[],\"exceptionCulprit\":1}}}";

    private final PowerBiTenant tenant = new PowerBiTenant();

    private JsonNode report(String workspace, String reportId) {
        SandboxResponse response = tenant.get("groups/" + workspace + "/reports/" + reportId);
        assertThat(response.status()).isEqualTo(200);
        return json(response);
    }

    @Test
    void lists_reports_with_the_swagger_fields_and_a_paginated_report_without_dataset() {
        JsonNode body = json(tenant.get("groups/" + DEV + "/reports"));

        assertThat(body.path("@odata.context").asText()).endsWith("/groups/" + DEV + "/$metadata#reports");
        assertThat(body.path("value")).hasSize(2);
        JsonNode overview = body.path("value").get(0);
        assertThat(overview.path("id").asText()).isEqualTo(R_OVERVIEW);
        assertThat(overview.path("name").asText()).isEqualTo("Sales Overview");
        assertThat(overview.path("reportType").asText()).isEqualTo("PowerBIReport");
        assertThat(overview.path("datasetId").asText()).isEqualTo(DS_DEV);
        assertThat(overview.path("datasetWorkspaceId").asText()).isEqualTo(DEV);
        assertThat(overview.path("description").asText()).isEqualTo("Monthly sales");
        assertThat(overview.path("webUrl").asText()).isEqualTo("https://app.powerbi.com/groups/" + DEV + "/reports/" + R_OVERVIEW);
        assertThat(overview.path("embedUrl").asText()).startsWith("https://app.powerbi.com/reportEmbed?reportId=" + R_OVERVIEW
                + "&groupId=" + DEV);
        assertThat(overview.path("isFromPbix").asBoolean()).isTrue();
        assertThat(overview.path("isOwnedByMe").asBoolean()).isTrue();
        assertThat(overview.path("users").isArray()).isTrue();
        assertThat(overview.path("subscriptions").isArray()).isTrue();

        JsonNode invoice = body.path("value").get(1);
        assertThat(invoice.path("reportType").asText()).isEqualTo("PaginatedReport");
        assertThat(invoice.has("datasetId")).isFalse();
        assertThat(invoice.has("datasetWorkspaceId")).isFalse();
        assertThat(invoice.path("isFromPbix").asBoolean(true)).isFalse();
        assertThat(invoice.path("webUrl").asText()).contains("/rdlreports/" + R_INVOICE);
        assertThat(invoice.path("embedUrl").asText()).startsWith("https://app.powerbi.com/rdlEmbed?reportId=" + R_INVOICE);
    }

    @Test
    void gets_one_report_and_ids_are_matched_regardless_of_case() {
        JsonNode overview = report(DEV.toUpperCase(), R_OVERVIEW.toUpperCase());

        assertThat(overview.path("@odata.context").asText()).endsWith("$metadata#reports/$entity");
        assertThat(overview.path("id").asText()).isEqualTo(R_OVERVIEW);
    }

    @Test
    void unknown_report_unknown_group_and_group_of_other_apps_are_entity_not_found() {
        SandboxResponse unknownReport = tenant.get("groups/" + DEV + "/reports/" + "a0000000-0000-0000-0000-0000000000ff");
        assertThat(unknownReport.status()).isEqualTo(404);
        assertThat(unknownReport.bodyAsString()).isEqualTo(NOT_FOUND);

        SandboxResponse unknownGroup = tenant.get("groups/99999999-9999-9999-9999-999999999999/reports");
        assertThat(unknownGroup.status()).isEqualTo(404);
        assertThat(unknownGroup.bodyAsString()).isEqualTo(NOT_FOUND);

        SandboxResponse notMember = tenant.get("groups/" + HIDDEN + "/reports");
        assertThat(notMember.status()).isEqualTo(404);
        assertThat(notMember.bodyAsString()).isEqualTo(NOT_FOUND);
    }

    @Test
    void malformed_guid_in_the_path_is_a_bad_request_naming_the_parameter() {
        SandboxResponse badGroup = tenant.get("groups/not-a-guid/reports");
        assertThat(badGroup.status()).isEqualTo(400);
        assertThat(json(badGroup).at("/error/code").asText()).isEqualTo("BadRequest");
        assertThat(json(badGroup).at("/error/details/0/target").asText()).isEqualTo("groupId");

        SandboxResponse badReport = tenant.get("groups/" + DEV + "/reports/123");
        assertThat(badReport.status()).isEqualTo(400);
        assertThat(json(badReport).at("/error/details/0/target").asText()).isEqualTo("reportId");
    }

    @Test
    void lists_and_gets_datasets_with_their_fields() {
        JsonNode body = json(tenant.get("groups/" + DEV + "/datasets"));
        assertThat(body.path("value")).hasSize(2);
        JsonNode sales = body.path("value").get(0);
        assertThat(sales.path("id").asText()).isEqualTo(DS_DEV);
        assertThat(sales.path("name").asText()).isEqualTo("Sales");
        assertThat(sales.path("configuredBy").asText()).isEqualTo("maria@contoso.com");
        assertThat(sales.path("webUrl").asText()).isEqualTo("https://app.powerbi.com/groups/" + DEV + "/datasets/" + DS_DEV);
        assertThat(sales.path("isRefreshable").asBoolean()).isTrue();
        assertThat(sales.path("isEffectiveIdentityRequired").isBoolean()).isTrue();
        assertThat(sales.path("isEffectiveIdentityRolesRequired").isBoolean()).isTrue();
        assertThat(sales.path("isOnPremGatewayRequired").isBoolean()).isTrue();
        assertThat(sales.path("targetStorageMode").asText()).isEqualTo("Abf");
        assertThat(sales.path("createdDate").asText()).isEqualTo("2025-03-01T10:00:00.000Z");

        SandboxResponse one = tenant.get("groups/" + DEV + "/datasets/" + DS_DEV_ALT);
        assertThat(json(one).path("name").asText()).isEqualTo("Sales v2");
        assertThat(json(one).path("configuredBy").asText()).isNotBlank();
        assertThat(tenant.get("groups/" + DEV + "/datasets/" + DS_TEST).status()).as("dataset of another workspace").isEqualTo(404);
    }

    @Test
    void rebind_moves_the_report_to_another_dataset() {
        SandboxResponse response = tenant.post("groups/" + DEV + "/reports/" + R_OVERVIEW + "/Rebind",
                "{\"datasetId\":\"" + DS_DEV_ALT + "\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(report(DEV, R_OVERVIEW).path("datasetId").asText()).isEqualTo(DS_DEV_ALT);
        assertThat(tenant.service.report(DEV, R_OVERVIEW).flatMap(Report::datasetId)).hasValue(DS_DEV_ALT);
    }

    @Test
    void rebind_to_a_dataset_of_another_workspace_records_that_workspace() {
        assertThat(tenant.post("groups/" + DEV + "/reports/" + R_OVERVIEW + "/rebind",
                "{\"datasetId\":\"" + DS_TEST + "\"}").status()).isEqualTo(200);

        JsonNode overview = report(DEV, R_OVERVIEW);
        assertThat(overview.path("datasetId").asText()).isEqualTo(DS_TEST);
        assertThat(overview.path("datasetWorkspaceId").asText()).isEqualTo(TEST);
    }

    @Test
    void rebind_to_an_unknown_or_hidden_dataset_is_entity_not_found_and_changes_nothing() {
        String path = "groups/" + DEV + "/reports/" + R_OVERVIEW + "/Rebind";

        assertThat(tenant.post(path, "{\"datasetId\":\"d0000000-0000-0000-0000-0000000000ff\"}").status()).isEqualTo(404);
        assertThat(tenant.post(path, "{\"datasetId\":\"" + DS_HIDDEN + "\"}").status()).isEqualTo(404);
        assertThat(report(DEV, R_OVERVIEW).path("datasetId").asText()).isEqualTo(DS_DEV);
    }

    @Test
    void rebind_of_a_paginated_report_or_with_a_malformed_body_is_a_bad_request() {
        SandboxResponse paginated = tenant.post("groups/" + DEV + "/reports/" + R_INVOICE + "/Rebind",
                "{\"datasetId\":\"" + DS_DEV + "\"}");
        assertThat(paginated.status()).isEqualTo(400);
        assertThat(json(paginated).at("/error/code").asText()).isEqualTo("InvalidRequest");
        assertThat(report(DEV, R_INVOICE).has("datasetId")).isFalse();

        String path = "groups/" + DEV + "/reports/" + R_OVERVIEW + "/Rebind";
        assertThat(tenant.post(path, "").status()).isEqualTo(400);
        assertThat(tenant.post(path, "{\"datasetId\":42}").status()).isEqualTo(400);
        assertThat(tenant.post(path, "not json").status()).isEqualTo(400);
    }

    @Test
    void generated_reports_each_have_their_own_dataset_and_ids_that_repeat_run_after_run() {
        List<Report> reports = tenant.service.reports(BENCH);

        assertThat(reports).extracting(Report::name).containsExactly("Bench 1", "Bench 2", "Bench 3", "Bench 4", "Bench 5");
        Set<String> datasets = new HashSet<>();
        reports.forEach(r -> datasets.add(r.datasetId().orElseThrow()));
        assertThat(datasets).hasSize(5);
        assertThat(tenant.service.datasets(BENCH)).extracting(Dataset::id).containsExactlyInAnyOrderElementsOf(datasets);
        assertThat(new PowerBiTenant().service.reports(BENCH)).isEqualTo(reports);
    }

    @Test
    void a_benchmark_workspace_of_five_thousand_reports_is_served_in_one_listing() {
        Clock clock = Clock.fixed(PowerBiTenant.NOW, java.time.ZoneOffset.UTC);
        PowerBiService big = new PowerBiService(new PowerBiSpec(List.of(new WorkspaceSpec(BENCH, "Big", List.of(), List.of(),
                List.of(), new GenerateReportsSpec(5000, "Report {n}"))), List.of()), PowerBiTenant.VERIFIER,
                new ServiceProtection(LimitsProfile.REAL, clock), clock);

        assertThat(big.reports(BENCH)).hasSize(5000);
        assertThat(big.datasets(BENCH)).hasSize(5000);
        assertThat(big.reports(BENCH).get(4999).name()).isEqualTo("Report 5000");
    }

    @Test
    void reports_added_and_removed_in_process_show_over_http() {
        Report added = tenant.service.addReport(DEV, new ReportSpec(null, "Ad hoc", DS_DEV, null, null, null));

        assertThat(report(DEV, added.id()).path("name").asText()).isEqualTo("Ad hoc");
        assertThat(tenant.service.removeReport(DEV, added.id())).isTrue();
        assertThat(tenant.get("groups/" + DEV + "/reports/" + added.id()).status()).isEqualTo(404);
        assertThat(tenant.service.report(DEV, added.id())).isEqualTo(Optional.empty());
    }

    @Test
    void in_process_additions_are_checked_like_fixture_entries() {
        assertThatThrownBy(() -> tenant.service.addReport(DEV, new ReportSpec(null, "Bad", DS_DEV, "PaginatedReport", null, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Paginated");
        assertThatThrownBy(() -> tenant.service.addReport(DEV, new ReportSpec(null, "Orphan", "d0000000-0000-0000-0000-0000000000ff",
                null, null, null))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> tenant.service.reports("99999999-9999-9999-9999-999999999999"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
