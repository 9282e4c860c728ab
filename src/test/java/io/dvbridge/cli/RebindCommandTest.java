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
        assertThat(json.get("dryRun").asBoolean()).isTrue();
        assertThat(dir.resolve("runs").resolve(json.get("runId").asText()).resolve("report.html")).as("--config wins over the defaults").exists();
    }

    @Test
    void a_run_where_every_row_is_settled_exits_0() throws Exception {
        Result r = run("rebind", "--environment", "contoso-prod", "--feature", "realtime");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(r.out()).contains("Undo with: dvbridge rebind --environment contoso-prod --undo rebind-");
    }

    @Test
    void an_unknown_environment_fails_with_exit_1_naming_the_configured_ones() throws Exception {
        Result r = run("rebind", "--environment", "contoso-qa");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("contoso-qa").contains("contoso-prod");
    }

    @Test
    void an_invalid_command_line_exits_64() throws Exception {
        assertThat(run("rebind", "--environment", "contoso-prod", "--feature", "weekly").exitCode()).isEqualTo(64);
        assertThat(run("rebind").exitCode()).isEqualTo(64);
    }
}
