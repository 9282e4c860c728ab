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

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code GET <entity set>/$count}: the number as text, filtered, capped at 5,000 like @odata.count. */
class EntitySetCountTest {

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
                    columns: [{name: industrycode, type: Picklist, options: {1: Accounting, 2: Agriculture}}]
                    generate: {count: 7, columns: {name: "Account {n}", industrycode: "{pick:1|2}"}}
                  - logicalName: contact
                    entitySetName: contacts
                    primaryName: fullname
                    changeTracking: true
                    generate: {count: 5003, columns: {fullname: "Contact {n}"}}
            """.formatted(TENANT);

    DataverseService service;

    @BeforeEach
    void setUp() {
        service = new DataverseService(FixtureLoader.parse(WORLD).environments().get(0), TENANT, "https://127.0.0.1:1/orgs/test", "https://127.0.0.1:2",
                (bearer, audience) -> {
                    if (bearer.isEmpty()) {
                        throw new InvalidTokenException("no token");
                    }
                    return new VerifiedToken(TENANT, "app", audience, Instant.MAX);
                },
                new ServiceProtection(LimitsProfile.REAL, Clock.systemUTC()), 7);
    }

    SandboxResponse get(String relativePath, String query, String... headers) {
        Map<String, List<String>> h = new HashMap<>();
        h.put("Authorization", List.of("Bearer x"));
        for (int i = 0; i < headers.length; i += 2) {
            h.put(headers[i], List.of(headers[i + 1]));
        }
        return service.handle(new SandboxRequest("GET", "/orgs/test/api/data/v9.2/" + relativePath, query, h, null), new RequestContext());
    }

    @Test
    void count_answers_the_number_of_rows_as_plain_text() {
        SandboxResponse r = get("accounts/$count", "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().get("Content-Type")).startsWith("text/plain");
        assertThat(r.bodyAsString()).isEqualTo("7");
    }

    @Test
    void count_applies_the_filter_and_its_parameter_aliases() {
        long accounting = service.data().tableBySet("accounts").orElseThrow().rows().stream()
                .filter(row -> Integer.valueOf(1).equals(row.get("industrycode"))).count();
        assertThat(get("accounts/$count", "$filter=industrycode%20eq%201").bodyAsString()).isEqualTo(Long.toString(accounting));
        assertThat(get("accounts/$count", "$filter=industrycode%20eq%20@code&@code=1").bodyAsString()).isEqualTo(Long.toString(accounting));
        assertThat(get("accounts/$count", "$filter=name%20eq%20'nobody'").bodyAsString()).isEqualTo("0");
    }

    @Test
    void count_stops_at_the_documented_5000() {
        assertThat(service.data().tableBySet("contacts").orElseThrow().rows()).hasSize(5003);
        assertThat(get("contacts/$count", "").bodyAsString()).isEqualTo("5000");
    }

    @Test
    void count_true_with_annotations_says_whether_the_5000_limit_was_exceeded() throws Exception {
        JsonNode capped = Json.MAPPER.readTree(get("contacts", "$count=true&$select=fullname", "Prefer",
                "odata.include-annotations=\"Microsoft.Dynamics.CRM.totalrecordcount,Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded\"").body());
        assertThat(capped.path("@odata.count").asInt()).isEqualTo(5000);
        assertThat(capped.path("@Microsoft.Dynamics.CRM.totalrecordcount").asInt()).isEqualTo(5000);
        assertThat(capped.path("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").asBoolean()).isTrue();
        JsonNode small = Json.MAPPER.readTree(get("accounts", "$count=true", "Prefer", "odata.include-annotations=\"*\"").body());
        assertThat(small.path("@Microsoft.Dynamics.CRM.totalrecordcount").asInt()).isEqualTo(7);
        assertThat(small.path("@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded").asBoolean()).isFalse();
        assertThat(Json.MAPPER.readTree(get("accounts", "$count=true").body()).has("@Microsoft.Dynamics.CRM.totalrecordcount")).isFalse();
    }

    @Test
    void count_with_a_malformed_filter_gets_dataverses_400() throws Exception {
        SandboxResponse r = get("accounts/$count", "$filter=name%20eq%20'open");
        assertThat(r.status()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).at("/error/message").asText()).contains("unterminated string literal at position 13");
    }

    @Test
    void count_with_a_token_that_is_no_version_stamp_is_refused() throws Exception {
        SandboxResponse r = get("contacts/$count", "$deltatoken=not-a-token");
        assertThat(r.status()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(r.body()).at("/error/code").asText()).isEqualTo("0x80044183");
    }

    @Test
    void count_refuses_options_other_than_filter_and_unknown_sets() throws Exception {
        SandboxResponse top = get("accounts/$count", "$top=2");
        assertThat(top.status()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(top.body()).at("/error/message").asText()).contains("$top is not allowed on $count");
        SandboxResponse unknown = get("nothings/$count", "");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(Json.MAPPER.readTree(unknown.body()).at("/error/message").asText()).isEqualTo("Resource not found for the segment 'nothings'.");
    }
}
