package io.dvbridge.jobs;

import io.dvbridge.cli.DvBridge;
import io.dvbridge.rebind.FeatureSelection;
import io.dvbridge.sandbox.dataverse.StoredRow;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static io.dvbridge.jobs.DemoWorld.PROD;
import static io.dvbridge.jobs.DemoWorld.PROD_HISTORICAL_WS;
import static org.assertj.core.api.Assertions.assertThat;

/** dvbridge migrate on the demo fixture, and the data commands' handling of hostile files, through the CLI's runtime. */
class MigrateJobTest {

    static final Path SCHEMA = Path.of("config/schemas/analytics-reports.xml");

    @TempDir
    Path dir;

    @Test
    void migrate_exports_imports_and_rebinds_so_prod_rows_point_at_prods_power_bi_reports() {
        try (DemoWorld world = new DemoWorld(dir)) {
            MigrateReport report = world.runtime.migrate(new MigrateRequest("contoso-dev", PROD, SCHEMA, FeatureSelection.ALL, 4, false));

            assertThat(report.steps()).extracting(MigrateReport.Step::name).containsExactly("export", "import", "rebind");
            assertThat(report.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(MigrateReport.StepStatus.DONE));
            assertThat(report.exportSection().orElseThrow().records()).isEqualTo(10); // the historical feature's rows
            assertThat(report.importSection().orElseThrow().results().failed()).isZero();
            StoredRow agent = world.row("Agent Performance");
            assertThat(agent.get("msdyn_workspaceid")).isEqualTo(PROD_HISTORICAL_WS);
            assertThat(agent.get("msdyn_reportid")).isEqualTo(world.powerBiReport(PROD_HISTORICAL_WS, "Agent Performance"));
            assertThat(report.exitCode()).isEqualTo(2); // the demo's ambiguous and missing reports need a person
            assertThat(world.runtime.runStore().exists(report.runId(), "report.json")).isTrue();
        }
    }

    @Test
    void a_dry_run_migration_shows_every_step_and_writes_nothing() {
        try (DemoWorld world = new DemoWorld(dir)) {
            world.sandbox.requestLog().clear();
            MigrateReport report = world.runtime.migrate(new MigrateRequest("contoso-dev", PROD, SCHEMA, FeatureSelection.ALL, 4, true));

            assertThat(report.steps()).allSatisfy(s -> assertThat(s.status()).isEqualTo(MigrateReport.StepStatus.DONE));
            assertThat(report.rebindSection().orElseThrow().counts().planned()).isEqualTo(9);
            assertThat(world.sandbox.requestLog().count(e -> !e.method().equals("GET") && e.path().contains("/api/data/"))).isZero();
        }
    }

    @Test
    void a_migration_stops_at_the_failed_step_and_names_it() throws Exception {
        Path schema = dir.resolve("broken.xml");
        Files.writeString(schema, "<entities><entity name=\"msdyn_dataanalyticsreport\"></entities>");
        try (DemoWorld world = new DemoWorld(dir)) {
            MigrateReport report = world.runtime.migrate(new MigrateRequest("contoso-dev", PROD, schema, FeatureSelection.ALL, 4, false));
            assertThat(report.failedStep().orElseThrow().name()).isEqualTo("export");
            assertThat(report.failedStep().orElseThrow().summary()).contains("broken.xml").contains("line 1");
            assertThat(report.steps()).filteredOn(s -> !s.name().equals("export"))
                    .allSatisfy(s -> assertThat(s.status()).isEqualTo(MigrateReport.StepStatus.NOT_RUN));
            assertThat(report.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void the_import_command_refuses_a_data_zip_whose_schema_declares_an_external_entity() throws Exception {
        Path folder = dir.resolve("evil");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("[Content_Types].xml"), io.dvbridge.cmt.DataZipWriter.CONTENT_TYPES);
        Files.writeString(folder.resolve("data_schema.xml"), "<?xml version=\"1.0\"?><!DOCTYPE e [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<entities><entity name=\"&x;\"/></entities>");
        Files.writeString(folder.resolve("data.xml"), "<entities/>");
        Path config = dir.resolve("test.properties");
        Files.writeString(config, "dvbridge.runs.dir=" + dir.resolve("runs") + "\n");
        StringWriter err = new StringWriter();
        var cli = DvBridge.commandLine();
        cli.setErr(new PrintWriter(err));
        int code = cli.execute("data", "import", "--environment", PROD, "--data", folder.toString(), "--config", config.toString());
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("data_schema.xml").containsIgnoringCase("DOCTYPE").doesNotContain("root:");
    }
}
