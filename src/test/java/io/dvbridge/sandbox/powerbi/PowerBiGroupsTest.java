package io.dvbridge.sandbox.powerbi;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.sandbox.http.SandboxResponse;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.dvbridge.sandbox.powerbi.PowerBiTenant.json;
import static org.assertj.core.api.Assertions.assertThat;

class PowerBiGroupsTest {

    private final PowerBiTenant tenant = new PowerBiTenant();

    private List<String> names(String query) {
        SandboxResponse response = tenant.get("groups" + query);
        assertThat(response.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        json(response).path("value").forEach(g -> names.add(g.path("name").asText()));
        return names;
    }

    private static String filter(String expression) {
        return "?$filter=" + URLEncoder.encode(expression, StandardCharsets.UTF_8);
    }

    @Test
    void lists_only_the_workspaces_the_app_is_a_member_of_in_the_group_shape() {
        JsonNode body = json(tenant.get("groups"));

        assertThat(body.path("@odata.context").asText()).isEqualTo("https://127.0.0.1:8443/powerbi/v1.0/myorg/$metadata#groups");
        assertThat(names("")).containsExactly("Sales Dev", "Sales Test", "Bench", "Huge", "Empty");
        JsonNode dev = body.path("value").get(0);
        assertThat(dev.path("id").asText()).isEqualTo(PowerBiTenant.DEV);
        assertThat(dev.path("isReadOnly").asBoolean(true)).isFalse();
        assertThat(dev.path("isOnDedicatedCapacity").asBoolean()).isTrue();
        assertThat(dev.path("capacityId").asText()).isEqualTo("0f084df7-c13d-451b-af5f-ed0c466403b2");
        assertThat(dev.path("type").asText()).isEqualTo("Workspace");
        JsonNode test = body.path("value").get(1);
        assertThat(test.path("isOnDedicatedCapacity").asBoolean(true)).isFalse();
        assertThat(test.has("capacityId")).isFalse();
        assertThat(tenant.getAs(PowerBiTenant.PROD_APP, "groups").bodyAsString()).contains("Sales Prod");
    }

    @Test
    void filter_by_exact_name_is_case_sensitive_unless_wrapped_in_tolower() {
        assertThat(names(filter("name eq 'Sales Test'"))).containsExactly("Sales Test");
        assertThat(names(filter("name eq 'sales test'"))).isEmpty();
        assertThat(names(filter("tolower(name) eq 'sales test'"))).containsExactly("Sales Test");
    }

    @Test
    void filter_with_contains_and_boolean_combinations() {
        assertThat(names(filter("contains(name,'Sales')"))).containsExactly("Sales Dev", "Sales Test");
        assertThat(names(filter("contains(name,'Sales') and not endswith(name,'Dev')"))).containsExactly("Sales Test");
        assertThat(names(filter("startswith(name,'B') or (name eq 'Empty')"))).containsExactly("Bench", "Empty");
        assertThat(names(filter("contains(name,'Finance')"))).as("hidden workspaces stay hidden").isEmpty();
    }

    @Test
    void top_and_skip_page_through_the_filtered_list() {
        assertThat(names("?$top=2")).containsExactly("Sales Dev", "Sales Test");
        assertThat(names("?$skip=2&$top=2")).containsExactly("Bench", "Huge");
        assertThat(names("?$skip=4")).containsExactly("Empty");
        assertThat(names(filter("contains(name,'Sales')") + "&$skip=1")).containsExactly("Sales Test");
    }

    @Test
    void malformed_filter_or_paging_option_is_a_bad_request() {
        SandboxResponse badFilter = tenant.get("groups" + filter("colour eq 'red'"));
        assertThat(badFilter.status()).isEqualTo(400);
        assertThat(json(badFilter).at("/error/code").asText()).isEqualTo("BadRequest");
        assertThat(json(badFilter).at("/error/details/0/target").asText()).isEqualTo("$filter");

        assertThat(tenant.get("groups?$top=-1").status()).isEqualTo(400);
        assertThat(tenant.get("groups?$skip=many").status()).isEqualTo(400);
        assertThat(tenant.get("groups" + filter("name eq 'unterminated")).status()).isEqualTo(400);
    }
}
