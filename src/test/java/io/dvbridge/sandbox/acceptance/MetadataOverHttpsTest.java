package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.dataverse.AttributeMetadata;
import io.dvbridge.dataverse.EntityMetadata;
import io.dvbridge.dataverse.OptionMetadata;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;

/** EntityDefinitions over HTTPS: the entity, its attributes, a type cast for MaxLength, and picklist options. */
class MetadataOverHttpsTest {

    private static final String DEFINITION = "EntityDefinitions(LogicalName='account')";

    private static AcceptanceWorld world;

    @BeforeAll
    static void start() {
        world = AcceptanceWorld.start("""
                environments:
                  - name: contoso-dev
                    tenant: contoso
                    tables:
                      - logicalName: account
                        entitySetName: accounts
                        primaryName: name
                        changeTracking: true
                        columns:
                          - {name: accountnumber, type: String, maxLength: 20, required: ApplicationRequired}
                          - {name: industrycode, type: Picklist, options: {1: Accounting, 2: Agriculture}}
                          - {name: revenue, type: Money}
                """, SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static JsonNode ok(String relative) {
        HttpResponse<String> response = world.dataverseGet(relative, Map.of());
        assertThat(response.statusCode()).as(relative + " -> " + response.body()).isEqualTo(200);
        return AcceptanceWorld.json(response);
    }

    private static JsonNode byName(JsonNode value, String logicalName) {
        for (JsonNode item : value) {
            if (item.path("LogicalName").asText().equals(logicalName)) {
                return item;
            }
        }
        throw new AssertionError("no attribute " + logicalName + " in " + value);
    }

    @Test
    void the_entity_definition_names_its_set_keys_and_change_tracking() {
        JsonNode entity = ok(DEFINITION + "?$select=EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,ChangeTrackingEnabled");

        assertThat(entity.path("EntitySetName").asText()).isEqualTo("accounts");
        assertThat(entity.path("PrimaryIdAttribute").asText()).isEqualTo("accountid");
        assertThat(entity.path("PrimaryNameAttribute").asText()).isEqualTo("name");
        assertThat(entity.path("ChangeTrackingEnabled").asBoolean()).isTrue();
    }

    @Test
    void attributes_carry_their_type_required_level_and_odata_type() {
        JsonNode attributes = ok(DEFINITION
                + "/Attributes?$select=LogicalName,AttributeType,AttributeTypeName,RequiredLevel,IsValidForCreate,IsValidForUpdate")
                .path("value");

        JsonNode number = byName(attributes, "accountnumber");
        assertThat(number.path("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.StringAttributeMetadata");
        assertThat(number.path("AttributeType").asText()).isEqualTo("String");
        assertThat(number.at("/AttributeTypeName/Value").asText()).isEqualTo("StringType");
        assertThat(number.at("/RequiredLevel/Value").asText()).isEqualTo("ApplicationRequired");
        assertThat(number.path("IsValidForCreate").asBoolean()).isTrue();
        assertThat(byName(attributes, "industrycode").path("AttributeType").asText()).isEqualTo("Picklist");
        assertThat(byName(attributes, "accountid").path("AttributeType").asText()).isEqualTo("Uniqueidentifier");
        assertThat(byName(attributes, "createdon").path("IsValidForCreate").asBoolean()).isFalse();
    }

    @Test
    void a_cast_to_string_attributes_gives_max_length() {
        JsonNode strings = ok(DEFINITION + "/Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength")
                .path("value");

        assertThat(byName(strings, "accountnumber").path("MaxLength").asInt()).isEqualTo(20);
        assertThat(byName(strings, "name").path("MaxLength").asInt()).isEqualTo(100);
        assertThat(strings.findValuesAsText("LogicalName")).doesNotContain("industrycode", "revenue");
    }

    @Test
    void a_picklist_cast_with_expanded_option_set_lists_values_and_labels() {
        JsonNode picklist = ok(DEFINITION + "/Attributes(LogicalName='industrycode')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata"
                + "?$select=LogicalName&$expand=OptionSet($select=Options)");

        Map<Integer, String> options = new HashMap<>();
        picklist.at("/OptionSet/Options").forEach(o -> options.put(o.path("Value").asInt(),
                o.at("/Label/UserLocalizedLabel/Label").asText()));
        assertThat(options).containsExactlyInAnyOrderEntriesOf(Map.of(1, "Accounting", 2, "Agriculture"));
    }

    @Test
    void the_client_assembles_the_same_metadata_from_those_calls() {
        EntityMetadata account = world.dataverse(RetryPolicy.DEFAULT).metadata("account");

        assertThat(account.entitySetName()).isEqualTo("accounts");
        assertThat(account.changeTrackingEnabled()).isTrue();
        AttributeMetadata number = account.attribute("accountnumber").orElseThrow();
        assertThat(number.maxLength()).isEqualTo(OptionalInt.of(20));
        assertThat(number.requiredLevel()).isEqualTo("ApplicationRequired");
        assertThat(account.attribute("industrycode").orElseThrow().options())
                .containsExactlyInAnyOrder(new OptionMetadata(1, "Accounting"), new OptionMetadata(2, "Agriculture"));
    }
}
