package io.dvbridge.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Folders of CSV, JSON Lines and Parquet, read back with readers that did not write them (H2's CSVREAD; Jackson's tree
 * model; DuckDB's read_parquet, its own C++ Parquet reader).
 */
class FolderSinkTest {

    private static final RetryRule ONCE = new RetryRule(1, Duration.ZERO);
    private final TableLayout layout = new TableLayout(Pages.CONTACTS, "dvb");

    @TempDir
    Path folder;

    @ParameterizedTest
    @EnumSource(FileFormat.class)
    void full_then_incremental_pages_read_back_as_the_source_holds_them(FileFormat format) throws Exception {
        List<Map<String, Object>> source = IntStream.rangeClosed(1, 300).mapToObj(n -> Pages.contact(n, n, "Contact, \"" + n + "\"")).toList();
        try (FolderSink sink = new FolderSink(folder, "dvb", format, Clock.systemUTC())) {
            sink.prepare(layout, true);
            sink.write(layout, Pages.page(source.subList(0, 200), List.of(), "next-1"), "env/contacts", ONCE, false);
            // a part written but never listed (a kill before the manifest) is ignored and overwritten
            Files.writeString(folder.resolve("dvb_contact").resolve(String.format("part-00001-000002.%s", format.extension())), "garbage");
            sink.write(layout, Pages.page(source.subList(200, 300), List.of(), "delta-1"), "env/contacts", ONCE, false);
            sink.write(layout, Pages.page(List.of(Pages.contact(5, 999, "Renamed")), List.of(Pages.id(7).toString()), "delta-2"),
                    "env/contacts", ONCE, false);
            assertThat(sink.checkpoint("env/contacts")).contains("delta-2");
            TableChecksum contents = sink.contents(layout);
            assertThat(contents.count()).isEqualTo(299);
        }
        Map<String, Map<String, String>> table = readBack(format);
        assertThat(table).hasSize(299).doesNotContainKey(Pages.id(7).toString());
        assertThat(table.get(Pages.id(5).toString())).containsEntry("fullname", "Renamed").containsEntry("versionnumber", "999");
        Map<String, String> row = table.get(Pages.id(12).toString());
        assertThat(row).containsEntry("fullname", "Contact, \"12\"").containsEntry("description", "line one\nline \"two\", with a comma")
                .containsEntry("donotemail", "true").containsEntry("birthdate", "1980-04-04")
                .containsEntry("lastusedincampaign", "2026-05-01T08:15Z").containsEntry("parentcustomerid_entitytype", "account")
                .containsEntry("parentcustomerid", Pages.id(9012).toString());
        assertThat(new java.math.BigDecimal(row.get("creditlimit"))).isEqualByComparingTo("1234.56");
    }

    @Test
    void a_finished_full_read_replaces_the_parts_and_counts_the_rows_it_dropped() {
        try (FolderSink sink = new FolderSink(folder, "dvb", FileFormat.CSV, Clock.systemUTC())) {
            sink.prepare(layout, true);
            sink.write(layout, Pages.page(IntStream.rangeClosed(1, 10).mapToObj(n -> Pages.contact(n, n, "C")).toList(), List.of(), "d1"),
                    "k", ONCE, false);
            sink.write(layout, Pages.page(IntStream.rangeClosed(1, 6).mapToObj(n -> Pages.contact(n, n, "C")).toList(), List.of(), "n1"),
                    "k", ONCE, true);
            assertThat(sink.fullReadPending(layout)).isTrue();
            assertThat(sink.contents(layout).count()).isEqualTo(10);
            assertThat(sink.finishFullRead(layout)).isEqualTo(new KeyRepair(4, 0));
            assertThat(sink.contents(layout).count()).isEqualTo(6);
            assertThat(sink.checkpoint("k")).contains("n1");
        }
    }

    @Test
    void a_folder_of_another_format_is_refused_with_what_to_do() {
        try (FolderSink csv = new FolderSink(folder, "dvb", FileFormat.CSV, Clock.systemUTC())) {
            csv.prepare(layout, true);
        }
        try (FolderSink jsonl = new FolderSink(folder, "dvb", FileFormat.JSONL, Clock.systemUTC())) {
            assertThatThrownBy(() -> jsonl.prepare(layout, true)).isInstanceOf(SinkException.class).hasMessageContaining("--format csv");
        }
        assertThat(FileFormat.parse(" Parquet ")).isEqualTo(FileFormat.PARQUET);
        assertThatThrownBy(() -> FileFormat.parse("avro")).hasMessageContaining("csv, jsonl or parquet");
    }

    /** The table the manifest's parts add up to (last line per id wins, deletes remove), by id. */
    private Map<String, Map<String, String>> readBack(FileFormat format) throws IOException, SQLException {
        Path tableFolder = folder.resolve("dvb_contact");
        JsonNode manifest = new ObjectMapper().readTree(tableFolder.resolve("manifest.json").toFile());
        Map<String, Map<String, String>> table = new LinkedHashMap<>();
        for (JsonNode part : manifest.get("parts")) {
            for (Map<String, String> line : lines(tableFolder.resolve(part.get("file").asText()), format)) {
                if (line.get("isdelete").equalsIgnoreCase("true")) {
                    table.remove(line.get("id"));
                } else {
                    table.put(line.get("id"), line);
                }
            }
        }
        return table;
    }

    private static List<Map<String, String>> lines(Path file, FileFormat format) throws IOException, SQLException {
        List<Map<String, String>> lines = new ArrayList<>();
        if (format == FileFormat.JSONL) {
            ObjectMapper json = new ObjectMapper().enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                    .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));
            for (String text : Files.readAllLines(file)) {
                JsonNode node = json.readTree(text);
                Map<String, String> line = new HashMap<>();
                node.fields().forEachRemaining(e -> line.put(e.getKey(), e.getValue().isNull() ? null
                        : e.getValue().isBigDecimal() || e.getValue().isDouble() ? e.getValue().decimalValue().toPlainString() : e.getValue().asText()));
                lines.add(line);
            }
            return lines;
        }
        if (format == FileFormat.PARQUET) {
            try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
                 ResultSet rows = s.executeQuery("SELECT * FROM read_parquet('" + file.toAbsolutePath() + "')")) {
                while (rows.next()) {
                    Map<String, String> line = new HashMap<>();
                    for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                        Object value = rows.getObject(i);
                        // DuckDB hands timestamps with time zone in its session zone: the same instant, shown in UTC
                        line.put(rows.getMetaData().getColumnLabel(i), value instanceof java.time.OffsetDateTime t
                                ? t.withOffsetSameInstant(java.time.ZoneOffset.UTC).toString() : rows.getString(i));
                    }
                    lines.add(line);
                }
            }
            return lines;
        }
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:mem:"); Statement s = h2.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM CSVREAD('" + file.toAbsolutePath() + "', NULL, 'charset=UTF-8')")) {
            while (rows.next()) {
                Map<String, String> line = new HashMap<>();
                for (int i = 1; i <= rows.getMetaData().getColumnCount(); i++) {
                    line.put(rows.getMetaData().getColumnLabel(i).toLowerCase(java.util.Locale.ROOT), rows.getString(i));
                }
                lines.add(line);
            }
        }
        return lines;
    }
}
