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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** The Web API's row semantics, called in-process (the HTTPS path is covered by SandboxDataverseIT). */
class DataverseServiceTest {

    static final String TENANT = "11111111-1111-1111-1111-111111111111";
    static final String RESOURCE = "https://127.0.0.1:1/orgs/test";
    static final String WORLD = """
            tenants: [{id: %s, name: t, apps: [{clientId: app, secrets: [s]}]}]
            environments:
              - name: test
                tenant: t
                tables:
                  - logicalName: account
                    entitySetName: accounts
                    primaryName: name
                    keys: [[accountnumber]]
                    columns:
                      - {name: accountnumber, type: String, maxLength: 20}
                      - {name: revenue, type: Money}
                      - {name: industrycode, type: Picklist, options: {1: Accounting, 2: Agriculture}}
                      - {name: parentaccountid, type: Lookup, targets: [account]}
                    generate:
                      count: 25
                      columns: {name: "Account {n}", accountnumber: "AC-{n:%%03d}", revenue: "{int:1000:9000}", industrycode: "{pick:1|2}"}
                  - logicalName: contact
                    entitySetName: contacts
                    primaryName: fullname
                    changeTracking: true
                    generate:
                      count: 7
                      columns: {fullname: "Contact {n}"}
            """.formatted(TENANT);

    DataverseService service;
    Table accounts;

    @BeforeEach
    void setUp() {
        var fixture = FixtureLoader.parse(WORLD);
        service = new DataverseService(fixture.environments().get(0), TENANT, RESOURCE, "https://127.0.0.1:2",
                (bearer, audience) -> {
                    if (bearer.isEmpty()) {
                        throw new InvalidTokenException("no token");
                    }
                    return new VerifiedToken(TENANT, "app", audience, Instant.MAX);
                },
                new ServiceProtection(LimitsProfile.REAL, Clock.systemUTC()), 7);
        accounts = service.data().tableBySet("accounts").orElseThrow();
    }

    SandboxResponse call(String method, String pathAndQuery, String body, String... headers) {
        int q = pathAndQuery.indexOf('?');
        String path = "/orgs/test/api/data/v9.2/" + (q < 0 ? pathAndQuery : pathAndQuery.substring(0, q));
        String query = q < 0 ? "" : pathAndQuery.substring(q + 1);
        Map<String, List<String>> h = new java.util.HashMap<>();
        h.put("Authorization", List.of("Bearer x"));
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        return service.handle(new SandboxRequest(method, path, query, h, body == null ? null : body.getBytes(StandardCharsets.UTF_8)),
                new RequestContext());
    }

    static JsonNode json(SandboxResponse r) throws Exception {
        return Json.MAPPER.readTree(r.body());
    }

    @Test
    void paging_follows_the_next_link_to_the_last_page_and_every_row_comes_once() throws Exception {
        SandboxResponse first = call("GET", "accounts?$select=name", null, "Prefer", "odata.maxpagesize=10");
        assertThat(first.headers()).containsEntry("Preference-Applied", "odata.maxpagesize=10");
        List<String> names = new java.util.ArrayList<>();
        JsonNode page = json(first);
        int pages = 1;
        while (true) {
            page.get("value").forEach(r -> names.add(r.get("name").asText()));
            if (!page.has("@odata.nextLink")) {
                break;
            }
            String next = page.get("@odata.nextLink").asText();
            assertThat(next).startsWith(RESOURCE + "/api/data/v9.2/accounts?$select=name&$skiptoken=");
            page = json(call("GET", next.substring((RESOURCE + "/api/data/v9.2/").length()), null, "Prefer", "odata.maxpagesize=10"));
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(names).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void a_reencoded_next_link_is_refused() throws Exception {
        String next = json(call("GET", "accounts", null, "Prefer", "odata.maxpagesize=10")).get("@odata.nextLink").asText();
        String reencoded = next.replace("%25", "%2525");
        SandboxResponse r = call("GET", reencoded.substring((RESOURCE + "/api/data/v9.2/").length()), null, "Prefer", "odata.maxpagesize=10");
        assertThat(r.status()).isEqualTo(400);
    }

    @Test
    void stale_etag_gets_412_and_the_row_keeps_its_value() throws Exception {
        StoredRow row = accounts.rows().get(0);
        String stale = row.etag();
        assertThat(call("PATCH", "accounts(" + row.id() + ")", "{\"name\":\"First\"}", "If-Match", stale).status()).isEqualTo(204);
        SandboxResponse conflict = call("PATCH", "accounts(" + row.id() + ")", "{\"name\":\"Second\"}", "If-Match", stale);
        assertThat(conflict.status()).isEqualTo(412);
        assertThat(json(conflict).at("/error/code").asText()).isEqualTo("0x80060882");
        assertThat(accounts.row(row.id()).orElseThrow().get("name")).isEqualTo("First");
    }

    @Test
    void patch_with_if_match_star_on_a_missing_row_is_404_and_without_it_creates_the_row() throws Exception {
        UUID id = UUID.randomUUID();
        SandboxResponse missing = call("PATCH", "accounts(" + id + ")", "{\"name\":\"X\"}", "If-Match", "*");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(json(missing).at("/error/code").asText()).isEqualTo("0x80040217");
        assertThat(json(missing).at("/error/message").asText()).isEqualTo("account With Id = " + id + " Does Not Exist");
        SandboxResponse upsert = call("PATCH", "accounts(" + id + ")", "{\"name\":\"X\"}");
        assertThat(upsert.status()).isEqualTo(204);
        assertThat(accounts.row(id)).isPresent();
        assertThat(call("PATCH", "accounts(" + id + ")", "{\"name\":\"Y\"}", "If-None-Match", "*").status()).isEqualTo(412);
    }

    @Test
    void post_answers_204_with_entity_id_or_201_with_the_row() throws Exception {
        SandboxResponse plain = call("POST", "accounts", "{\"name\":\"New\"}");
        assertThat(plain.status()).isEqualTo(204);
        assertThat(plain.headers().get("OData-EntityId")).matches(java.util.regex.Pattern.quote(RESOURCE) + "/api/data/v9.2/accounts\\([0-9a-f-]{36}\\)");
        SandboxResponse rep = call("POST", "accounts?$select=name", "{\"name\":\"Rep\"}", "Prefer", "return=representation");
        assertThat(rep.status()).isEqualTo(201);
        assertThat(json(rep).get("name").asText()).isEqualTo("Rep");
        assertThat(json(rep).get("@odata.etag").asText()).startsWith("W/\"");
    }

    @Test
    void etag_changes_on_every_write() throws Exception {
        StoredRow row = accounts.rows().get(1);
        String before = json(call("GET", "accounts(" + row.id() + ")", null)).get("@odata.etag").asText();
        call("PATCH", "accounts(" + row.id() + ")", "{\"revenue\":5}");
        String after = json(call("GET", "accounts(" + row.id() + ")", null)).get("@odata.etag").asText();
        assertThat(after).isNotEqualTo(before).startsWith("W/\"");
    }

    @Test
    void alternate_keys_address_rows_and_stay_unique() throws Exception {
        SandboxResponse byKey = call("GET", "accounts(accountnumber='AC-007')?$select=name", null);
        assertThat(json(byKey).get("name").asText()).isEqualTo("Account 7");
        SandboxResponse clash = call("POST", "accounts", "{\"name\":\"Dup\",\"accountnumber\":\"AC-007\"}");
        assertThat(clash.status()).isEqualTo(412);
        assertThat(json(clash).at("/error/code").asText()).isEqualTo("0x80060892");
    }

    @Test
    void validation_errors_name_the_column_and_change_nothing() throws Exception {
        SandboxResponse tooLong = call("POST", "accounts", "{\"name\":\"x\",\"accountnumber\":\"" + "9".repeat(21) + "\"}");
        assertThat(tooLong.status()).isEqualTo(400);
        assertThat(json(tooLong).at("/error/message").asText())
                .isEqualTo("A validation error occurred. The length of the 'accountnumber' attribute of the 'account' entity exceeded the maximum allowed length of '20'.");
        SandboxResponse badChoice = call("POST", "accounts", "{\"name\":\"x\",\"industrycode\":9}");
        assertThat(json(badChoice).at("/error/message").asText()).contains("'industrycode'").contains("Accepted Values: 1,2");
        SandboxResponse unknown = call("POST", "accounts", "{\"nmae\":\"x\"}");
        assertThat(json(unknown).at("/error/message").asText()).contains("The property 'nmae' does not exist on type 'Microsoft.Dynamics.CRM.account'");
        assertThat(accounts.size()).isEqualTo(25);
    }

    @Test
    void lookups_are_bound_and_read_back_with_annotations() throws Exception {
        StoredRow parent = accounts.rows().get(2);
        StoredRow child = accounts.rows().get(3);
        assertThat(call("PATCH", "accounts(" + child.id() + ")", "{\"parentaccountid@odata.bind\":\"/accounts(" + parent.id() + ")\"}").status())
                .isEqualTo(204);
        JsonNode read = json(call("GET", "accounts(" + child.id() + ")?$select=_parentaccountid_value", null,
                "Prefer", "odata.include-annotations=\"*\""));
        assertThat(read.get("_parentaccountid_value").asText()).isEqualTo(parent.id().toString());
        assertThat(read.get("_parentaccountid_value@Microsoft.Dynamics.CRM.lookuplogicalname").asText()).isEqualTo("account");
        assertThat(read.get("_parentaccountid_value@OData.Community.Display.V1.FormattedValue").asText()).isEqualTo(parent.get("name"));
        SandboxResponse dangling = call("PATCH", "accounts(" + child.id() + ")", "{\"parentaccountid@odata.bind\":\"/accounts(" + UUID.randomUUID() + ")\"}");
        assertThat(dangling.status()).isEqualTo(404);
    }

    static String batch(String boundary, String... parts) {
        StringBuilder b = new StringBuilder();
        for (String p : parts) {
            b.append("--").append(boundary).append("\r\n").append(p);
        }
        return b.append("--").append(boundary).append("--\r\n").toString();
    }

    static String changeset(String boundary, String... requests) {
        StringBuilder b = new StringBuilder("Content-Type: multipart/mixed; boundary=" + boundary + "\r\n\r\n");
        int id = 1;
        for (String r : requests) {
            b.append("--").append(boundary).append("\r\nContent-Type: application/http\r\nContent-Transfer-Encoding: binary\r\nContent-ID: ")
                    .append(id++).append("\r\n\r\n").append(r).append("\r\n");
        }
        return b.append("--").append(boundary).append("--\r\n").toString();
    }

    static String patch(String target, String body) {
        return "PATCH " + target + " HTTP/1.1\r\nContent-Type: application/json\r\nIf-Match: *\r\n\r\n" + body + "\r\n";
    }

    @Test
    void a_failing_part_rolls_its_whole_changeset_back() throws Exception {
        StoredRow a = accounts.rows().get(4);
        String body = batch("batch_1", changeset("changeset_1",
                patch(RESOURCE + "/api/data/v9.2/accounts(" + a.id() + ")", "{\"name\":\"Changed\"}"),
                patch("accounts(" + UUID.randomUUID() + ")", "{\"name\":\"Nobody\"}")));
        SandboxResponse r = call("POST", "$batch", body, "Content-Type", "multipart/mixed; boundary=batch_1");
        assertThat(r.status()).isEqualTo(400);
        String text = r.bodyAsString();
        assertThat(text).contains("HTTP/1.1 404 Not Found").contains("Content-ID: 2").doesNotContain("changesetresponse_");
        assertThat(accounts.row(a.id()).orElseThrow().get("name")).isEqualTo(a.get("name"));
        assertThat(accounts.row(a.id()).orElseThrow().etag()).isEqualTo(a.etag());
    }

    @Test
    void a_successful_changeset_answers_every_part_and_content_id_references_resolve() throws Exception {
        String body = batch("batch_2", changeset("changeset_2",
                "POST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"name\":\"Parent\"}\r\n",
                "POST accounts HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"name\":\"Child\",\"parentaccountid@odata.bind\":\"$1\"}\r\n"));
        SandboxResponse r = call("POST", "$batch", body, "Content-Type", "multipart/mixed; boundary=\"batch_2\"");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.bodyAsString()).contains("changesetresponse_").contains("Content-ID: 1").contains("Content-ID: 2");
        StoredRow parent = accounts.rows().stream().filter(x -> "Parent".equals(x.get("name"))).findFirst().orElseThrow();
        StoredRow child = accounts.rows().stream().filter(x -> "Child".equals(x.get("name"))).findFirst().orElseThrow();
        assertThat(child.get("_parentaccountid_value")).isEqualTo(parent.id());
    }

    @Test
    void continue_on_error_processes_every_part_and_stop_on_error_does_not() throws Exception {
        StoredRow a = accounts.rows().get(5);
        String missing = "PATCH accounts(" + UUID.randomUUID() + ") HTTP/1.1\r\nContent-Type: application/json\r\nIf-Match: *\r\n\r\n{\"name\":\"n\"}\r\n";
        String ok = "PATCH accounts(" + a.id() + ") HTTP/1.1\r\nContent-Type: application/json\r\n\r\n{\"name\":\"After\"}\r\n";
        String part = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n";
        String body = batch("b", part + missing, part + ok);
        SandboxResponse stop = call("POST", "$batch", body, "Content-Type", "multipart/mixed; boundary=b");
        assertThat(stop.status()).isEqualTo(400);
        assertThat(accounts.row(a.id()).orElseThrow().get("name")).isEqualTo(a.get("name"));
        SandboxResponse go = call("POST", "$batch", body, "Content-Type", "multipart/mixed; boundary=b", "Prefer", "odata.continue-on-error");
        assertThat(go.status()).isEqualTo(200);
        assertThat(go.bodyAsString()).contains("HTTP/1.1 404 Not Found").contains("HTTP/1.1 204 No Content");
        assertThat(accounts.row(a.id()).orElseThrow().get("name")).isEqualTo("After");
    }

    @Test
    void more_than_1000_requests_in_a_batch_are_refused() throws Exception {
        String part = "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\nGET accounts HTTP/1.1\r\n\r\n";
        String[] parts = new String[1001];
        java.util.Arrays.fill(parts, part);
        SandboxResponse r = call("POST", "$batch", batch("b", parts), "Content-Type", "multipart/mixed; boundary=b");
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).at("/error/message").asText()).contains("1000");
    }

    @Test
    void metadata_describes_the_table_its_attributes_and_choices() throws Exception {
        JsonNode entity = json(call("GET", "EntityDefinitions(LogicalName='account')?$select=EntitySetName,PrimaryIdAttribute,PrimaryNameAttribute,ChangeTrackingEnabled", null));
        assertThat(entity.get("EntitySetName").asText()).isEqualTo("accounts");
        assertThat(entity.get("PrimaryIdAttribute").asText()).isEqualTo("accountid");
        assertThat(entity.get("PrimaryNameAttribute").asText()).isEqualTo("name");
        assertThat(entity.get("ChangeTrackingEnabled").asBoolean()).isFalse();
        JsonNode strings = json(call("GET", "EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.StringAttributeMetadata?$select=LogicalName,MaxLength", null));
        assertThat(strings.get("value").findValuesAsText("LogicalName")).contains("name", "accountnumber");
        JsonNode attributes = json(call("GET", "EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName,AttributeType,RequiredLevel,IsValidForCreate", null));
        assertThat(attributes.get("value").findValuesAsText("AttributeType")).contains("String", "Money", "Picklist", "Lookup", "Uniqueidentifier");
        assertThat(call("GET", "EntityDefinitions(LogicalName='account')/Attributes?$select=MaxLength", null).status()).isEqualTo(400);
        JsonNode choice = json(call("GET", "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='industrycode')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)", null));
        assertThat(choice.at("/OptionSet/Options/1/Label/UserLocalizedLabel/Label").asText()).isEqualTo("Agriculture");
        SandboxResponse unknownSet = call("GET", "acounts", null);
        assertThat(unknownSet.status()).isEqualTo(404);
        assertThat(json(unknownSet).at("/error/message").asText()).isEqualTo("Resource not found for the segment 'acounts'.");
    }

    @Test
    void requests_without_a_token_get_401() {
        SandboxResponse r = service.handle(new SandboxRequest("GET", "/orgs/test/api/data/v9.2/accounts", "", Map.of(), null), new RequestContext());
        assertThat(r.status()).isEqualTo(401);
        assertThat(r.headers()).containsKey("WWW-Authenticate");
    }

    static String q(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    @Test
    void filters_escape_quotes_compare_strings_case_insensitively_and_combine() throws Exception {
        call("POST", "accounts", "{\"name\":\"O'Bryan Ltd\",\"accountnumber\":\"OB-1\"}");
        JsonNode hit = json(call("GET", "accounts?$select=name&$filter=" + q("name eq 'o''bryan ltd'"), null));
        assertThat(hit.get("value").findValuesAsText("name")).containsExactly("O'Bryan Ltd");
        JsonNode combined = json(call("GET", "accounts?$select=name&$filter="
                + q("(startswith(name,'Account 1') and industrycode eq 1) or accountnumber eq 'AC-002'") + "&$orderby=" + q("name desc"), null));
        assertThat(combined.get("value").findValuesAsText("name"))
                .containsExactly("Account 2", "Account 19", "Account 17", "Account 15", "Account 13", "Account 11", "Account 1");
    }

    @Test
    void a_malformed_filter_gets_dataverses_400() throws Exception {
        SandboxResponse r = call("GET", "accounts?$filter=" + q("name eq 'O'Bryan'"), null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).at("/error/message").asText()).isEqualTo("There is an unterminated literal at position 17 in 'name eq 'O'Bryan''.");
    }

    @Test
    void parameter_aliases_fill_the_filter() throws Exception {
        JsonNode r = json(call("GET", "accounts?$select=name&$filter=" + q("accountnumber eq @n") + "&@n=" + q("'AC-004'"), null));
        assertThat(r.get("value").findValuesAsText("name")).containsExactly("Account 4");
    }

    @Test
    void fetchxml_pages_with_the_paging_cookie_until_no_more_records() throws Exception {
        List<String> names = new java.util.ArrayList<>();
        String cookie = null;
        int page = 1;
        while (true) {
            String fetch = "<fetch count=\"10\" page=\"" + page + "\"" + (cookie == null ? "" : " paging-cookie=\"" + cookie + "\"") + ">"
                    + "<entity name=\"account\"><attribute name=\"name\"/><filter><condition attribute=\"industrycode\" operator=\"in\">"
                    + "<value>1</value><value>2</value></condition></filter></entity></fetch>";
            JsonNode r = json(call("GET", "accounts?fetchXml=" + q(fetch), null, "Prefer", "odata.include-annotations=\"*\""));
            r.get("value").forEach(v -> names.add(v.get("name").asText()));
            if (!r.get("@Microsoft.Dynamics.CRM.morerecords").asBoolean()) {
                break;
            }
            String annotation = r.get("@Microsoft.Dynamics.CRM.fetchxmlpagingcookie").asText();
            String attr = annotation.replaceAll("(?s).*pagingcookie=\"([^\"]*)\".*", "$1");
            String inner = java.net.URLDecoder.decode(java.net.URLDecoder.decode(attr, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            cookie = inner.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
            page++;
        }
        assertThat(page).isEqualTo(3);
        assertThat(names).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void track_changes_on_a_table_without_change_tracking_gets_dataverses_error() throws Exception {
        SandboxResponse r = call("GET", "accounts?$select=name", null, "Prefer", "odata.track-changes");
        assertThat(r.status()).isEqualTo(400);
        assertThat(json(r).at("/error/code").asText()).isEqualTo("0x80072491");
        assertThat(json(r).at("/error/message").asText()).isEqualTo("Entity account isn't enabled for change tracking.");
    }

    @Test
    void change_tracking_hands_out_a_delta_link_that_returns_changes_and_deletions_once() throws Exception {
        Table contacts = service.data().tableBySet("contacts").orElseThrow();
        SandboxResponse initial = call("GET", "contacts?$select=fullname", null, "Prefer", "odata.track-changes, odata.maxpagesize=5");
        assertThat(initial.headers().get("Preference-Applied")).contains("odata.track-changes");
        JsonNode page = json(initial);
        int rows = page.get("value").size();
        while (page.has("@odata.nextLink")) {
            page = json(call("GET", page.get("@odata.nextLink").asText().substring((RESOURCE + "/api/data/v9.2/").length()), null,
                    "Prefer", "odata.track-changes, odata.maxpagesize=5"));
            rows += page.get("value").size();
        }
        assertThat(rows).isEqualTo(7);
        String deltaLink = page.get("@odata.deltaLink").asText();
        assertThat(deltaLink).contains("$select=fullname").contains("$deltatoken=");

        StoredRow changed = contacts.rows().get(0);
        StoredRow deleted = contacts.rows().get(1);
        call("PATCH", "contacts(" + changed.id() + ")", "{\"fullname\":\"Changed\"}", "If-Match", "*");
        call("DELETE", "contacts(" + deleted.id() + ")", null);
        call("POST", "contacts", "{\"fullname\":\"New\"}");

        JsonNode delta = json(call("GET", deltaLink.substring((RESOURCE + "/api/data/v9.2/").length()), null));
        assertThat(delta.get("@odata.context").asText()).endsWith("/$delta");
        assertThat(delta.get("value").findValuesAsText("fullname")).containsExactly("Changed", "New");
        JsonNode removal = delta.get("value").get(2);
        assertThat(removal.get("id").asText()).isEqualTo(deleted.id().toString());
        assertThat(removal.get("reason").asText()).isEqualTo("deleted");
        assertThat(removal.get("@odata.context").asText()).endsWith("$metadata#contacts/$deletedEntity");

        JsonNode quiet = json(call("GET", delta.get("@odata.deltaLink").asText().substring((RESOURCE + "/api/data/v9.2/").length()), null));
        assertThat(quiet.get("value")).isEmpty();
        assertThat(call("GET", "contacts?$filter=" + q("fullname eq 'New'"), null, "Prefer", "odata.track-changes").status()).isEqualTo(400);
    }

    @Test
    void a_delete_rolled_back_with_its_changeset_is_not_reported_as_deleted() throws Exception {
        Table contacts = service.data().tableBySet("contacts").orElseThrow();
        String deltaLink = json(call("GET", "contacts?$select=fullname", null, "Prefer", "odata.track-changes")).get("@odata.deltaLink").asText();
        StoredRow victim = contacts.rows().get(2);
        String body = batch("batch_d", changeset("changeset_d",
                "DELETE contacts(" + victim.id() + ") HTTP/1.1\r\n\r\n",
                patch("contacts(" + UUID.randomUUID() + ")", "{\"fullname\":\"Nobody\"}")));
        assertThat(call("POST", "$batch", body, "Content-Type", "multipart/mixed; boundary=batch_d").status()).isEqualTo(400);
        assertThat(contacts.row(victim.id())).isPresent();
        JsonNode delta = json(call("GET", deltaLink.substring((RESOURCE + "/api/data/v9.2/").length()), null));
        assertThat(delta.get("value")).isEmpty();
    }
}
