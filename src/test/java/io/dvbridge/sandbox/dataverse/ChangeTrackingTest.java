package io.dvbridge.sandbox.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.sandbox.entra.InvalidTokenException;
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

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Change tracking in the sandbox: initial sync and deltas in pages, deletes, token expiry, $count of changes, elastic tables. */
class ChangeTrackingTest {

    static final String TENANT = "11111111-1111-1111-1111-111111111111";
    static final String BASE = "https://127.0.0.1:1/orgs/test/api/data/v9.2/";
    static final String WORLD = """
            tenants: [{id: %s, name: t, apps: [{clientId: app, secrets: [s]}]}]
            environments:
              - name: test
                tenant: t
                tables:
                  - logicalName: organization
                    entitySetName: organizations
                    primaryName: name
                    columns: [{name: expirechangetrackingindays, type: Integer}]
                    rows: [{name: test, expirechangetrackingindays: 7}]
                  - logicalName: contact
                    entitySetName: contacts
                    primaryName: fullname
                    changeTracking: true
                    generate: {count: 7, columns: {fullname: "Contact {n}"}}
                  - logicalName: account
                    entitySetName: accounts
                    primaryName: name
                    generate: {count: 2, columns: {name: "Account {n}"}}
                  - logicalName: msdynci_alternatekey
                    entitySetName: msdynci_alternatekeys
                    elastic: true
                    changeTracking: true
                    columns: [{name: msdynci_identifier, type: String, maxLength: 400}]
                    generate:
                      count: 4
                      columns:
                        msdynci_alternatekeyid: "{uuid5:msdynci_identifier}"
                        msdynci_identifier: "crm|contact1|cntid_{n}"
                        partitionid: "p{n}"
            """.formatted(TENANT);

    DataverseService service;

    @BeforeEach
    void setUp() {
        service = new DataverseService(FixtureLoader.parse(WORLD).environments().get(0), TENANT, "https://127.0.0.1:1/orgs/test",
                "https://127.0.0.1:2", (bearer, audience) -> {
                    if (bearer.isEmpty()) {
                        throw new InvalidTokenException("no token");
                    }
                    return new VerifiedToken(TENANT, "app", audience, Instant.MAX);
                }, new ServiceProtection(LimitsProfile.REAL, Clock.systemUTC()), 7);
    }

    SandboxResponse call(String method, String pathAndQuery, String body, String... headers) {
        String relative = pathAndQuery.startsWith(BASE) ? pathAndQuery.substring(BASE.length()) : pathAndQuery;
        int q = relative.indexOf('?');
        Map<String, List<String>> h = new HashMap<>();
        h.put("Authorization", List.of("Bearer x"));
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        return service.handle(new SandboxRequest(method, "/orgs/test/api/data/v9.2/" + (q < 0 ? relative : relative.substring(0, q)),
                q < 0 ? "" : relative.substring(q + 1), h, body == null ? null : body.getBytes(StandardCharsets.UTF_8)), new RequestContext());
    }

    static JsonNode json(SandboxResponse r) throws IOException {
        return Json.MAPPER.readTree(r.body());
    }

    /** Follows nextLinks with the same Prefer header; every page, the last one carrying the deltaLink. */
    List<JsonNode> pages(String first, int pageSize) throws IOException {
        List<JsonNode> pages = new ArrayList<>();
        String prefer = "odata.track-changes,odata.maxpagesize=" + pageSize;
        SandboxResponse response = call("GET", first, null, "Prefer", prefer);
        assertThat(response.status()).as(response.bodyAsString()).isEqualTo(200);
        assertThat(response.headers().get("Preference-Applied")).isEqualTo(prefer);
        pages.add(json(response));
        while (pages.get(pages.size() - 1).has("@odata.nextLink")) {
            assertThat(pages.get(pages.size() - 1).has("@odata.deltaLink")).isFalse();
            pages.add(json(call("GET", pages.get(pages.size() - 1).get("@odata.nextLink").asText(), null, "Prefer", prefer)));
        }
        return pages;
    }

    static List<String> values(List<JsonNode> pages, String property) {
        List<String> out = new ArrayList<>();
        pages.forEach(p -> p.get("value").forEach(row -> {
            if (row.has(property)) {
                out.add(row.get(property).asText());
            }
        }));
        return out;
    }

    static String deltaLink(List<JsonNode> pages) {
        return pages.get(pages.size() - 1).get("@odata.deltaLink").asText();
    }

    Table contacts() {
        return service.data().tableBySet("contacts").orElseThrow();
    }

    @Test
    void an_initial_sync_pages_every_row_and_hands_out_the_delta_link_on_the_last_page_only() throws Exception {
        List<JsonNode> pages = pages("contacts?$select=fullname", 3);

        assertThat(pages).hasSize(3);
        assertThat(values(pages, "fullname")).containsExactlyInAnyOrderElementsOf(contacts().rows().stream()
                .map(r -> (String) r.get("fullname")).toList());
        assertThat(pages.get(0).get("@odata.nextLink").asText()).startsWith(BASE + "contacts?$select=fullname&$skiptoken=");
        assertThat(deltaLink(pages)).matches(java.util.regex.Pattern.quote(BASE + "contacts?$select=fullname&$deltatoken=")
                + "\\d+%21\\d\\d%2F\\d\\d%2F\\d{4}%20\\d\\d%3A\\d\\d%3A\\d\\d");
    }

    @Test
    void a_delta_pages_written_rows_first_then_deletes_and_ends_with_a_new_delta_link() throws Exception {
        String delta = deltaLink(pages("contacts?$select=fullname", 50));
        List<StoredRow> rows = contacts().rows();
        call("PATCH", "contacts(" + rows.get(0).id() + ")", "{\"fullname\":\"Changed\"}", "If-Match", "*");
        call("DELETE", "contacts(" + rows.get(1).id() + ")", null);
        call("POST", "contacts", "{\"fullname\":\"New\"}");
        call("DELETE", "contacts(" + rows.get(2).id() + ")", null);
        call("PATCH", "contacts(" + rows.get(3).id() + ")", "{\"fullname\":\"Changed too\"}", "If-Match", "*");

        List<JsonNode> pages = pages(delta, 2);

        assertThat(pages).hasSize(3);
        assertThat(pages.get(0).get("@odata.context").asText()).isEqualTo(BASE + "$metadata#contacts(fullname)/$delta");
        assertThat(values(pages, "fullname")).containsExactly("Changed", "New", "Changed too");
        assertThat(values(pages, "id")).containsExactly(rows.get(1).id().toString(), rows.get(2).id().toString());
        JsonNode removal = pages.get(1).get("value").get(1);
        assertThat(removal.get("@odata.context").asText()).isEqualTo(BASE + "$metadata#contacts/$deletedEntity");
        assertThat(removal.get("reason").asText()).isEqualTo("deleted");
        assertThat(pages.get(2).get("value")).hasSize(1);

        List<JsonNode> quiet = pages(deltaLink(pages), 2);
        assertThat(quiet).hasSize(1);
        assertThat(quiet.get(0).get("value")).isEmpty();
        assertThat(deltaLink(quiet)).contains("$deltatoken=");
    }

    @Test
    void rows_written_during_an_initial_sync_come_with_the_next_delta() throws Exception {
        String prefer = "odata.track-changes,odata.maxpagesize=4";
        JsonNode first = json(call("GET", "contacts?$select=fullname", null, "Prefer", prefer));
        StoredRow late = contacts().rows().get(6);
        call("PATCH", "contacts(" + late.id() + ")", "{\"fullname\":\"Written meanwhile\"}", "If-Match", "*");
        JsonNode last = json(call("GET", first.get("@odata.nextLink").asText(), null, "Prefer", prefer));

        List<JsonNode> delta = pages(last.get("@odata.deltaLink").asText(), 10);

        assertThat(values(delta, "fullname")).containsExactly("Written meanwhile");
    }

    @Test
    void filter_orderby_expand_and_top_are_refused_with_dataverses_message() throws Exception {
        for (String option : List.of("$filter=fullname%20eq%20'x'", "$orderby=fullname", "$expand=x", "$top=2")) {
            SandboxResponse r = call("GET", "contacts?$select=fullname&" + option, null, "Prefer", "odata.track-changes");
            assertThat(r.status()).isEqualTo(400);
            assertThat(json(r).at("/error/message").asText()).isEqualTo("The \"" + option.substring(0, option.indexOf('='))
                    + "\" query parameter isn't supported when Change Tracking is enabled.");
        }
        SandboxResponse untracked = call("GET", "accounts?$select=name", null, "Prefer", "odata.track-changes");
        assertThat(json(untracked).at("/error/code").asText()).isEqualTo("0x80072491");
    }

    @Test
    void a_token_older_than_the_organizations_retention_is_expired() throws Exception {
        String delta = deltaLink(pages("contacts?$select=fullname", 50));
        assertThat(json(call("GET", "organizations?$select=expirechangetrackingindays", null))
                .at("/value/0/expirechangetrackingindays").asInt()).isEqualTo(7);
        service.data().advanceClock(Duration.ofDays(6));
        assertThat(call("GET", delta, null).status()).isEqualTo(200);

        service.data().advanceClock(Duration.ofDays(2));
        SandboxResponse expired = call("GET", delta, null);

        assertThat(expired.status()).isEqualTo(400);
        assertThat(json(expired).at("/error/code").asText()).isEqualTo("0x80044352");
        assertThat(json(expired).at("/error/message").asText())
                .isEqualTo("Version stamp associated with the client has expired. Please perform a full sync.");
        UUID organization = service.data().tableBySet("organizations").orElseThrow().rows().get(0).id();
        call("PATCH", "organizations(" + organization + ")", "{\"expirechangetrackingindays\":30}", "If-Match", "*");
        assertThat(call("GET", delta, null).status()).isEqualTo(200);
    }

    @Test
    void unknown_and_malformed_tokens_and_tokens_from_before_a_column_change_are_refused() throws Exception {
        String delta = deltaLink(pages("contacts?$select=fullname", 50));
        String future = BASE + "contacts?$select=fullname&$deltatoken=999999999%2101%2F01%2F2026%2000%3A00%3A00";
        assertThat(json(call("GET", future, null)).at("/error/code").asText()).isEqualTo("0x80044352");
        SandboxResponse malformed = call("GET", "contacts?$select=fullname&$deltatoken=garbage", null);
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(json(malformed).at("/error/code").asText()).isEqualTo("0x80044183");

        service.data().addColumn("contacts", new Column("jobtitle", AttributeType.STRING, "Job Title", 100, "None", List.of(), Map.of(),
                true, true, null, null, null));

        assertThat(json(call("GET", delta, null)).at("/error/code").asText()).isEqualTo("0x80044352");
        assertThat(pages("contacts?$select=fullname,jobtitle", 50)).hasSize(1);
    }

    @Test
    void count_with_a_delta_token_counts_written_rows_and_deletes_since() throws Exception {
        String delta = deltaLink(pages("contacts?$select=fullname", 50));
        String token = delta.substring(delta.indexOf("$deltatoken="));
        assertThat(call("GET", "contacts/$count?" + token, null).bodyAsString()).isEqualTo("0");
        List<StoredRow> rows = contacts().rows();
        call("PATCH", "contacts(" + rows.get(0).id() + ")", "{\"fullname\":\"Changed\"}", "If-Match", "*");
        call("DELETE", "contacts(" + rows.get(1).id() + ")", null);
        call("POST", "contacts", "{\"fullname\":\"New\"}");

        SandboxResponse count = call("GET", "contacts/$count?" + token, null);

        assertThat(count.headers().get("Content-Type")).startsWith("text/plain");
        assertThat(count.bodyAsString()).isEqualTo("3");
    }

    @Test
    void elastic_rows_are_addressed_by_id_and_partition_and_their_deletes_carry_only_the_id() throws Exception {
        Table keys = service.data().tableBySet("msdynci_alternatekeys").orElseThrow();
        StoredRow row = keys.rows().get(0);
        String partition = (String) row.get("partitionid");
        assertThat(row.id()).isEqualTo(Guids.nameBased(Guids.IDENTIFIER_NAMESPACE, (String) row.get("msdynci_identifier")));
        String delta = deltaLink(pages("msdynci_alternatekeys?$select=msdynci_identifier,partitionid", 50));

        assertThat(call("GET", "msdynci_alternatekeys(msdynci_alternatekeyid=" + row.id() + ",partitionid='" + partition + "')", null)
                .status()).isEqualTo(200);
        assertThat(call("GET", "msdynci_alternatekeys(" + row.id() + ")?partitionId=" + partition, null).status()).isEqualTo(200);
        assertThat(call("GET", "msdynci_alternatekeys(msdynci_alternatekeyid=" + row.id() + ",partitionid='elsewhere')", null)
                .status()).isEqualTo(404);
        assertThat(call("GET", "msdynci_alternatekeys(" + row.id() + ")", null).status()).isEqualTo(404);
        UUID created = UUID.randomUUID();
        assertThat(call("PATCH", "msdynci_alternatekeys(msdynci_alternatekeyid=" + created + ",partitionid='p9')",
                "{\"msdynci_identifier\":\"crm|contact1|new\"}").status()).isEqualTo(204);
        assertThat(keys.row(created).orElseThrow().get("partitionid")).isEqualTo("p9");
        assertThat(call("PATCH", "msdynci_alternatekeys(" + created + ")", "{\"partitionid\":\"p9\",\"msdynci_identifier\":\"crm|contact1|new\"}")
                .status()).isEqualTo(204);
        assertThat(keys.size()).isEqualTo(5);
        assertThat(call("DELETE", "msdynci_alternatekeys(" + row.id() + ")?partitionId=" + partition, null).status()).isEqualTo(204);

        List<JsonNode> changes = pages(delta, 50);
        assertThat(values(changes, "msdynci_identifier")).containsExactly("crm|contact1|new");
        JsonNode removal = changes.get(0).get("value").get(1);
        List<String> fields = new ArrayList<>();
        removal.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("@odata.context", "id", "reason");
        assertThat(removal.get("id").asText()).isEqualTo(row.id().toString());

        JsonNode definition = json(call("GET", "EntityDefinitions(LogicalName='msdynci_alternatekey')/Keys", null));
        assertThat(definition.get("value").findValuesAsText("LogicalName")).containsExactly("KeyForNoSqlEntityWithPKPartitionId");
    }

    @Test
    void ids_derived_from_identifiers_are_rfc_4122_version_5() {
        assertThat(Guids.nameBased(UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "www.example.com"))
                .isEqualTo(UUID.fromString("2ed6657d-e927-568b-95e1-2665a8aea6a2"));
        assertThat(Guids.nameBased(Guids.IDENTIFIER_NAMESPACE, "testdatasource|contact1|cntid_1078"))
                .isEqualTo(UUID.fromString("29d693a3-ffff-5ac3-aa6e-eb9bfa4a09cf"));
    }

    @Test
    void the_demo_world_holds_the_eight_customer_insights_tables_elastic_tracked_and_keyed_by_their_identifier() {
        var prod = FixtureLoader.load(java.nio.file.Path.of("config/sandbox/demo.yaml")).environments().stream()
                .filter(e -> e.name().equals("contoso-prod")).findFirst().orElseThrow();
        EnvironmentData data = TableFactory.build(prod, 42);
        List<String> ci = List.of("customerprofile", "contactprofile", "alternatekey", "unifiedactivity", "customermeasure", "enrichment",
                "prediction", "segmentmembership");
        long total = 0;
        for (String name : ci) {
            Table table = data.table("msdynci_" + name).orElseThrow();
            assertThat(table.schema().elastic()).as(name).isTrue();
            assertThat(table.schema().changeTracking()).as(name).isTrue();
            assertThat(table.schema().keys()).as(name).containsExactly(List.of(table.schema().primaryId(), "partitionid"));
            total += table.size();
            for (StoredRow row : table.rows()) {
                assertThat(row.get("partitionid")).as(name).isNotNull();
                if (row.get("msdynci_identifier") instanceof String identifier) {
                    assertThat(row.id()).as(name + " " + identifier).isEqualTo(Guids.nameBased(Guids.IDENTIFIER_NAMESPACE, identifier));
                }
            }
        }
        assertThat(total).isBetween(2_000L, 10_000L);
        StoredRow contact = data.table("msdynci_contactprofile").orElseThrow().rows().get(0);
        assertThat((String) contact.get("msdynci_identifier")).matches("ContactProfile\\|[0-9a-f-]{36}\\|cnt-\\d{5}");
        assertThat(data.table("msdynci_customerprofile").orElseThrow().row((UUID) contact.get("_msdynci_customerprofileid_value"))).isPresent();
        assertThat(data.table("msdyn_dataanalyticsreport").orElseThrow().schema().changeTracking()).isTrue();
    }
}
