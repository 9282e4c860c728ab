package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.sandbox.entra.VerifiedToken;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.http.Json;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.limits.LimitsProfile;
import io.dvbridge.sandbox.limits.ServiceProtection;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lookups are written through the exact, case-sensitive name of their single-valued navigation
 * property, as Dataverse's Web API requires, and the metadata says which name that is.
 */
class LookupNavigationTest {

    static final String TENANT = "11111111-1111-1111-1111-111111111111";
    static final String ACCOUNT = "a0000000-0000-4000-8000-000000000001";
    static final String CONTACT = "c0000000-0000-4000-8000-000000000001";
    static final String REGION = "e0000000-0000-4000-8000-000000000001";
    static final String USER = "f0000000-0000-4000-8000-000000000001";
    static final String TEAM = "f0000000-0000-4000-8000-000000000002";
    static final String WORLD = """
            tenants: [{id: %s, name: t, apps: [{clientId: app, secrets: [s]}]}]
            environments:
              - name: test
                tenant: t
                tables:
                  - {logicalName: new_region, entitySetName: new_regions, primaryName: new_name, rows: [{new_regionid: %s, new_name: North}]}
                  - {logicalName: account, entitySetName: accounts, primaryName: name, rows: [{accountid: %s, name: Contoso}]}
                  - {logicalName: systemuser, entitySetName: systemusers, primaryName: fullname, rows: [{systemuserid: %s, fullname: Ann}]}
                  - {logicalName: team, entitySetName: teams, primaryName: name, rows: [{teamid: %s, name: Sales}]}
                  - logicalName: contact
                    entitySetName: contacts
                    primaryName: fullname
                    columns:
                      - {name: new_regionid, schemaName: new_RegionId, type: Lookup, targets: [new_region]}
                      - {name: parentcustomerid, schemaName: ParentCustomerId, type: Customer, targets: [account, contact]}
                      - {name: ownerid, type: Owner, targets: [systemuser, team]}
                    rows: [{contactid: %s, fullname: Bob}]
            """.formatted(TENANT, REGION, ACCOUNT, USER, TEAM, CONTACT);

    DataverseService service;
    Table contacts;

    @BeforeEach
    void setUp() {
        service = new DataverseService(FixtureLoader.parse(WORLD).environments().get(0), TENANT, "https://127.0.0.1:1/orgs/test", "https://127.0.0.1:2",
                (bearer, audience) -> new VerifiedToken(TENANT, "app", audience, Instant.MAX),
                new ServiceProtection(LimitsProfile.REAL, Clock.systemUTC()), 7);
        contacts = service.data().tableBySet("contacts").orElseThrow();
    }

    SandboxResponse call(String method, String pathAndQuery, String body, String... headers) {
        int q = pathAndQuery.indexOf('?');
        String path = "/orgs/test/api/data/v9.2/" + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        Map<String, List<String>> h = new HashMap<>();
        h.put("Authorization", List.of("Bearer x"));
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        return service.handle(new SandboxRequest(method, path, q < 0 ? "" : pathAndQuery.substring(q + 1), h,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8)), new RequestContext());
    }

    SandboxResponse patchContact(String json) {
        return call("PATCH", "contacts(" + CONTACT + ")", json, "If-Match", "*");
    }

    Object contactValue(String property) {
        return contacts.row(UUID.fromString(CONTACT)).orElseThrow().get(property);
    }

    static JsonNode json(SandboxResponse r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void a_custom_lookup_is_set_through_its_schema_name_and_its_lowercase_logical_name_is_an_undeclared_property() throws Exception {
        SandboxResponse lower = patchContact("{\"new_regionid@odata.bind\":\"/new_regions(" + REGION + ")\"}");
        assertThat(lower.status()).isEqualTo(400);
        assertThat(json(lower).at("/error/message").asText()).endsWith("An undeclared property 'new_regionid' which only has property"
                + " annotations in the payload but no property value was found in the payload.");
        assertThat(contactValue("_new_regionid_value")).isNull();

        assertThat(patchContact("{\"new_RegionId@odata.bind\":\"/new_regions(" + REGION + ")\"}").status()).isEqualTo(204);
        assertThat(contactValue("_new_regionid_value")).isEqualTo(UUID.fromString(REGION));
    }

    @Test
    void a_customer_lookup_has_one_navigation_property_per_target_and_each_takes_only_its_own_table() throws Exception {
        assertThat(patchContact("{\"parentcustomerid@odata.bind\":\"/accounts(" + ACCOUNT + ")\"}").status()).isEqualTo(400);
        assertThat(patchContact("{\"ParentCustomerId_account@odata.bind\":\"/accounts(" + ACCOUNT + ")\"}").status()).isEqualTo(204);
        assertThat(contactValue("_parentcustomerid_value")).isEqualTo(UUID.fromString(ACCOUNT));

        SandboxResponse wrongTable = patchContact("{\"ParentCustomerId_account@odata.bind\":\"/contacts(" + CONTACT + ")\"}");
        assertThat(wrongTable.status()).isEqualTo(400);
        assertThat(json(wrongTable).at("/error/message").asText()).contains("ParentCustomerId_account").contains("contact");
        assertThat(patchContact("{\"ParentCustomerId_contact@odata.bind\":\"/contacts(" + CONTACT + ")\"}").status()).isEqualTo(204);

        JsonNode row = json(call("GET", "contacts(" + CONTACT + ")?$select=_parentcustomerid_value", null,
                "Prefer", "odata.include-annotations=\"*\""));
        assertThat(row.get("_parentcustomerid_value@Microsoft.Dynamics.CRM.associatednavigationproperty").asText())
                .isEqualTo("ParentCustomerId_contact");
    }

    @Test
    void an_owner_lookup_has_one_navigation_property_for_users_and_teams() {
        assertThat(patchContact("{\"ownerid@odata.bind\":\"/systemusers(" + USER + ")\"}").status()).isEqualTo(204);
        assertThat(patchContact("{\"ownerid@odata.bind\":\"/teams(" + TEAM + ")\"}").status()).isEqualTo(204);
        assertThat(contactValue("_ownerid_value")).isEqualTo(UUID.fromString(TEAM));
        assertThat(patchContact("{\"ownerid_team@odata.bind\":\"/teams(" + TEAM + ")\"}").status()).isEqualTo(400);
    }

    @Test
    void many_to_one_relationships_name_the_navigation_property_of_every_lookup_and_target() throws Exception {
        SandboxResponse r = call("GET", "EntityDefinitions(LogicalName='contact')/ManyToOneRelationships"
                + "?$select=ReferencingAttribute,ReferencedEntity,ReferencingEntityNavigationPropertyName,ReferencedAttribute,SchemaName", null);
        assertThat(r.status()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        json(r).get("value").forEach(v -> rows.add(v.get("ReferencingAttribute").asText() + " -> " + v.get("ReferencedEntity").asText()
                + "." + v.get("ReferencedAttribute").asText() + " as " + v.get("ReferencingEntityNavigationPropertyName").asText()));
        assertThat(rows).containsExactlyInAnyOrder(
                "new_regionid -> new_region.new_regionid as new_RegionId",
                "parentcustomerid -> account.accountid as ParentCustomerId_account",
                "parentcustomerid -> contact.contactid as ParentCustomerId_contact",
                "ownerid -> owner.ownerid as ownerid");
        assertThat(json(r).get("value").get(0).has("IsCustomRelationship")).as("$select is honoured").isFalse();

        JsonNode attribute = json(call("GET", "EntityDefinitions(LogicalName='contact')/Attributes(LogicalName='new_regionid')", null));
        assertThat(attribute.get("SchemaName").asText()).isEqualTo("new_RegionId");
    }

    @Test
    void a_schema_name_that_is_not_the_logical_name_in_other_casing_is_refused_by_the_fixture_loader() {
        String bad = WORLD.replace("schemaName: new_RegionId", "schemaName: new_Region");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> FixtureLoader.parse(bad))
                .hasMessageContaining("new_regionid").hasMessageContaining("schemaName new_Region");
    }
}
