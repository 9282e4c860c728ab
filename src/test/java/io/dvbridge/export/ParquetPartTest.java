package io.dvbridge.export;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The Parquet types FolderSinkTest's contacts do not have, read back with DuckDB; a decimal that does not fit. */
class ParquetPartTest {

    private static final SourceTable MEASURES = new SourceTable("measure", "measures", "measureid", false, true, List.of(
            new SourceColumn("amount", ColumnKind.DECIMAL, "Decimal", 0),
            new SourceColumn("ratio", ColumnKind.DOUBLE, "Double", 0),
            new SourceColumn("total", ColumnKind.BIGINT, "BigInt", 0),
            new SourceColumn("code", ColumnKind.INTEGER, "Integer", 0)), List.of());

    @TempDir
    Path folder;

    @Test
    void negative_and_large_decimals_doubles_and_bigints_keep_their_values_and_a_decimal_too_fine_is_refused() throws Exception {
        TableLayout layout = new TableLayout(MEASURES, "");
        List<Map<String, Object>> rows = List.of(
                row(1, new BigDecimal("-12.5"), -0.25, Long.MIN_VALUE, Integer.MIN_VALUE),
                row(2, new BigDecimal("922337203685477.5807"), 1.0e300, Long.MAX_VALUE, Integer.MAX_VALUE),
                row(3, new BigDecimal("-0.0000000001"), null, 0L, null),
                row(4, new BigDecimal("1.00000000001"), 2.0, 1L, 1));
        PageOutcome outcome;
        try (FolderSink sink = new FolderSink(folder, "", FileFormat.PARQUET, Clock.systemUTC())) {
            sink.prepare(layout, true);
            outcome = sink.write(layout, Pages.page(rows, List.of(), "d1"), "k", new RetryRule(1, Duration.ZERO), false);
            assertThat(sink.contents(layout).count()).isEqualTo(3);
        }
        assertThat(outcome.upserted()).isEqualTo(3);
        assertThat(outcome.failures()).singleElement().satisfies(f -> {
            assertThat(f.recordId()).isEqualTo(Pages.id(4).toString());
            assertThat(f.failureReason()).contains("amount").contains("more than 10 decimal places");
        });
        Map<String, Map<String, Object>> read = new HashMap<>();
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
             ResultSet r = s.executeQuery("SELECT * FROM read_parquet('" + folder.toAbsolutePath() + "/measure/*.parquet')")) {
            while (r.next()) {
                Map<String, Object> line = new HashMap<>();
                for (String c : List.of("amount", "ratio", "total", "code")) {
                    line.put(c, r.getObject(c));
                }
                read.put(r.getString("id"), line);
            }
        }
        assertThat(read).hasSize(3);
        for (Map<String, Object> row : rows.subList(0, 3)) {
            Map<String, Object> line = read.get(row.get("measureid"));
            assertThat((BigDecimal) line.get("amount")).isEqualByComparingTo((BigDecimal) row.get("amount"));
            assertThat(line.get("ratio")).isEqualTo(row.get("ratio"));
            assertThat(line.get("total")).isEqualTo(row.get("total"));
            assertThat(line.get("code")).isEqualTo(row.get("code"));
        }
    }

    private static Map<String, Object> row(int n, BigDecimal amount, Double ratio, long total, Integer code) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("measureid", Pages.id(n).toString());
        row.put("amount", amount);
        row.put("ratio", ratio);
        row.put("total", total);
        row.put("code", code);
        row.put("versionnumber", (long) n);
        return row;
    }
}
