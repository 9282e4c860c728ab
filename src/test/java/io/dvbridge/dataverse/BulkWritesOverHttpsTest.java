package io.dvbridge.dataverse;

import io.dvbridge.sandbox.RequestLog;
import io.dvbridge.sandbox.dataverse.StoredRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * dataverse:createMultiple, updateMultiple and upsertMultiple from YAML routes against the sandbox over HTTPS:
 * bisection of bad rows on a standard table, an elastic table's partial success, the $batch fallback, the
 * per-user concurrency limit, a 429 storm and a pool of two application users.
 */
class BulkWritesOverHttpsTest {

    private static final int MAX_CONCURRENCY = 6;
    private static final String ROUTES = """
            - route:
                from:
                  uri: direct:create
                  steps:
                    - to: "dataverse:createMultiple/dvb_customerimport?environment=org&batchSize=50"
            - route:
                from:
                  uri: direct:update
                  steps:
                    - to: "dataverse:updateMultiple/dvb_customerimport?environment=org"
            - route:
                from:
                  uri: direct:upsert
                  steps:
                    - to: "dataverse:upsertMultiple/dvb_customerimport?environment=org"
            - route:
                from:
                  uri: direct:legacy
                  steps:
                    - to: "dataverse:createMultiple/dvb_legacyimport?environment=org"
            - route:
                from:
                  uri: direct:signals
                  steps:
                    - to: "dataverse:upsertMultiple/dvb_signal?environment=org"
            - route:
                from:
                  uri: direct:parallel
                  steps:
                    - split:
                        simple: "${body}"
                        parallelProcessing: true
                        executorService: pushPool
                        steps:
                          - to: "dataverse:createMultiple/dvb_customerimport?batchSize=10"
            """;

    private static BulkWorld world;

    @BeforeAll
    static void start() throws Exception {
        world = new BulkWorld(MAX_CONCURRENCY, ROUTES);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static BulkRow customer(long n, String prefix, Map<String, Object> extra) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("dvb_customernumber", prefix + n);
        values.put("dvb_name", "Customer " + n);
        values.put("dvb_loyaltypoints", (int) n);
        values.put("dvb_segment", 100000000);
        values.put("dvb_AccountId@odata.bind", "/accounts(" + BulkWorld.ACCOUNT + ")");
        values.putAll(extra);
        return new BulkRow(n, Map.of(), values);
    }

    private static List<BulkRow> customers(String prefix, int count) {
        return IntStream.rangeClosed(1, count).mapToObj(n -> customer(n, prefix, Map.of())).collect(Collectors.toList());
    }

    @Test
    void create_multiple_lands_every_row_in_requests_of_the_batch_size_and_answers_their_ids_in_order() {
        long before = world.requests("dvb_customerimports/Microsoft.Dynamics.CRM.CreateMultiple");

        List<BulkRowResult> results = world.send("direct:create", customers("C-", 120));

        assertThat(results).hasSize(120).allMatch(BulkRowResult::written);
        assertThat(results).extracting(BulkRowResult::rowNumber).containsExactlyElementsOf(java.util.stream.LongStream.rangeClosed(1, 120).boxed().toList());
        assertThat(world.requests("dvb_customerimports/Microsoft.Dynamics.CRM.CreateMultiple") - before).isEqualTo(3);
        for (BulkRowResult result : results) {
            StoredRow row = world.table("dvb_customerimports").row(UUID.fromString(result.id().orElseThrow())).orElseThrow();
            assertThat(row.get("dvb_customernumber")).isEqualTo("C-" + result.rowNumber());
            assertThat(row.get("_dvb_accountid_value")).isEqualTo(UUID.fromString(BulkWorld.ACCOUNT));
        }
    }

    @Test
    void three_bad_rows_among_two_hundred_are_isolated_by_bisection_with_dataverses_messages_and_the_rest_land() {
        List<BulkRow> rows = new ArrayList<>(customers("B-", 200));
        rows.set(16, customer(17, "B-", Map.of("dvb_loyaltypoints", -5)));
        rows.set(100, customer(101, "B-", Map.of("dvb_segment", 7)));
        rows.set(101, customer(102, "B-", Map.of("dvb_AccountId@odata.bind", "/accounts(7d2a1c3e-0009-4a5b-8c6d-000000000999)")));

        List<BulkRowResult> results = world.send("direct:create", rows);

        assertThat(results.stream().filter(r -> !r.written()).map(BulkRowResult::rowNumber)).containsExactly(17L, 101L, 102L);
        assertThat(results.get(16).message()).contains("The value -5 of 'dvb_loyaltypoints'").contains("outside the valid range");
        assertThat(results.get(16).errorCode()).isEqualTo("0x8004431a");
        assertThat(results.get(100).message()).contains("The value 7 of 'dvb_segment'");
        assertThat(results.get(101).status()).isEqualTo(404);
        assertThat(results.get(101).message()).contains("account With Id = 7d2a1c3e-0009-4a5b-8c6d-000000000999 Does Not Exist");
        assertThat(world.rows("dvb_customerimports", "dvb_customernumber", "B-")).hasSize(197);
    }

    @Test
    void update_multiple_goes_by_primary_id_and_rows_keyed_by_an_alternate_key_go_through_batch() {
        List<BulkRowResult> created = world.send("direct:create", customers("U-", 4));
        List<BulkRow> updates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            updates.add(new BulkRow(i + 1, Map.of("dvb_customerimportid", created.get(i).id().orElseThrow()),
                    Map.of("dvb_loyaltypoints", 500 + i)));
        }
        updates.add(new BulkRow(4, Map.of("dvb_customernumber", "U-4"), Map.of("dvb_loyaltypoints", 504)));
        long bulkBefore = world.requests("dvb_customerimports/Microsoft.Dynamics.CRM.UpdateMultiple");
        long batchBefore = world.requests("$batch");

        List<BulkRowResult> results = world.send("direct:update", updates);

        assertThat(results).allMatch(BulkRowResult::written);
        assertThat(world.requests("dvb_customerimports/Microsoft.Dynamics.CRM.UpdateMultiple") - bulkBefore).isEqualTo(1);
        assertThat(world.requests("$batch") - batchBefore).isEqualTo(1);
        assertThat(world.rows("dvb_customerimports", "dvb_customernumber", "U-")).extracting(r -> r.get("dvb_loyaltypoints"))
                .containsExactlyInAnyOrder(500, 501, 502, 504);
    }

    @Test
    void upsert_multiple_by_alternate_key_updates_and_creates_and_a_repeated_key_waits_for_the_next_request() {
        world.send("direct:create", customers("K-", 2));
        List<BulkRow> rows = List.of(
                new BulkRow(1, Map.of("dvb_customernumber", "K-1"), Map.of("dvb_loyaltypoints", 11)),
                new BulkRow(2, Map.of("dvb_customernumber", "K-2"), Map.of("dvb_loyaltypoints", 22)),
                new BulkRow(3, Map.of("dvb_customernumber", "K-3"), Map.of("dvb_name", "New", "dvb_loyaltypoints", 33)),
                new BulkRow(4, Map.of("dvb_customernumber", "k-1"), Map.of("dvb_loyaltypoints", 111)));
        long before = world.requests("dvb_customerimports/Microsoft.Dynamics.CRM.UpsertMultiple");

        List<BulkRowResult> results = world.send("direct:upsert", rows);

        assertThat(results).allMatch(BulkRowResult::written);
        assertThat(world.requests("dvb_customerimports/Microsoft.Dynamics.CRM.UpsertMultiple") - before).isEqualTo(2);
        Map<Object, Object> points = world.rows("dvb_customerimports", "dvb_customernumber", "K-").stream()
                .collect(Collectors.toMap(r -> r.get("dvb_customernumber"), r -> r.get("dvb_loyaltypoints")));
        assertThat(points).containsEntry("K-1", 111).containsEntry("K-2", 22).containsEntry("K-3", 33).hasSize(3);
    }

    @Test
    void an_elastic_table_keeps_the_good_rows_of_a_request_and_names_the_bad_ones_from_the_error_details() {
        List<BulkRow> rows = new ArrayList<>();
        for (int n = 1; n <= 30; n++) {
            rows.add(new BulkRow(n, Map.of("dvb_signalid", UUID.nameUUIDFromBytes(("signal" + n).getBytes()).toString(),
                    "partitionid", "p" + (n % 3)), Map.of("dvb_value", n == 7 || n == 19 ? 150 : n)));
        }
        long before = world.requests("dvb_signals/Microsoft.Dynamics.CRM.UpsertMultiple");

        List<BulkRowResult> results = world.send("direct:signals", rows);

        assertThat(world.requests("dvb_signals/Microsoft.Dynamics.CRM.UpsertMultiple") - before).isEqualTo(1);
        assertThat(results.stream().filter(r -> !r.written()).map(BulkRowResult::rowNumber)).containsExactly(7L, 19L);
        assertThat(results.get(6).status()).isEqualTo(400);
        assertThat(results.get(6).message()).contains("The value 150 of 'dvb_value'");
        assertThat(results.get(18).status()).isEqualTo(400);
        assertThat(world.table("dvb_signals").size()).isEqualTo(28);
    }

    @Test
    void a_table_without_bulk_support_is_written_through_batch_with_continue_on_error() {
        List<BulkRow> rows = IntStream.rangeClosed(1, 5).mapToObj(n -> new BulkRow(n, Map.of(),
                Map.of("dvb_name", "Legacy " + n, "dvb_code", n == 3 ? "MUCH-TOO-LONG-CODE" : "L" + n))).toList();
        long batchBefore = world.requests("$batch");

        List<BulkRowResult> results = world.send("direct:legacy", rows);

        assertThat(world.requests("dvb_legacyimports/Microsoft.Dynamics.CRM.CreateMultiple")).isZero();
        assertThat(world.requests("$batch") - batchBefore).isEqualTo(1);
        assertThat(results.stream().filter(r -> !r.written()).map(BulkRowResult::rowNumber)).containsExactly(3L);
        assertThat(results.get(2).message()).contains("exceeded the maximum allowed length of '10'");
        assertThat(results.stream().filter(BulkRowResult::written)).allMatch(r -> r.id().isPresent());
        assertThat(world.table("dvb_legacyimports").size()).isEqualTo(4);
    }

    @Test
    void fifty_two_route_threads_never_put_more_requests_in_flight_than_the_users_limit() {
        List<List<BulkRow>> chunks = IntStream.range(0, 40).mapToObj(c -> IntStream.rangeClosed(1, 5)
                .mapToObj(n -> customer(c * 5L + n, "P-", Map.of())).toList()).toList();
        long mark = world.sandbox.requestLog().entries().stream().mapToLong(RequestLog.Entry::sequence).max().orElse(0);

        world.camel.createProducerTemplate().sendBodyAndHeader("direct:parallel", chunks, DataverseConstants.ENVIRONMENT, "org");

        assertThat(world.rows("dvb_customerimports", "dvb_customernumber", "P-")).hasSize(200);
        assertThat(world.sandbox.dataverseLimits().peakInFlight(BulkWorld.APP1 + "@" + BulkWorld.ORG)).isBetween(1, MAX_CONCURRENCY);
        assertThat(world.component().concurrency("org").peakInFlight()).isBetween(1, MAX_CONCURRENCY);
        assertThat(world.sandbox.requestLog().count(e -> e.sequence() > mark && e.status() == 429)).isZero();
    }

    @Test
    void a_storm_of_429s_is_ridden_out_and_no_request_comes_back_before_its_retry_after() {
        world.send("direct:create", customers("W-", 1));
        long mark = world.sandbox.requestLog().entries().stream().mapToLong(RequestLog.Entry::sequence).max().orElse(0);
        world.sandbox.dataverseLimits().storm(3, Duration.ofSeconds(1));

        List<BulkRowResult> results = world.send("direct:create", customers("S-", 150));

        assertThat(results).allMatch(BulkRowResult::written);
        List<RequestLog.Entry> calls = world.sandbox.requestLog().entries(e -> e.sequence() > mark && e.caller().equals(BulkWorld.APP1));
        List<RequestLog.Entry> throttled = calls.stream().filter(e -> e.status() == 429).toList();
        assertThat(throttled).hasSize(3).allMatch(e -> e.retryAfterSeconds() == 1);
        for (RequestLog.Entry refusal : throttled) {
            Optional<RequestLog.Entry> next = calls.stream().filter(e -> e.sequence() > refusal.sequence()).findFirst();
            assertThat(next).hasValueSatisfying(e -> assertThat(Duration.between(refusal.answeredAt(), e.receivedAt()))
                    .isGreaterThanOrEqualTo(Duration.ofSeconds(refusal.retryAfterSeconds())));
        }
        assertThat(world.rows("dvb_customerimports", "dvb_customernumber", "S-")).hasSize(150);
        assertThat(world.component().concurrency("org").throttles()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void a_pool_of_two_application_users_spreads_the_requests_over_both() {
        List<List<BulkRow>> chunks = IntStream.range(0, 30).mapToObj(c -> IntStream.rangeClosed(1, 4)
                .mapToObj(n -> customer(c * 4L + n, "Q-", Map.of())).toList()).toList();
        long mark = world.sandbox.requestLog().entries().stream().mapToLong(RequestLog.Entry::sequence).max().orElse(0);

        world.camel.createProducerTemplate().sendBodyAndHeader("direct:parallel", chunks, DataverseConstants.ENVIRONMENT, "pooled");

        assertThat(world.rows("dvb_customerimports", "dvb_customernumber", "Q-")).hasSize(120);
        Set<String> callers = world.sandbox.requestLog().entries(e -> e.sequence() > mark && e.path().endsWith("CreateMultiple"))
                .stream().map(RequestLog.Entry::caller).collect(Collectors.toSet());
        assertThat(callers).containsExactlyInAnyOrder(BulkWorld.APP1, BulkWorld.APP2);
        assertThat(world.component().concurrency("org-app2").peakInFlight()).isBetween(1, MAX_CONCURRENCY);
    }
}
