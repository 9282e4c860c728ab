package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CreateMultiple converts its targets before the writer lock and applies them under it: the answers must be the ones
 * converting under the lock gave, in target order (a lookup or key error of an earlier target before a conversion
 * error of a later one), all or nothing on a standard table; parallel requests all land, each row with its own
 * version. Also the admin stats a benchmark in another process reads.
 */
class BulkPreparedOutsideLockOverHttpsTest {

    private static final String ACCOUNT = "d0000000-0000-4000-8000-000000000001";
    private static AcceptanceWorld world;

    @BeforeAll
    static void start() {
        world = AcceptanceWorld.start("""
                environments:
                  - name: contoso-dev
                    tenant: contoso
                    tables:
                      - logicalName: dvb_account
                        entitySetName: dvb_accounts
                        primaryName: dvb_name
                        rows:
                          - {dvb_accountid: %s, dvb_name: Known}
                      - logicalName: dvb_order
                        entitySetName: dvb_orders
                        primaryName: dvb_name
                        changeTracking: true
                        columns:
                          - {name: dvb_code, type: String, maxLength: 10}
                          - {name: dvb_qty, type: Integer, minValue: 0}
                          - {name: dvb_accountid, schemaName: dvb_AccountId, type: Lookup, targets: [dvb_account]}
                        keys: [[dvb_code]]
                """.formatted(ACCOUNT), SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static HttpResponse<String> createMultiple(String... targets) {
        List<String> items = new ArrayList<>();
        for (String t : targets) {
            items.add("{\"@odata.type\":\"Microsoft.Dynamics.CRM.dvb_order\"," + t + "}");
        }
        return world.send("POST", world.dataverseApi() + "dvb_orders/Microsoft.Dynamics.CRM.CreateMultiple", world.dataverseToken(),
                Map.of("Content-Type", "application/json", "OData-Version", "4.0"), "{\"Targets\":[" + String.join(",", items) + "]}");
    }

    private static Table orders() {
        return world.sandbox().environment("contoso-dev").data().tableBySet("dvb_orders").orElseThrow();
    }

    @Test
    void an_earlier_targets_missing_lookup_answers_before_a_later_targets_bad_value_and_nothing_lands() {
        int before = orders().size();
        HttpResponse<String> response = createMultiple(
                "\"dvb_name\":\"ok\",\"dvb_code\":\"L-1\"",
                "\"dvb_name\":\"gone\",\"dvb_code\":\"L-2\",\"dvb_AccountId@odata.bind\":\"dvb_accounts(d0000000-0000-4000-8000-00000000ffff)\"",
                "\"dvb_name\":\"bad\",\"dvb_code\":\"L-3\",\"dvb_qty\":-1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(404);
        assertThat(response.body()).contains("d0000000-0000-4000-8000-00000000ffff");
        assertThat(orders().size()).isEqualTo(before);
    }

    @Test
    void a_bad_value_before_a_lookup_in_one_target_answers_the_value_error() {
        HttpResponse<String> response = createMultiple(
                "\"dvb_name\":\"bad\",\"dvb_qty\":-5,\"dvb_AccountId@odata.bind\":\"dvb_accounts(d0000000-0000-4000-8000-00000000ffff)\"");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("dvb_qty").doesNotContain("00000000ffff");
    }

    @Test
    void a_duplicate_key_of_an_earlier_target_answers_before_a_later_unknown_column() {
        assertThat(createMultiple("\"dvb_name\":\"first\",\"dvb_code\":\"K-1\"").statusCode()).isEqualTo(200);

        HttpResponse<String> response = createMultiple(
                "\"dvb_name\":\"again\",\"dvb_code\":\"K-1\"",
                "\"dvb_name\":\"odd\",\"dvb_nosuchcolumn\":1");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(412);
        assertThat(orders().rows().stream().filter(r -> "K-1".equals(r.get("dvb_code")))).hasSize(1);
    }

    @Test
    void good_targets_land_with_their_lookups_and_parallel_requests_all_land_with_distinct_versions() throws Exception {
        int before = orders().size();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<HttpResponse<String>>> answers = new ArrayList<>();
            for (int r = 0; r < 6; r++) {
                int request = r;
                answers.add(pool.submit(() -> {
                    List<String> targets = new ArrayList<>();
                    for (int i = 0; i < 50; i++) {
                        targets.add("\"dvb_name\":\"p" + request + "-" + i + "\",\"dvb_code\":\"P" + request + "-" + i
                                + "\",\"dvb_qty\":" + i + ",\"dvb_AccountId@odata.bind\":\"dvb_accounts(" + ACCOUNT + ")\"");
                    }
                    return createMultiple(targets.toArray(String[]::new));
                }));
            }
            for (Future<HttpResponse<String>> answer : answers) {
                assertThat(answer.get().statusCode()).as(answer.get().body()).isEqualTo(200);
                assertThat(AcceptanceWorld.json(answer.get()).path("Ids")).hasSize(50);
            }
        } finally {
            pool.shutdownNow();
        }
        List<io.dvbridge.sandbox.dataverse.StoredRow> landed = orders().rows().stream()
                .filter(r -> String.valueOf(r.get("dvb_code")).startsWith("P")).toList();
        assertThat(landed).hasSize(300);
        assertThat(landed).allSatisfy(r -> assertThat(r.get("_dvb_accountid_value")).hasToString(ACCOUNT));
        assertThat(landed.stream().map(io.dvbridge.sandbox.dataverse.StoredRow::version).distinct()).hasSize(300);
        assertThat(orders().size()).isEqualTo(before + 300);
    }

    @Test
    void admin_stats_count_rows_per_table_and_the_most_requests_in_flight() {
        assertThat(createMultiple("\"dvb_name\":\"s\",\"dvb_code\":\"S-1\"").statusCode()).isEqualTo(200);

        HttpResponse<String> stats = world.send("GET", world.sandbox().baseUrl().replaceAll("/$", "") + "/_sandbox/stats", null, Map.of(), null);

        JsonNode body = AcceptanceWorld.json(stats);
        assertThat(body.path("rows").path("contoso-dev").path("dvb_orders").asInt()).isEqualTo(orders().size());
        assertThat(body.path("rows").path("contoso-dev").path("dvb_accounts").asInt()).isEqualTo(1);
        assertThat(body.path("peakInFlight").path(AcceptanceWorld.CLIENT_ID + "@contoso-dev").asInt()).isGreaterThanOrEqualTo(1);
    }
}
