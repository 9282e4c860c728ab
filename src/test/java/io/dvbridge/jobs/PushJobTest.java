package io.dvbridge.jobs;

import io.dvbridge.push.WriteMode;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The push job through the route camel-main loads, against the sandbox's demo table dvb_customerimport over HTTPS. */
class PushJobTest {

    static final String KEY = "dvb_customerimport_dvb_customernumber_key";
    static final String BATCH_ROWS = "pushfixBatchRows";

    @TempDir
    static Path dir;
    static DemoWorld world;

    @BeforeAll
    static void start() {
        world = new DemoWorld(dir.resolve("runs"), io.dvbridge.sandbox.SandboxOptions.defaults(),
                java.util.Map.of("dvbridge.push.jdbc.username", "postgres"));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static Table customers() {
        return world.sandbox.environment(DemoWorld.PROD).data().tableBySet("dvb_customerimports").orElseThrow();
    }

    static PushRequest request(Path from, String key) {
        return new PushRequest(DemoWorld.PROD, "dvb_customerimport", from.toString(), Optional.empty(), WriteMode.UPSERT, Optional.of(key),
                false, false, Optional.empty(), Optional.empty(), 500, false);
    }

    static PushRequest request(Path from, String key, boolean replace, Optional<String> maxRejects, Optional<Path> rejects) {
        return new PushRequest(DemoWorld.PROD, "dvb_customerimport", from.toString(), Optional.empty(), WriteMode.UPSERT, Optional.of(key),
                false, replace, rejects, maxRejects, 100, false);
    }

    static long rowsWithPrefix(String prefix) {
        return customers().rows().stream().filter(r -> String.valueOf(r.get("dvb_customernumber")).startsWith(prefix)).count();
    }

    static String line(String number, String points, String segment, String account) {
        return number + ",Customer " + number + "," + points + "," + segment + "," + account + "\n";
    }

    @Test
    void three_bad_rows_among_a_thousand_are_rejected_with_reasons_and_the_other_997_land_once_however_often_it_runs() throws Exception {
        StringBuilder csv = new StringBuilder("dvb_customernumber,dvb_name,dvb_loyaltypoints,dvb_segment,dvb_accountid\n");
        for (int i = 1; i <= 1000; i++) {
            String points = i == 250 ? "-1" : String.valueOf(i);
            String segment = i == 500 ? "Partner" : "Retail";
            String account = i == 750 ? "accountnumber=ACC-404" : "accountnumber=ACC-00" + (1 + i % 3);
            csv.append(line("T-" + i, points, segment, account));
        }
        Path file = dir.resolve("thousand.csv");
        Files.writeString(file, csv);
        Path rejects = dir.resolve("out").resolve("thousand-rejects.csv");

        PushReport first = (PushReport) world.runtime.run("push", request(file, KEY, false, Optional.empty(), Optional.of(rejects)));

        assertThat(first.read()).isEqualTo(1000);
        assertThat(first.rejected()).as(first.summary()).isEqualTo(3);
        assertThat(first.written()).isEqualTo(997);
        assertThat(first.failed()).isZero();
        assertThat(first.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
        assertThat(rowsWithPrefix("T-")).isEqualTo(997);
        List<String> lines = Files.readAllLines(rejects);
        assertThat(lines).hasSize(4);
        assertThat(lines.subList(1, 4)).satisfiesExactly(
                l -> assertThat(l).startsWith("250,dvb_loyaltypoints,-1,range,"),
                l -> assertThat(l).startsWith("500,dvb_segment,Partner,choice,"),
                l -> assertThat(l).startsWith("750,dvb_accountid,ACC-404,lookup-not-found,"));
        assertThat(first.reasons()).containsEntry("range", 1L).containsEntry("choice", 1L).containsEntry("lookup-not-found", 1L);

        PushReport again = (PushReport) world.runtime.run("push", request(file, KEY, false, Optional.empty(), Optional.empty()));
        assertThat(again.written()).isEqualTo(997);
        assertThat(again.skipped()).as("the first run finished: nothing to resume").isZero();
        assertThat(rowsWithPrefix("T-")).as("a re-run upserts the same rows").isEqualTo(997);
    }

    @Test
    void a_reject_threshold_exceeded_stops_the_push_before_any_write() throws Exception {
        Path file = dir.resolve("threshold.csv");
        Files.writeString(file, "dvb_customernumber,dvb_name,dvb_loyaltypoints,dvb_segment,dvb_accountid\n"
                + line("X-1", "5", "Retail", "") + line("X-2", "oops", "Retail", "") + line("X-3", "7", "Nope", ""));
        long requestsBefore = world.requests("POST", "dvb_customerimports");

        PushReport report = (PushReport) world.runtime.run("push", request(file, KEY, false, Optional.of("1"), Optional.empty()));

        assertThat(report.stopped()).contains("2 of 3 rows were rejected").contains("--max-rejects 1");
        assertThat(report.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(report.written()).isZero();
        assertThat(rowsWithPrefix("X-")).isZero();
        assertThat(world.requests("POST", "dvb_customerimports")).isEqualTo(requestsBefore);
    }

    @Test
    void every_validation_rule_rejects_its_row_through_the_route() throws Exception {
        Path file = dir.resolve("rules.csv");
        String header = "dvb_customernumber,dvb_name,dvb_email,dvb_loyaltypoints,dvb_creditlimit,dvb_discountrate,dvb_score,dvb_ismember,"
                + "dvb_birthdate,dvb_lastcontacton,dvb_externalid,dvb_segment,dvb_channels,dvb_accountid\n";
        String ok = ",Name,a@b.c,1,1.00,1.5,0.5,true,1990-01-01,2026-01-01T10:00:00Z,6f0c2a51-8d1e-4b7a-9c3f-1a2b3c4d5e01,Retail,Email,accountnumber=ACC-001";
        String[] bad = {
                "R-01" + ok,                                                     // valid
                "R-02" + ok.replace("a@b.c", "x".repeat(101)),                    // max-length
                "R-03" + ok.replace(",1,1.00,", ",1.5,1.00,"),                    // type (integer)
                "R-04" + ok.replace(",1,1.00,", ",1000001,1.00,"),                // range
                "R-05" + ok.replace("1.00,1.5,", "1.005,1.5,"),                   // precision (money)
                "R-06" + ok.replace(",0.5,", ",0.123456,"),                       // precision (float)
                "R-07" + ok.replace(",true,", ",maybe,"),                         // type (boolean)
                "R-08" + ok.replace("1990-01-01", "1990-01-01T10:00:00Z"),        // type (date only)
                "R-09" + ok.replace("2026-01-01T10:00:00Z", "next tuesday"),      // type (user local)
                "R-10" + ok.replace("6f0c2a51-8d1e-4b7a-9c3f-1a2b3c4d5e01", "nope"), // type (guid)
                "R-11" + ok.replace("Retail", "Partner"),                         // choice
                "R-12" + ok.replace(",Email,", ",\"Email,Fax\","),                // multi-select choice
                "R-13" + ok.replace("accountnumber=ACC-001", "7d2a1c3e-0009-4a5b-8c6d-000000000009"), // lookup not found
                "R-14" + ok.replace("accountnumber=ACC-001", "ACC-001"),          // lookup not parsable
                ok,                                                               // required (no customer number)
        };
        Files.writeString(file, header + String.join("\n", bad) + "\n");

        PushReport report = (PushReport) world.runtime.run("push", request(file, "uuid5:dvb_customernumber", false, Optional.empty(),
                Optional.empty()));

        assertThat(report.written()).as(report.summary()).isEqualTo(1);
        assertThat(report.rejected()).isEqualTo(14);
        List<String> rejects = Files.readAllLines(dir.resolve("runs").resolve(report.runId()).resolve("rejects.csv"));
        assertThat(rejects.subList(1, rejects.size())).extracting(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1)))
                .containsExactly("2,dvb_email", "3,dvb_loyaltypoints", "4,dvb_loyaltypoints", "5,dvb_creditlimit", "6,dvb_score",
                        "7,dvb_ismember", "8,dvb_birthdate", "9,dvb_lastcontacton", "10,dvb_externalid", "11,dvb_segment",
                        "12,dvb_channels", "13,dvb_accountid", "14,dvb_accountid", "15,dvb_customernumber");
        assertThat(report.reasons()).containsEntry("max-length", 1L).containsEntry("range", 1L).containsEntry("precision", 2L)
                .containsEntry("type", 5L).containsEntry("choice", 2L).containsEntry("lookup", 1L).containsEntry("lookup-not-found", 1L)
                .containsEntry("identity", 1L);
    }

    @Test
    void a_jdbc_query_on_postgresql_is_streamed_and_pushed_and_the_report_names_no_credentials() throws Exception {
        String schema = "push_jdbc_" + Long.toHexString(System.nanoTime());
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
            db.createStatement().execute("CREATE SCHEMA " + schema);
            db.createStatement().execute("CREATE TABLE " + schema + ".customers (dvb_customernumber varchar(20), dvb_name text,"
                    + " dvb_loyaltypoints integer, dvb_ismember boolean, dvb_birthdate date, dvb_creditlimit numeric(12,2))");
            db.createStatement().execute("INSERT INTO " + schema + ".customers SELECT 'J-' || g, 'Customer ' || g, g * 10, g % 2 = 0,"
                    + " DATE '1990-01-01' + g, g * 1.5 FROM generate_series(1, 25) g");
            db.createStatement().execute("UPDATE " + schema + ".customers SET dvb_loyaltypoints = -3 WHERE dvb_customernumber = 'J-13'");
        }
        try {
            PushRequest request = new PushRequest(DemoWorld.PROD, "dvb_customerimport", "jdbc:postgresql://127.0.0.1:5432/test",
                    Optional.of("SELECT * FROM " + schema + ".customers ORDER BY dvb_customernumber"), WriteMode.UPSERT, Optional.of(KEY),
                    false, false, Optional.empty(), Optional.empty(), 10, false);

            PushReport report = (PushReport) world.runtime.run("push", request);

            assertThat(report.read()).isEqualTo(25);
            assertThat(report.written()).as(report.summary()).isEqualTo(24);
            assertThat(report.firstRejects()).singleElement().satisfies(r -> assertThat(r).contains("dvb_loyaltypoints").contains("range"));
            assertThat(rowsWithPrefix("J-")).isEqualTo(24);
            StoredRow j2 = customers().rows().stream().filter(r -> "J-2".equals(r.get("dvb_customernumber"))).findFirst().orElseThrow();
            assertThat(j2.get("dvb_ismember")).isEqualTo(true);
            assertThat(String.valueOf(j2.get("dvb_birthdate"))).isEqualTo("1990-01-03");
            assertThat(report.source()).isEqualTo("jdbc:postgresql://127.0.0.1:5432/test").doesNotContain("postgres@");
        } finally {
            try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "")) {
                db.createStatement().execute("DROP SCHEMA " + schema + " CASCADE");
            }
        }
    }

    @Test
    void rows_sharing_a_key_are_never_in_two_requests_at_once_and_the_last_row_of_a_key_wins() throws Exception {
        StringBuilder csv = new StringBuilder("dvb_customernumber,dvb_name,dvb_loyaltypoints,dvb_segment,dvb_accountid\n");
        for (int i = 1; i <= 300; i++) {
            csv.append("K-" + (i % 25) + ",Version " + i + "," + i + ",Retail,\n");
        }
        Path file = dir.resolve("repeated-keys.csv");
        Files.writeString(file, csv);
        KeysInFlight inFlight = new KeysInFlight();
        org.apache.camel.CamelContext camel = world.runtime.context();
        camel.getManagementStrategy().addEventNotifier(inFlight);
        org.apache.camel.support.service.ServiceHelper.startService(inFlight);
        try {
            PushReport report = (PushReport) world.runtime.run("push", new PushRequest(DemoWorld.PROD, "dvb_customerimport", file.toString(),
                    Optional.empty(), WriteMode.UPSERT, Optional.of(KEY), false, false, Optional.empty(), Optional.empty(), 10, false));

            assertThat(report.written()).as(report.summary()).isEqualTo(300);
        } finally {
            camel.getManagementStrategy().removeEventNotifier(inFlight);
            org.apache.camel.support.service.ServiceHelper.stopService(inFlight);
        }
        assertThat(inFlight.requests.get()).as("the check saw the bulk requests").isGreaterThanOrEqualTo(30);
        assertThat(inFlight.mostAtOnce.get()).as("batches did go in parallel").isGreaterThan(1);
        assertThat(inFlight.clashes).as("keys carried by two requests in flight at once").isEmpty();
        for (int k = 0; k < 25; k++) {
            int last = 300 - ((300 - k) % 25);
            String number = "K-" + k;
            assertThat(customers().rows().stream().filter(r -> number.equals(r.get("dvb_customernumber"))).toList())
                    .singleElement().satisfies(r -> assertThat(r.get("dvb_name")).as(number).isEqualTo("Version " + last));
        }
    }

    /** Watches the bulk requests the route sends: which keys are in flight, and any key sent while already in flight. */
    static final class KeysInFlight extends org.apache.camel.support.EventNotifierSupport {
        final java.util.Set<String> keys = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.Set<String> clashes = java.util.concurrent.ConcurrentHashMap.newKeySet();
        final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger atOnce = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger mostAtOnce = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public void notify(org.apache.camel.spi.CamelEvent event) {
            if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeSendingEvent sending && bulk(sending.getEndpoint())) {
                requests.incrementAndGet();
                sending.getExchange().setProperty(BATCH_ROWS, sending.getExchange().getIn().getBody(List.class));
                mostAtOnce.accumulateAndGet(atOnce.incrementAndGet(), Math::max);
                for (String key : keys(sending.getExchange())) {
                    if (!keys.add(key)) {
                        clashes.add(key);
                    }
                }
            } else if (event instanceof org.apache.camel.spi.CamelEvent.ExchangeSentEvent sent && bulk(sent.getEndpoint())) {
                atOnce.decrementAndGet();
                keys.removeAll(keys(sent.getExchange()));
            }
        }

        private static boolean bulk(org.apache.camel.Endpoint endpoint) {
            return endpoint.getEndpointUri().startsWith("dataverse://upsertMultiple") || endpoint.getEndpointUri().startsWith("dataverse:upsertMultiple");
        }

        /** The batch's keys, read off the exchange's property (the body is the results after the send). */
        private static java.util.Set<String> keys(org.apache.camel.Exchange exchange) {
            @SuppressWarnings("unchecked")
            List<io.dvbridge.dataverse.BulkRow> rows = exchange.getProperty(BATCH_ROWS, List.class);
            java.util.Set<String> keys = new java.util.HashSet<>();
            rows.forEach(row -> PushRun.keyText(row).ifPresent(keys::add));
            return keys;
        }
    }

    @Test
    void json_lines_rows_land_with_their_value_kinds() throws Exception {
        Path file = dir.resolve("rows.jsonl");
        Files.writeString(file, "{\"dvb_customernumber\":\"L-1\",\"dvb_name\":\"One\",\"dvb_loyaltypoints\":5,\"dvb_ismember\":true}\n"
                + "{\"dvb_customernumber\":\"L-2\",\"dvb_name\":\"Two\",\"dvb_loyaltypoints\":\"6\",\"dvb_ismember\":false}\n");
        PushReport loose = (PushReport) world.runtime.run("push", request(file, KEY));
        assertThat(loose.written()).as(loose.summary()).isEqualTo(2);
        assertThat(rowsWithPrefix("L-")).isEqualTo(2);
        assertThat(customers().rows().stream().filter(r -> "L-1".equals(r.get("dvb_customernumber"))).findFirst().orElseThrow()
                .get("dvb_ismember")).isEqualTo(true);
    }

    @Test
    void the_sample_lands_its_valid_rows_and_reports_the_three_bad_ones() {
        PushReport report = (PushReport) world.runtime.run("push", request(Path.of("config/samples/customers.csv"), KEY));

        assertThat(report.summary()).contains("8 read");
        assertThat(report.read()).isEqualTo(8);
        assertThat(report.rejected()).as(report.summary()).isEqualTo(3);
        assertThat(report.written()).as(report.summary()).isEqualTo(5);
        StoredRow ada = customers().rows().stream().filter(r -> "C-0001".equals(r.get("dvb_customernumber"))).findFirst().orElseThrow();
        assertThat(ada.get("dvb_loyaltypoints")).isEqualTo(1200);
    }
}
