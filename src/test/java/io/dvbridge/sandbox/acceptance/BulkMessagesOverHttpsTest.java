package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The sandbox's bulk messages and sdkmessagefilters as a plain HTTPS client meets them. */
class BulkMessagesOverHttpsTest {

    private static final String ID1 = "c0000000-0000-4000-8000-000000000001";
    private static final String ID2 = "c0000000-0000-4000-8000-000000000002";
    private static AcceptanceWorld world;

    @BeforeAll
    static void start() {
        world = AcceptanceWorld.start("""
                environments:
                  - name: contoso-dev
                    tenant: contoso
                    dopHint: 5
                    tables:
                      - logicalName: dvb_customer
                        entitySetName: dvb_customers
                        primaryName: dvb_name
                        columns:
                          - {name: dvb_number, type: String, maxLength: 10, required: SystemRequired}
                          - {name: dvb_points, type: Integer, minValue: 0, maxValue: 100}
                        keys: [[dvb_number]]
                        rows:
                          - {dvb_customerid: %s, dvb_name: One, dvb_number: N-1, dvb_points: 1}
                          - {dvb_customerid: %s, dvb_name: Two, dvb_number: N-2, dvb_points: 2}
                      - logicalName: dvb_note
                        entitySetName: dvb_notes
                        primaryName: dvb_name
                        bulkMessages: [CreateMultiple]
                      - logicalName: dvb_event
                        entitySetName: dvb_events
                        elastic: true
                        columns:
                          - {name: partitionid, type: String, maxLength: 100}
                """.formatted(ID1, ID2), SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static HttpResponse<String> post(String relative, String body, Map<String, String> headers) {
        Map<String, String> all = new java.util.LinkedHashMap<>(Map.of("Content-Type", "application/json", "OData-Version", "4.0"));
        all.putAll(headers);
        return world.send("POST", world.dataverseApi() + relative, world.dataverseToken(), all, body);
    }

    private static Table customers() {
        return world.sandbox().environment("contoso-dev").data().tableBySet("dvb_customers").orElseThrow();
    }

    private static String type(String table) {
        return "\"@odata.type\":\"Microsoft.Dynamics.CRM." + table + "\"";
    }

    @Test
    void create_multiple_answers_the_new_ids_in_order_and_every_answer_carries_the_dop_hint() {
        HttpResponse<String> response = post("dvb_customers/Microsoft.Dynamics.CRM.CreateMultiple", "{\"Targets\":["
                + "{" + type("dvb_customer") + ",\"dvb_name\":\"A\",\"dvb_number\":\"C-1\"},"
                + "{" + type("dvb_customer") + ",\"dvb_name\":\"B\",\"dvb_number\":\"C-2\"}]}", Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("x-ms-dop-hint")).contains("5");
        JsonNode ids = AcceptanceWorld.json(response).path("Ids");
        assertThat(ids).hasSize(2);
        assertThat(customers().row(UUID.fromString(ids.get(1).asText())).orElseThrow().get("dvb_number")).isEqualTo("C-2");
    }

    @Test
    void a_standard_table_rolls_the_whole_request_back_and_answers_the_first_bad_targets_error() {
        int before = customers().size();

        HttpResponse<String> response = post("dvb_customers/Microsoft.Dynamics.CRM.CreateMultiple", "{\"Targets\":["
                + "{" + type("dvb_customer") + ",\"dvb_name\":\"ok\",\"dvb_number\":\"R-1\"},"
                + "{" + type("dvb_customer") + ",\"dvb_name\":\"bad\",\"dvb_number\":\"R-2\",\"dvb_colour\":\"red\"},"
                + "{" + type("dvb_customer") + ",\"dvb_name\":\"missing number\"}]}", Map.of());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(AcceptanceWorld.json(response).path("error").path("message").asText())
                .contains("The property 'dvb_colour' does not exist on type 'Microsoft.Dynamics.CRM.dvb_customer'");
        assertThat(customers().size()).isEqualTo(before);
    }

    @Test
    void upsert_multiple_takes_an_alternate_key_in_odata_id_and_answers_204_but_refuses_a_repeated_key() {
        HttpResponse<String> response = post("dvb_customers/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"Targets\":["
                + "{" + type("dvb_customer") + ",\"@odata.id\":\"dvb_customers(dvb_number='N-1')\",\"dvb_points\":50},"
                + "{" + type("dvb_customer") + ",\"@odata.id\":\"dvb_customers(dvb_number='U-9')\",\"dvb_name\":\"New\"}]}", Map.of());
        HttpResponse<String> repeated = post("dvb_customers/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"Targets\":["
                + "{" + type("dvb_customer") + ",\"@odata.id\":\"dvb_customers(dvb_number='N-2')\",\"dvb_points\":60},"
                + "{" + type("dvb_customer") + ",\"@odata.id\":\"dvb_customers(dvb_number='N-2')\",\"dvb_points\":70}]}", Map.of());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(204);
        assertThat(response.body()).isEmpty();
        assertThat(customers().row(UUID.fromString(ID1)).orElseThrow().get("dvb_points")).isEqualTo(50);
        assertThat(customers().findByKey(Map.of("dvb_number", "U-9"))).isPresent();
        assertThat(repeated.statusCode()).isEqualTo(400);
        assertThat(customers().row(UUID.fromString(ID2)).orElseThrow().get("dvb_points")).isEqualTo(2);
    }

    @Test
    void update_multiple_applies_the_first_of_repeated_keys_and_refuses_alternate_keys() {
        HttpResponse<String> repeated = post("dvb_customers/Microsoft.Dynamics.CRM.UpdateMultiple", "{\"Targets\":["
                + "{" + type("dvb_customer") + ",\"dvb_customerid\":\"" + ID2 + "\",\"dvb_name\":\"first\"},"
                + "{" + type("dvb_customer") + ",\"dvb_customerid\":\"" + ID2 + "\",\"dvb_name\":\"second\"}]}", Map.of());
        HttpResponse<String> alternate = post("dvb_customers/Microsoft.Dynamics.CRM.UpdateMultiple", "{\"Targets\":["
                + "{" + type("dvb_customer") + ",\"@odata.id\":\"dvb_customers(dvb_number='N-2')\",\"dvb_name\":\"x\"}]}", Map.of());

        assertThat(repeated.statusCode()).as(repeated.body()).isEqualTo(204);
        assertThat(customers().row(UUID.fromString(ID2)).orElseThrow().get("dvb_name")).isEqualTo("first");
        assertThat(alternate.statusCode()).isEqualTo(400);
        assertThat(AcceptanceWorld.json(alternate).path("error").path("message").asText()).contains("alternate keys");
    }

    @Test
    void an_elastic_table_keeps_good_targets_and_details_the_failed_ones_when_annotations_are_asked_for() {
        String id = "e0000000-0000-4000-8000-000000000001";
        HttpResponse<String> response = post("dvb_events/Microsoft.Dynamics.CRM.CreateMultiple", "{\"Targets\":["
                + "{" + type("dvb_event") + ",\"dvb_eventid\":\"" + id + "\",\"partitionid\":\"p1\"},"
                + "{" + type("dvb_event") + ",\"partitionid\":\"" + "x".repeat(101) + "\"}]}",
                Map.of("Prefer", "odata.include-annotations=\"*\""));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode details;
        try {
            details = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                    AcceptanceWorld.json(response).path("error").path("@Plugin.BulkApiErrorDetails").asText());
        } catch (java.io.IOException e) {
            throw new AssertionError(response.body(), e);
        }
        assertThat(details).hasSize(1);
        assertThat(details.get(0).path("RequestIndex").asInt()).isEqualTo(1);
        assertThat(details.get(0).path("StatusCode").asInt()).isEqualTo(400);
        assertThat(world.sandbox().environment("contoso-dev").data().tableBySet("dvb_events").orElseThrow()
                .row(UUID.fromString(id))).isPresent();
    }

    @Test
    void sdkmessagefilters_list_the_tables_of_each_bulk_message_and_delete_multiple_is_not_implemented_for_standard_tables() {
        JsonNode create = AcceptanceWorld.json(world.dataverseGet("sdkmessagefilters?$select=sdkmessagefilterid,primaryobjecttypecode"
                + "&$filter=sdkmessageid/name%20eq%20'CreateMultiple'", Map.of()));
        JsonNode update = AcceptanceWorld.json(world.dataverseGet("sdkmessagefilters?$select=sdkmessagefilterid"
                + "&$filter=sdkmessageid/name%20eq%20'UpdateMultiple'%20and%20primaryobjecttypecode%20eq%20'dvb_note'", Map.of()));
        HttpResponse<String> delete = post("dvb_customers/Microsoft.Dynamics.CRM.DeleteMultiple", "{\"Targets\":[]}", Map.of());
        HttpResponse<String> upsert = post("dvb_notes/Microsoft.Dynamics.CRM.UpsertMultiple", "{\"Targets\":[]}", Map.of());

        assertThat(create.path("value").findValuesAsText("primaryobjecttypecode"))
                .containsExactlyInAnyOrder("dvb_customer", "dvb_note", "dvb_event");
        assertThat(update.path("value")).isEmpty();
        assertThat(AcceptanceWorld.json(delete).path("error").path("message").asText()).isEqualTo("DeleteMultiple has not yet been implemented.");
        assertThat(upsert.statusCode()).isEqualTo(400);
    }
}
