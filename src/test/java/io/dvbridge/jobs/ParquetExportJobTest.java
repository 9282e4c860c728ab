package io.dvbridge.jobs;

import io.dvbridge.sandbox.dataverse.Column;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;
import io.dvbridge.store.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export job with {@code --format parquet}, through the camel-main bootstrap the CLI uses, from the sandbox over
 * HTTPS (500-row pages, so several parts per table) into a folder of Parquet parts, read back with DuckDB (its own Parquet reader, not dvbridge's) and compared value by value with the source.
 */
class ParquetExportJobTest {

    @TempDir
    static Path runs;
    static DemoWorld world;

    @BeforeAll
    static void start() {
        world = new DemoWorld(runs);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void every_value_of_the_exported_tables_reads_back_from_the_parquet_parts_with_its_type() throws Exception {
        Path folder = runs.resolve("lake");
        TableExportRequest request = new TableExportRequest(DemoWorld.PROD, "msdynci_unifiedactivity,msdynci_customerprofile",
                folder.toString(), "parquet", "pq", false, false, false, 500, "reload", 3, 5, false);
        TableExportReport report = (TableExportReport) world.runtime.run("export", request);
        assertThat(report.status()).as(report.toString()).isEqualTo(RunStatus.SUCCEEDED);

        Set<String> compared = new HashSet<>();
        compared.addAll(compare(folder.resolve("pq_msdynci_unifiedactivity"), "msdynci_unifiedactivities"));
        compared.addAll(compare(folder.resolve("pq_msdynci_customerprofile"), "msdynci_customerprofiles"));
        assertThat(compared).contains("msdynci_activitytimestamp", "msdynci_customerprofileid", "msdynci_birthdate",
                "msdynci_description", "msdynci_fullname");
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
             ResultSet types = s.executeQuery("DESCRIBE SELECT * FROM read_parquet('"
                     + folder.resolve("pq_msdynci_unifiedactivity").toAbsolutePath() + "/*.parquet')")) {
            Map<String, String> type = new HashMap<>();
            while (types.next()) {
                type.put(types.getString("column_name"), types.getString("column_type"));
            }
            assertThat(type).containsEntry("msdynci_activitytimestamp", "TIMESTAMP WITH TIME ZONE").containsEntry("versionnumber", "BIGINT")
                    .containsEntry("isdelete", "BOOLEAN").containsEntry("sinkcreatedon", "TIMESTAMP WITH TIME ZONE");
        }
    }

    /** Every source row against its line in the parts (one full read: a line per row); returns the columns compared. */
    private static Set<String> compare(Path tableFolder, String entitySet) throws Exception {
        Table source = world.sandbox.environment(DemoWorld.PROD).data().tableBySet(entitySet).orElseThrow();
        Set<String> compared = new HashSet<>();
        int lines = 0;
        try (Connection duck = DriverManager.getConnection("jdbc:duckdb:"); Statement s = duck.createStatement();
             ResultSet rows = s.executeQuery("SELECT * FROM read_parquet('" + tableFolder.toAbsolutePath() + "/*.parquet')")) {
            ResultSetMetaData meta = rows.getMetaData();
            Set<String> fileColumns = new HashSet<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                fileColumns.add(meta.getColumnLabel(i));
            }
            while (rows.next()) {
                lines++;
                StoredRow row = source.row(java.util.UUID.fromString(rows.getString("id"))).orElseThrow();
                assertThat(rows.getBoolean("isdelete")).isFalse();
                assertThat(rows.getLong("versionnumber")).isEqualTo(row.version());
                for (Column column : source.schema().columns()) {
                    // the row version is compared above (the sandbox keeps it beside the values)
                    if (!fileColumns.contains(column.name()) || column.name().equals(source.schema().primaryId())
                            || column.name().equals("versionnumber")) {
                        continue;
                    }
                    Object expected = row.get(column.valueProperty());
                    Object actual = rows.getObject(column.name());
                    String where = entitySet + " " + row.id() + " " + column.name();
                    if (expected == null) {
                        assertThat(actual).as(where).isNull();
                    } else if (column.dateOnly()) {
                        LocalDate date = expected instanceof Instant i ? LocalDate.ofInstant(i, ZoneOffset.UTC) : LocalDate.parse(expected.toString());
                        assertThat(actual).as(where).isEqualTo(date);
                    } else if (expected instanceof Instant instant) {
                        assertThat(((OffsetDateTime) actual).toInstant()).as(where).isEqualTo(instant);
                    } else {
                        assertThat(String.valueOf(actual)).as(where).isEqualTo(expected.toString());
                    }
                    compared.add(column.name());
                }
            }
        }
        assertThat(lines).isEqualTo(source.size());
        return compared;
    }
}
