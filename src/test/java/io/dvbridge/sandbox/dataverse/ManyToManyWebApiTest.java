package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.dataverse.BatchRequestBody;
import io.dvbridge.dataverse.DataverseWrite;
import io.dvbridge.dataverse.EntityKey;
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

import java.net.URI;
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
 * N:N relationships as Dataverse's Web API shows them: ManyToManyRelationships metadata on both tables,
 * a row's associated rows through its collection-valued navigation property (paged), and associating
 * with {@code POST .../<navigation>/$ref}, alone and inside $batch.
 */
class ManyToManyWebApiTest {

    static final String TENANT = "11111111-1111-1111-1111-111111111111";
    static final String API = "https://127.0.0.1:1/orgs/test/api/data/v9.2/";
    static final String ROLE_A = "a0000000-0000-4000-8000-00000000000a";
    static final String ROLE_B = "a0000000-0000-4000-8000-00000000000b";
    static final String ROLE_C = "a0000000-0000-4000-8000-00000000000c";
    static final String ANN = "f0000000-0000-4000-8000-000000000001";
    static final String BOB = "f0000000-0000-4000-8000-000000000002";
    static final String WORLD = """
            tenants: [{id: %s, name: t, apps: [{clientId: app, secrets: [s]}]}]
            environments:
              - name: test
                tenant: t
                tables:
                  - logicalName: systemuser
                    entitySetName: systemusers
                    primaryName: fullname
                    rows: [{systemuserid: %s, fullname: Ann}, {systemuserid: %s, fullname: Bob}]
                    manyToMany:
                      - {name: systemuserroles_association, target: role, intersect: systemuserroles, pairs: [[%s, %s], [%s, %s]]}
                  - logicalName: role
                    entitySetName: roles
                    primaryName: name
                    rows: [{roleid: %s, name: Sales}, {roleid: %s, name: Support}, {roleid: %s, name: Admin}]
            """.formatted(TENANT, ANN, BOB, ANN, ROLE_A, ANN, ROLE_B, ROLE_A, ROLE_B, ROLE_C);

    DataverseService service;

    @BeforeEach
    void setUp() {
        service = new DataverseService(FixtureLoader.parse(WORLD).environments().get(0), TENANT, "https://127.0.0.1:1/orgs/test",
                "https://127.0.0.1:2", (bearer, audience) -> new VerifiedToken(TENANT, "app", audience, Instant.MAX),
                new ServiceProtection(LimitsProfile.REAL, Clock.systemUTC()), 7);
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

    static JsonNode json(SandboxResponse r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    List<String> roleIds(String user, String... headers) throws Exception {
        List<String> ids = new ArrayList<>();
        String next = "systemusers(" + user + ")/systemuserroles_association?$select=roleid";
        while (next != null) {
            JsonNode page = json(call("GET", next, null, headers));
            page.get("value").forEach(v -> ids.add(v.get("roleid").asText()));
            next = page.has("@odata.nextLink") ? page.get("@odata.nextLink").asText().substring(API.length()) : null;
        }
        return ids;
    }

    SandboxResponse associate(String user, String role) {
        return call("POST", "systemusers(" + user + ")/systemuserroles_association/$ref", "{\"@odata.id\":\"" + API + "roles(" + role + ")\"}");
    }

    @Test
    void both_tables_list_the_relationship_with_each_sides_navigation_property() throws Exception {
        for (String table : List.of("systemuser", "role")) {
            SandboxResponse r = call("GET", "EntityDefinitions(LogicalName='" + table + "')/ManyToManyRelationships?$select=SchemaName,"
                    + "Entity1LogicalName,Entity2LogicalName,Entity1NavigationPropertyName,Entity2NavigationPropertyName,IntersectEntityName", null);
            assertThat(r.status()).isEqualTo(200);
            JsonNode relationship = json(r).get("value").get(0);
            assertThat(relationship.get("SchemaName").asText()).isEqualTo("systemuserroles_association");
            assertThat(relationship.get("Entity1LogicalName").asText()).isEqualTo("systemuser");
            assertThat(relationship.get("Entity2LogicalName").asText()).isEqualTo("role");
            assertThat(relationship.get("Entity1NavigationPropertyName").asText()).isEqualTo("systemuserroles_association");
            assertThat(relationship.get("IntersectEntityName").asText()).isEqualTo("systemuserroles");
        }
    }

    @Test
    void a_rows_associated_rows_come_through_its_navigation_property_page_by_page_from_either_side() throws Exception {
        assertThat(roleIds(ANN, "Prefer", "odata.maxpagesize=1")).containsExactly(ROLE_A, ROLE_B);
        JsonNode firstPage = json(call("GET", "systemusers(" + ANN + ")/systemuserroles_association?$select=roleid", null,
                "Prefer", "odata.maxpagesize=1"));
        assertThat(firstPage.get("@odata.nextLink").asText()).startsWith(API + "systemusers(" + ANN + ")/systemuserroles_association?");
        assertThat(roleIds(BOB)).isEmpty();

        JsonNode users = json(call("GET", "roles(" + ROLE_A + ")/systemuserroles_association?$select=systemuserid", null));
        assertThat(users.get("value")).hasSize(1);
        assertThat(users.get("value").get(0).get("systemuserid").asText()).isEqualTo(ANN);
    }

    @Test
    void associating_answers_204_and_an_association_that_exists_is_a_duplicate_key_error() throws Exception {
        assertThat(associate(BOB, ROLE_C).status()).isEqualTo(204);
        assertThat(roleIds(BOB)).containsExactly(ROLE_C);

        SandboxResponse again = associate(BOB, ROLE_C);
        assertThat(again.status()).isEqualTo(412);
        assertThat(json(again).at("/error/code").asText()).isEqualTo("0x80040237");
        assertThat(json(again).at("/error/message").asText()).isEqualTo("Cannot insert duplicate key.");

        SandboxResponse missing = associate(BOB, "a0000000-0000-4000-8000-0000000000ff");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(json(missing).at("/error/message").asText()).contains("Does Not Exist");
        SandboxResponse wrongTable = call("POST", "systemusers(" + BOB + ")/systemuserroles_association/$ref",
                "{\"@odata.id\":\"" + API + "systemusers(" + ANN + ")\"}");
        assertThat(wrongTable.status()).isEqualTo(400);
        assertThat(call("POST", "systemusers(" + BOB + ")/no_such_navigation/$ref", "{}").status()).isEqualTo(404);
    }

    @Test
    void associations_sent_in_a_batch_are_made_and_a_failed_changeset_makes_none() throws Exception {
        DataverseWrite bobSales = DataverseWrite.associate("systemusers", EntityKey.of(UUID.fromString(BOB)), "systemuserroles_association",
                "roles", EntityKey.of(UUID.fromString(ROLE_A)));
        DataverseWrite annSales = DataverseWrite.associate("systemusers", EntityKey.of(UUID.fromString(ANN)), "systemuserroles_association",
                "roles", EntityKey.of(UUID.fromString(ROLE_A)));
        List<DataverseWrite> writes = List.of(bobSales.withContentId("1"), annSales.withContentId("2"));

        BatchRequestBody atomic = BatchRequestBody.build(URI.create(API), writes, true);
        SandboxResponse rolledBack = call("POST", "$batch", atomic.text(), "Content-Type", atomic.contentType());
        assertThat(rolledBack.bodyAsString()).contains("0x80040237");
        assertThat(roleIds(BOB)).as("the changeset failed on Ann's existing association").isEmpty();

        BatchRequestBody separate = BatchRequestBody.build(URI.create(API), writes, false);
        SandboxResponse answer = call("POST", "$batch", separate.text(), "Content-Type", separate.contentType(), "Prefer", "odata.continue-on-error");
        assertThat(answer.bodyAsString()).contains("HTTP/1.1 204").contains("0x80040237");
        assertThat(roleIds(BOB)).containsExactly(ROLE_A);
    }
}
