package io.dvbridge.jobs;

import io.dvbridge.sandbox.dataverse.EnvironmentData;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;
import io.dvbridge.store.RunStatus;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The export job through the camel-main bootstrap the CLI uses, reading the demo fixture's Customer Insights tables
 * from the sandbox over HTTPS (change tracking through the dataverse:changes consumer) into real databases and files.
 */
class TableExportJobTest {

    static final String PROD = DemoWorld.PROD;
    static final String PROFILES = "msdynci_customerprofiles";

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

    static EnvironmentData data() {
        return world.sandbox.environment(PROD).data();
    }

    static TableExportReport export(TableExportRequest request) {
        return (TableExportReport) world.runtime.run("export", request);
    }

    @Test
    void every_customer_insights_table_lands_in_the_embedded_database_then_only_the_changes_follow() throws SQLException {
        TableExportReport first = export(TableExportRequest.of(PROD, "ci", "embedded").withPrefix("demo"));
        assertThat(first.status()).as(first.summary()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(first.tables()).hasSize(8).allSatisfy(t -> {
            assertThat(t.mode()).isEqualTo("full");
            assertThat(t.reconciliation().matches()).as(t.table()).isTrue();
        });
        Table profiles = data().tableBySet(PROFILES).orElseThrow();
        assertThat(result(first, "msdynci_customerprofile").upserted()).isEqualTo(profiles.size());

        StoredRow changed = profiles.rows().get(3);
        data().modify(PROFILES, changed.id(), Map.of("msdynci_city", "Reykjavik"));
        StoredRow removed = profiles.rows().get(5);
        data().remove(PROFILES, removed.id());

        TableExportReport second = export(TableExportRequest.of(PROD, "msdynci_customerprofile", "embedded").withPrefix("demo"));
        TableExportResult table = result(second, "msdynci_customerprofile");
        assertThat(table.mode()).isEqualTo("incremental");
        assertThat(table.upserted()).isEqualTo(1);
        assertThat(table.deleted()).isEqualTo(1);
        assertThat(table.reconciliation().sinkCount()).isEqualTo(profiles.size());
        try (Connection h2 = DriverManager.getConnection(((TableExportSteps) world.runtime.context().getRegistry()
                .lookupByName("tableExportSteps")).embeddedUrl()); Statement s = h2.createStatement()) {
            assertThat(text(s, "SELECT msdynci_city FROM demo_msdynci_customerprofile WHERE id = '" + changed.id() + "'")).isEqualTo("Reykjavik");
            assertThat(text(s, "SELECT COUNT(*) FROM demo_msdynci_customerprofile WHERE id = '" + removed.id() + "'")).isEqualTo("0");
        }
    }

    static TableExportResult result(TableExportReport report, String table) {
        return report.tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow(() -> new AssertionError(report.summary()));
    }

    static String text(Statement s, String sql) throws SQLException {
        try (ResultSet r = s.executeQuery(sql)) {
            r.next();
            return r.getString(1);
        }
    }
}
