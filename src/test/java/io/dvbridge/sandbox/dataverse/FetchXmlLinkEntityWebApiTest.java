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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** FetchXML link-entity through the Web API: linked columns as {@code alias.attribute}, annotations, paging, distinct. */
class FetchXmlLinkEntityWebApiTest {

    static final String TENANT = "11111111-1111-1111-1111-111111111111";
    static final String WORLD = """
            tenants: [{id: %s, name: t, apps: [{clientId: app, secrets: [s]}]}]
            environments:
              - name: test
                tenant: t
                tables:
                  - logicalName: account
                    entitySetName: accounts
                    primaryName: name
                    columns: [{name: primarycontactid, type: Lookup, targets: [contact]}]
                    rows:
                      - {accountid: 00000000-0000-0000-0000-00000000000a, name: Contoso, primarycontactid: 00000000-0000-0000-0000-0000000000c1}
                      - {accountid: 00000000-0000-0000-0000-00000000000b, name: Fabrikam}
                  - logicalName: contact
                    entitySetName: contacts
                    primaryName: fullname
                    columns:
                      - {name: parentcustomerid, type: Lookup, targets: [account]}
                      - {name: gendercode, type: Picklist, options: {1: Male, 2: Female}}
                    rows:
                      - {contactid: 00000000-0000-0000-0000-0000000000c1, fullname: Ada, gendercode: 2, parentcustomerid: 00000000-0000-0000-0000-00000000000a}
                      - {contactid: 00000000-0000-0000-0000-0000000000c2, fullname: Grace, gendercode: 2, parentcustomerid: 00000000-0000-0000-0000-00000000000a}
                      - {contactid: 00000000-0000-0000-0000-0000000000c3, fullname: Charles, gendercode: 1, parentcustomerid: 00000000-0000-0000-0000-00000000000a}
            """.formatted(TENANT);

    DataverseService service;

    @BeforeEach
    void setUp() {
        service = new DataverseService(FixtureLoader.parse(WORLD).environments().get(0), TENANT, "https://127.0.0.1:1/orgs/test",
                "https://127.0.0.1:2", (bearer, audience) -> new VerifiedToken(TENANT, "app", audience, Instant.MAX),
                new ServiceProtection(LimitsProfile.REAL, Clock.systemUTC()), 7);
    }

    JsonNode fetch(String set, String fetchXml, boolean annotations) throws Exception {
        Map<String, List<String>> headers = new HashMap<>();
        headers.put("Authorization", List.of("Bearer x"));
        if (annotations) {
            headers.put("Prefer", List.of("odata.include-annotations=\"*\""));
        }
        SandboxResponse r = service.handle(new SandboxRequest("GET", "/orgs/test/api/data/v9.2/" + set,
                "fetchXml=" + URLEncoder.encode(fetchXml, StandardCharsets.UTF_8), headers, null), new RequestContext());
        assertThat(r.status()).as(r.bodyAsString()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void linked_columns_come_as_alias_dot_attribute_with_the_annotations_dataverse_gives() throws Exception {
        JsonNode rows = fetch("accounts", """
                <fetch><entity name='account'><attribute name='name'/><order attribute='name'/>
                  <link-entity name='contact' from='contactid' to='primarycontactid' link-type='outer' alias='pc'>
                    <attribute name='fullname'/><attribute name='gendercode'/><attribute name='parentcustomerid'/>
                  </link-entity>
                </entity></fetch>""", true).path("value");

        JsonNode contoso = rows.get(0);
        assertThat(contoso.path("name").asText()).isEqualTo("Contoso");
        assertThat(contoso.path("pc.fullname").asText()).isEqualTo("Ada");
        assertThat(contoso.path("pc.fullname@OData.Community.Display.V1.AttributeName").asText()).isEqualTo("fullname");
        assertThat(contoso.path("pc.gendercode").asInt()).isEqualTo(2);
        assertThat(contoso.path("pc.gendercode@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo("Female");
        assertThat(contoso.path("pc.parentcustomerid").asText()).isEqualTo("00000000-0000-0000-0000-00000000000a");
        assertThat(contoso.path("pc.parentcustomerid@Microsoft.Dynamics.CRM.lookuplogicalname").asText()).isEqualTo("account");
        assertThat(contoso.path("pc.parentcustomerid@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo("Contoso");
        JsonNode fabrikam = rows.get(1);
        assertThat(fabrikam.path("name").asText()).isEqualTo("Fabrikam");
        assertThat(fabrikam.fieldNames()).toIterable().noneMatch(f -> f.startsWith("pc."));
    }

    @Test
    void without_annotations_requested_only_the_values_come() throws Exception {
        JsonNode contoso = fetch("accounts", """
                <fetch><entity name='account'><attribute name='name'/><filter><condition attribute='name' operator='eq' value='Contoso'/></filter>
                  <link-entity name='contact' from='contactid' to='primarycontactid' alias='pc'><attribute name='fullname'/></link-entity>
                </entity></fetch>""", false).path("value").get(0);
        assertThat(contoso.path("pc.fullname").asText()).isEqualTo("Ada");
        assertThat(contoso.fieldNames()).toIterable().noneMatch(f -> f.contains("@OData.Community"));
    }

    @Test
    void pages_of_a_one_to_many_join_hold_every_joined_row_once() throws Exception {
        String page = """
                <fetch count='2' page='%d'><entity name='account'><attribute name='name'/>
                  <link-entity name='contact' from='parentcustomerid' to='accountid' alias='c'><attribute name='fullname'/></link-entity>
                </entity></fetch>""";
        List<String> seen = new ArrayList<>();
        JsonNode first = fetch("accounts", page.formatted(1), true);
        first.path("value").forEach(r -> seen.add(r.path("c.fullname").asText()));
        assertThat(first.path("@Microsoft.Dynamics.CRM.morerecords").asBoolean()).isTrue();
        assertThat(first.has("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie")).isTrue();
        JsonNode second = fetch("accounts", page.formatted(2), true);
        second.path("value").forEach(r -> seen.add(r.path("c.fullname").asText()));
        assertThat(second.path("@Microsoft.Dynamics.CRM.morerecords").asBoolean()).isFalse();
        assertThat(second.has("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie")).as("no cookie once nothing follows").isFalse();

        assertThat(seen).containsExactlyInAnyOrder("Ada", "Grace", "Charles");
    }

    @Test
    void distinct_returns_a_base_row_once_when_no_linked_column_tells_its_joins_apart() throws Exception {
        String fetch = """
                <fetch distinct='%s'><entity name='account'><attribute name='name'/>
                  <link-entity name='contact' from='parentcustomerid' to='accountid' alias='c'>
                    <filter><condition attribute='gendercode' operator='eq' value='2'/></filter>
                  </link-entity>
                </entity></fetch>""";
        assertThat(fetch("accounts", fetch.formatted("false"), false).path("value")).hasSize(2);
        assertThat(fetch("accounts", fetch.formatted("true"), false).path("value")).hasSize(1)
                .allSatisfy(r -> assertThat(r.path("name").asText()).isEqualTo("Contoso"));
    }

    @Test
    void an_outer_join_with_an_entityname_null_condition_finds_the_rows_without_a_linked_row() throws Exception {
        JsonNode rows = fetch("accounts", """
                <fetch><entity name='account'><attribute name='name'/>
                  <filter><condition entityname='c' attribute='contactid' operator='null'/></filter>
                  <link-entity name='contact' from='parentcustomerid' to='accountid' link-type='outer' alias='c'/>
                </entity></fetch>""", false).path("value");
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.path("name").asText()).isEqualTo("Fabrikam"));
    }

    @Test
    void an_unknown_linked_table_is_a_400_in_dataverses_shape() throws Exception {
        Map<String, List<String>> headers = Map.of("Authorization", List.of("Bearer x"));
        SandboxResponse r = service.handle(new SandboxRequest("GET", "/orgs/test/api/data/v9.2/accounts", "fetchXml="
                + URLEncoder.encode("<fetch><entity name='account'><link-entity name='lead' from='leadid' to='accountid'/></entity></fetch>",
                StandardCharsets.UTF_8), headers, null), new RequestContext());
        assertThat(r.status()).isEqualTo(400);
        JsonNode error = Json.MAPPER.readTree(r.body()).path("error");
        assertThat(error.path("code").asText()).isEqualTo("0x80041102");
        assertThat(error.path("message").asText()).contains("'lead'");
    }
}
