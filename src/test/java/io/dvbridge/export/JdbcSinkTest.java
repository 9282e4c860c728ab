package io.dvbridge.export;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SQL sinks on the machine's real PostgreSQL and MariaDB, and H2: what lands, in which version, and what is committed together. */
class JdbcSinkTest {

    private static final RetryRule ONCE = new RetryRule(1, Duration.ZERO);
    private final TableLayout layout = new TableLayout(Pages.CONTACTS, "dvb");

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void a_full_page_then_inserts_updates_and_deletes_land_and_an_older_version_never_overwrites(TestTargets target) throws SQLException {
        String url = target.freshUrl();
        try (JdbcSink sink = JdbcSink.open(url, "", "", "dvb", true, Clock.systemUTC())) {
            SchemaChange change = sink.prepare(layout, true);
            assertThat(change.created()).isTrue();
            List<Map<String, Object>> rows = IntStream.rangeClosed(1, 1200).mapToObj(n -> Pages.contact(n, 100 + n, "Contact " + n)).toList();
            PageOutcome first = sink.write(layout, Pages.page(rows, List.of(), "next-1"), "contoso/contacts", ONCE, false);
            assertThat(first.upserted()).isEqualTo(1200);
            assertThat(first.failures()).isEmpty();

            PageOutcome second = sink.write(layout, Pages.page(List.of(Pages.contact(1, 5000, "Renamed"), Pages.contact(2, 50, "Stale"),
                    Pages.contact(3001, 5001, "New")), List.of(Pages.id(4).toString(), Pages.id(7777).toString()), "delta-1"),
                    "contoso/contacts", ONCE, false);
            assertThat(second.deleted()).isEqualTo(1);
            assertThat(sink.checkpoint("contoso/contacts")).contains("delta-1");

            TableChecksum contents = sink.contents(layout);
            assertThat(contents.count()).isEqualTo(1200);
        }
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            assertThat(text(s, "SELECT fullname FROM dvb_contact WHERE id = " + idLiteral(target, 1))).isEqualTo("Renamed");
            assertThat(text(s, "SELECT fullname FROM dvb_contact WHERE id = " + idLiteral(target, 2))).isEqualTo("Contact 2");
            assertThat(text(s, "SELECT parentcustomerid_entitytype FROM dvb_contact WHERE id = " + idLiteral(target, 3001))).isEqualTo("account");
            assertThat(text(s, "SELECT description FROM dvb_contact WHERE id = " + idLiteral(target, 3001)))
                    .isEqualTo("line one\nline \"two\", with a comma");
            assertThat(text(s, "SELECT COUNT(*) FROM dvb_contact WHERE id = " + idLiteral(target, 4))).isEqualTo("0");
            assertThat(text(s, "SELECT COUNT(*) FROM dvb_deletelog")).isEqualTo("1");
            assertThat(text(s, "SELECT localizedlabel FROM dvb_statemetadata WHERE " + q(target, "state") + " = 1")).isEqualTo("Inactive");
            assertThat(text(s, "SELECT COUNT(*) FROM dvb_targetmetadata WHERE attributename = 'parentcustomerid'")).isEqualTo("2");
        }
    }

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void a_page_whose_checkpoint_cannot_be_saved_leaves_neither_its_rows_nor_its_position(TestTargets target) {
        try (JdbcSink sink = JdbcSink.open(target.freshUrl(), "", "", "dvb", false, Clock.systemUTC())) {
            sink.prepare(layout, true);
            sink.write(layout, Pages.page(List.of(Pages.contact(1, 1, "One")), List.of(), "next-1"), "k", ONCE, false);
            String tooLongKey = "k".repeat(500);
            assertThatThrownBy(() -> sink.write(layout, Pages.page(List.of(Pages.contact(2, 2, "Two")), List.of(Pages.id(1).toString()),
                    "next-2"), tooLongKey, ONCE, false)).isInstanceOf(SinkException.class).hasMessageContaining("dvb_contact");
            assertThat(sink.contents(layout).count()).isEqualTo(1);
            assertThat(sink.checkpoint("k")).contains("next-1");
            // the same page again, as a resumed run sends it: nothing is doubled
            sink.write(layout, Pages.page(List.of(Pages.contact(2, 2, "Two")), List.of(), "next-2"), "k", ONCE, false);
            sink.write(layout, Pages.page(List.of(Pages.contact(2, 2, "Two")), List.of(), "next-2"), "k", ONCE, false);
            assertThat(sink.contents(layout).count()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void a_record_the_column_cannot_hold_goes_to_the_failures_and_its_neighbours_land(TestTargets target) {
        try (JdbcSink sink = JdbcSink.open(target.freshUrl(), "", "", "dvb", false, Clock.systemUTC())) {
            sink.prepare(layout, true);
            Map<String, Object> tooLong = new java.util.HashMap<>(Pages.contact(2, 2, "x".repeat(101)));
            Map<String, Object> badDate = new java.util.HashMap<>(Pages.contact(3, 3, "Three"));
            badDate.put("birthdate", "not a date");
            PageOutcome outcome = sink.write(layout, Pages.page(List.of(Pages.contact(1, 1, "One"), tooLong, badDate,
                    Pages.contact(4, 4, "Four")), List.of(), "next-1"), "k", new RetryRule(2, Duration.ZERO), false);
            assertThat(outcome.upserted()).isEqualTo(2);
            assertThat(outcome.failures()).extracting(ExportFailure::recordId).containsExactlyInAnyOrder(Pages.id(2).toString(),
                    Pages.id(3).toString());
            assertThat(outcome.failures()).allSatisfy(f -> {
                assertThat(f.entity()).isEqualTo("contact");
                assertThat(f.changeType()).isEqualTo("Upsert");
                assertThat(f.row()).containsKey("contactid");
            });
            assertThat(outcome.failures()).anySatisfy(f -> assertThat(f.failureReason()).contains("column birthdate"));
            assertThat(sink.checkpoint("k")).contains("next-1");
        }
    }

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void an_added_column_is_altered_in_and_a_removed_one_is_kept_and_reported(TestTargets target) {
        String url = target.freshUrl();
        try (JdbcSink sink = JdbcSink.open(url, "", "", "dvb", false, Clock.systemUTC())) {
            sink.prepare(layout, true);
            List<SourceColumn> columns = new ArrayList<>(Pages.CONTACTS.columns());
            columns.removeIf(c -> c.name().equals("description"));
            columns.add(new SourceColumn("jobtitle", ColumnKind.TEXT, "String", 100));
            SourceTable changed = new SourceTable("contact", "contacts", "contactid", false, true, columns, List.of());
            SchemaChange change = sink.prepare(new TableLayout(changed, "dvb"), true);
            assertThat(change.created()).isFalse();
            assertThat(change.added()).containsExactly("jobtitle");
            assertThat(change.removed()).containsExactly("description");
            assertThat(change.needsInitialSync()).isTrue();
            assertThat(sink.prepare(new TableLayout(changed, "dvb"), true).statements()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void a_full_read_deletes_the_rows_it_did_not_see_and_checksums_agree(TestTargets target) {
        try (JdbcSink sink = JdbcSink.open(target.freshUrl(), "", "", "dvb", false, Clock.systemUTC())) {
            sink.prepare(layout, true);
            sink.write(layout, Pages.page(IntStream.rangeClosed(1, 10).mapToObj(n -> Pages.contact(n, n, "C" + n)).toList(), List.of(),
                    "delta-old"), "k", ONCE, false);
            TableChecksum source = new TableChecksum();
            PageOutcome one = sink.write(layout, Pages.page(IntStream.rangeClosed(1, 5).mapToObj(n -> Pages.contact(n, n, "C" + n)).toList(),
                    List.of(), "next-1"), "k", ONCE, true);
            assertThat(sink.fullReadPending(layout)).isTrue();
            PageOutcome two = sink.write(layout, Pages.page(List.of(Pages.contact(8, 80, "C8")), List.of(), "delta-new"), "k", ONCE, true);
            source.add(one.read());
            source.add(two.read());
            KeyRepair repair = sink.finishFullRead(layout);
            assertThat(repair).isEqualTo(new KeyRepair(4, 0));
            assertThat(sink.fullReadPending(layout)).isFalse();
            TableChecksum contents = sink.contents(layout);
            assertThat(contents.count()).isEqualTo(6);
            assertThat(contents.value()).isEqualTo(source.value());
        }
    }

    @ParameterizedTest
    @EnumSource(TestTargets.class)
    void an_elastic_table_is_keyed_by_id_and_partition(TestTargets target) {
        SourceTable elastic = new SourceTable("msdynci_customerprofile", "msdynci_customerprofiles", "msdynci_customerprofileid", true,
                true, List.of(new SourceColumn("msdynci_identifier", ColumnKind.TEXT, "String", 200)), List.of());
        TableLayout layout = new TableLayout(elastic, "");
        assertThat(layout.key()).containsExactly("id", "partitionid");
        try (JdbcSink sink = JdbcSink.open(target.freshUrl(), "", "", "", false, Clock.systemUTC())) {
            sink.prepare(layout, true);
            Map<String, Object> row = Map.of("msdynci_customerprofileid", Pages.id(1).toString(), "partitionid", "p1",
                    "msdynci_identifier", "CustomerProfile|1", "versionnumber", 7L);
            Map<String, Object> samePartition = Map.of("msdynci_customerprofileid", Pages.id(1).toString(), "partitionid", "p1",
                    "msdynci_identifier", "CustomerProfile|1b", "versionnumber", 8L);
            Map<String, Object> other = Map.of("msdynci_customerprofileid", Pages.id(1).toString(), "partitionid", "p2",
                    "msdynci_identifier", "CustomerProfile|2", "versionnumber", 9L);
            sink.write(layout, Pages.page(List.of(row, samePartition, other), List.of(), "d"), "k", ONCE, false);
            assertThat(sink.contents(layout).count()).isEqualTo(2);
        }
    }

    private static String idLiteral(TestTargets target, int n) {
        return "'" + Pages.id(n) + "'";
    }

    private static String q(TestTargets target, String name) {
        return target == TestTargets.MARIADB ? "`" + name + "`" : "\"" + name + "\"";
    }

    private static String text(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
