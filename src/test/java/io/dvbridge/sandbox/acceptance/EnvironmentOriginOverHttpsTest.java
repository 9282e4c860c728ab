package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.config.DvEnvironment;
import io.dvbridge.dataverse.DataverseClient;
import io.dvbridge.dataverse.DataverseQuery;
import io.dvbridge.dataverse.DataverseWrite;
import io.dvbridge.dataverse.DataverseWriteResult;
import io.dvbridge.http.ForeignHostException;
import io.dvbridge.http.Origin;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.sandbox.RequestLog;
import io.dvbridge.sandbox.SandboxOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each environment is served at the root of its own origin ({@code https://127.0.0.1:ENVPORT/api/data/v9.2/}),
 * as a real organization is, besides the path form under the shared origin; both are the same rows.
 */
class EnvironmentOriginOverHttpsTest {

    private static final int ACCOUNTS = 12;
    private static AcceptanceWorld world;
    private static String origin;
    private static DvEnvironment atRoot;

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
                        generate: {count: %d, columns: {name: "Account {n}"}}
                  - name: contoso-prod
                    tenant: contoso
                    tables:
                      - logicalName: account
                        entitySetName: accounts
                        primaryName: name
                """.formatted(ACCOUNTS), SandboxOptions.defaults());
        origin = world.sandbox().dataverseOrigin("contoso-dev");
        atRoot = new DvEnvironment("contoso-dev", URI.create(origin), URI.create(world.sandbox().powerBiApiUrl()),
                DvEnvironment.POWER_BI_SCOPE, world.tokens(), world.sandbox().clientTls());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static String rootToken() {
        return world.tokens().token(atRoot.dataverseScope()).value();
    }

    private static Map<String, String> odata(String... more) {
        Map<String, String> headers = new java.util.LinkedHashMap<>(Map.of("OData-MaxVersion", "4.0", "OData-Version", "4.0"));
        for (int i = 0; i < more.length; i += 2) {
            headers.put(more[i], more[i + 1]);
        }
        return headers;
    }

    @Test
    void every_environment_has_an_origin_of_its_own_apart_from_the_shared_one() {
        String prod = world.sandbox().dataverseOrigin("contoso-prod");
        assertThat(URI.create(origin).getPort()).isNotEqualTo(URI.create(prod).getPort())
                .isNotEqualTo(world.sandbox().port());
        assertThat(world.sandbox().dataverseOriginApiUrl("contoso-dev")).isEqualTo(origin + "/api/data/v9.2/");
        assertThat(URI.create(origin).getPath()).isEmpty();
    }

    @Test
    void the_components_same_origin_check_tells_environments_apart_only_in_the_root_form() {
        Origin dev = Origin.of(URI.create(origin));
        URI prodAtRoot = URI.create(world.sandbox().dataverseOriginApiUrl("contoso-prod") + "accounts");
        URI prodByPath = URI.create(world.sandbox().dataverseApiUrl("contoso-prod") + "accounts");

        assertThatThrownBy(() -> dev.requireSame(prodAtRoot)).isInstanceOf(ForeignHostException.class);
        assertThat(Origin.of(URI.create(world.sandbox().dataverseResource("contoso-dev"))).contains(prodByPath))
                .as("the path forms share one origin, so only the root form keeps a token to its environment").isTrue();
    }

    @Test
    void the_dataverse_client_configured_with_the_origin_pages_through_next_links_that_stay_on_it() {
        int stored = world.sandbox().environment("contoso-dev").data().tableBySet("accounts").orElseThrow().rows().size();
        long mark = world.mark();
        List<Integer> pages = new ArrayList<>();
        DataverseClient.connect(atRoot, RetryPolicy.DEFAULT)
                .queryPages(DataverseQuery.of("accounts").withSelect(List.of("name")).withPageSize(5))
                .forEachRemaining(page -> pages.add(page.size()));

        int expectedPages = (stored + 4) / 5;
        assertThat(pages).hasSize(expectedPages);
        assertThat(pages.stream().mapToInt(Integer::intValue).sum()).isEqualTo(stored);
        List<RequestLog.Entry> requests = world.sandbox().requestLog().entries(e -> e.sequence() > mark && e.path().contains("/accounts"));
        assertThat(requests).hasSize(expectedPages).allSatisfy(e -> {
            assertThat(e.path()).isEqualTo("/api/data/v9.2/accounts");
            assertThat(e.target()).isEqualTo("contoso-dev");
            assertThat(e.status()).isEqualTo(200);
        });
    }

    @Test
    void links_in_answers_at_the_root_point_at_the_root() {
        JsonNode page = AcceptanceWorld.json(world.get(origin + "/api/data/v9.2/accounts?$select=name", rootToken(),
                odata("Prefer", "odata.maxpagesize=5")));
        assertThat(page.path("@odata.context").asText()).isEqualTo(origin + "/api/data/v9.2/$metadata#accounts(name)");
        assertThat(page.path("@odata.nextLink").asText()).startsWith(origin + "/api/data/v9.2/accounts?");

        HttpResponse<String> created = world.send("POST", origin + "/api/data/v9.2/accounts", rootToken(),
                odata("Content-Type", "application/json"), "{\"name\":\"Fabrikam\"}");
        assertThat(created.statusCode()).isEqualTo(204);
        assertThat(created.headers().firstValue("OData-EntityId"))
                .hasValueSatisfying(id -> assertThat(id).startsWith(origin + "/api/data/v9.2/accounts("));

        JsonNode service = AcceptanceWorld.json(world.get(origin + "/api/data/v9.2/", rootToken(), odata()));
        assertThat(service.path("@odata.context").asText()).isEqualTo(origin + "/api/data/v9.2/$metadata");
    }

    @Test
    void a_batch_sent_to_the_root_runs_against_the_same_rows() {
        List<DataverseWriteResult> results = DataverseClient.connect(atRoot, RetryPolicy.DEFAULT)
                .batch(List.of(DataverseWrite.create("accounts", Map.of("name", "Batch at the root"))), true, 1000);

        assertThat(results).singleElement().satisfies(r -> assertThat(r.succeeded()).isTrue());
        assertThat(world.sandbox().environment("contoso-dev").data().tableBySet("accounts").orElseThrow().rows())
                .anySatisfy(row -> assertThat(row.get("name")).isEqualTo("Batch at the root"));
    }

    @Test
    void the_path_form_and_the_root_serve_the_same_rows_and_accept_each_others_tokens() {
        String byPath = world.get(world.dataverseApi() + "accounts/$count", rootToken(), odata()).body();
        HttpResponse<String> byRoot = world.get(origin + "/api/data/v9.2/accounts/$count", world.dataverseToken(), odata());

        assertThat(byRoot.statusCode()).isEqualTo(200);
        assertThat(byRoot.body()).isEqualTo(byPath);
    }

    @Test
    void a_token_for_another_environment_is_refused_at_the_root() {
        String prodToken = world.tokens().token(world.sandbox().dataverseOrigin("contoso-prod") + "/.default").value();
        HttpResponse<String> refused = world.get(origin + "/api/data/v9.2/accounts", prodToken, odata());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).contains("resource_id=" + origin));
    }

    @Test
    void only_the_web_api_lives_at_an_environments_origin() {
        assertThat(world.get(origin + "/powerbi/v1.0/myorg/groups", world.powerBiToken(), Map.of()).statusCode()).isEqualTo(404);
        assertThat(world.get(origin + "/" + AcceptanceWorld.TENANT_ID + "/v2.0/.well-known/openid-configuration", null, Map.of())
                .statusCode()).isEqualTo(404);
        assertThat(world.get(origin + "/orgs/contoso-dev/api/data/v9.2/accounts", rootToken(), odata()).statusCode()).isEqualTo(404);
    }
}
