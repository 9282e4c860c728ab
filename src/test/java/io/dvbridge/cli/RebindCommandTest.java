package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line as a CI/CD pipeline uses it: arguments in, summary and exit code out. */
class RebindCommandTest {

    @TempDir
    Path dir;

    record Result(int exitCode, String out, String err) {
    }

    Result run(String... args) throws Exception {
        Path config = dir.resolve("test.properties");
        Files.writeString(config, "dvbridge.runs.dir=" + dir.resolve("runs").toString().replace("\\", "/") + "\n");
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--config";
        all[args.length + 1] = config.toString();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = DvBridge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        int code = cli.execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void a_dry_run_prints_the_plan_writes_the_json_report_and_exits_2_for_rows_needing_attention() throws Exception {
        Path report = dir.resolve("report.json");
        Result r = run("rebind", "--environment", "contoso-prod", "--dry-run", "--report", report.toString(), "--no-color");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("DRY RUN").contains("Daily Summary").contains("AMBIGUOUS").contains("Escalations Trend")
                .doesNotContain("\u001B[");
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.at("/counts/planned").asInt()).isEqualTo(9);
        assertThat(json.at("/rebind/dryRun").asBoolean()).isTrue();
        assertThat(json.get("job").asText()).isEqualTo("rebind");
        assertThat(json.get("status").asText()).isEqualTo("NEEDS_ATTENTION");
        assertThat(json.get("exitCode").asInt()).isEqualTo(2);
        assertThat(dir.resolve("runs").resolve(json.get("runId").asText()).resolve("report.html")).as("--config wins over the defaults").exists();
    }

    @Test
    void a_run_where_every_row_is_settled_exits_0() throws Exception {
        Result r = run("rebind", "--environment", "contoso-prod", "--feature", "realtime");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Undo with: dvbridge rebind --environment contoso-prod --undo rebind-");
    }

    @Test
    void an_unknown_environment_is_a_usage_error_naming_the_configured_ones_in_one_line() throws Exception {
        Result r = run("rebind", "--environment", "contoso-qa");
        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.err()).contains("contoso-qa").contains("contoso-prod").doesNotContain("\tat ").doesNotContain("Exception");
        assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
    }

    @Test
    void a_migration_to_an_unknown_environment_is_refused_before_the_export_runs() throws Exception {
        Result r = run("migrate", "--from", "contoso-dev", "--to", "nope", "--schema", "config/schemas/analytics-reports.xml");
        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.err()).startsWith("dvbridge migrate: 'to' names no configured environment: 'nope'").doesNotContain("Exception");
        assertThat(dir.resolve("runs")).as("no run started, so no run folder").satisfiesAnyOf(
                runs -> assertThat(runs).doesNotExist(),
                runs -> assertThat(Files.list(runs).filter(p -> !p.getFileName().toString().startsWith("."))).isEmpty());
    }

    @Test
    void an_unknown_command_is_a_usage_error_not_a_success_with_warnings() throws Exception {
        Result r = run("exprt", "--environment", "contoso-prod");
        assertThat(r.exitCode()).isEqualTo(64);
        assertThat(r.err()).contains("exprt");
    }

    @Test
    void the_command_list_shows_each_commands_whole_summary() throws Exception {
        StringWriter out = new StringWriter();
        CommandLine cli = DvBridge.commandLine();
        cli.setOut(new PrintWriter(out, true));
        assertThat(cli.execute("--help")).isZero();
        assertThat(out.toString()).contains("rebind", "migrate", "data", "check", "run", "sandbox");
        out.toString().lines().filter(l -> l.matches("\\s{2}\\S+\\s{2,}.*")).forEach(line ->
                assertThat(line.strip()).as("a summary ends its sentence").endsWith("."));
    }

    @Test
    void check_reports_identity_privileges_and_workspace_access_and_exits_0_on_the_demo() throws Exception {
        Result r = run("check", "--environment", "contoso-prod");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("dataverse token and identity").contains("prvWritemsdyn_dataanalyticsreport")
                .contains("power bi workspace");
    }

    @Test
    void an_invalid_command_line_exits_64() throws Exception {
        assertThat(run("rebind", "--environment", "contoso-prod", "--feature", "weekly").exitCode()).isEqualTo(64);
        assertThat(run("rebind").exitCode()).isEqualTo(64);
    }
}
