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

/**
 * `dvbridge profiles ...` as an operator's script uses it: the REST API's operations through the same service, on
 * the state store configuration names, JSON out and an exit code.
 */
class ProfilesCommandTest {

    @TempDir
    Path dir;
    final ObjectMapper json = new ObjectMapper();

    record Result(int exitCode, String out, String err) {
        JsonNode json() throws Exception {
            return new ObjectMapper().readTree(out);
        }
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
    void a_profile_is_created_from_a_file_activated_into_the_shared_schedule_tested_and_deleted() throws Exception {
        Path file = Files.writeString(dir.resolve("ci.json"), "{\"name\":\"ci-to-pg\",\"request\":{\"environment\":\"contoso-prod\","
                + "\"tables\":\"ci\"},\"interval\":\"30m\"}");

        Result created = run("profiles", "create", "--file", file.toString());
        Result activated = run("profiles", "activate", "ci-to-pg");
        Result tested = run("profiles", "test", "ci-to-pg");
        Result deleted = run("profiles", "delete", "ci-to-pg");
        Result gone = run("profiles", "show", "ci-to-pg");

        assertThat(created.exitCode()).as(created.err()).isZero();
        assertThat(created.json().get("interval").asText()).isEqualTo("PT30M");
        assertThat(activated.json().get("active").asBoolean()).isTrue();
        assertThat(activated.json().has("nextSync")).as("the schedule is in the store, for the running instances").isTrue();
        assertThat(tested.exitCode()).as(tested.out() + tested.err()).isZero();
        assertThat(tested.json().at("/connectivity/job").asText()).isEqualTo("check");
        assertThat(deleted.json().get("deleted").asBoolean()).isTrue();
        assertThat(gone.exitCode()).isEqualTo(64);
        assertThat(gone.err()).contains("No export profile 'ci-to-pg'").doesNotContain("Exception");
    }

    @Test
    void a_profile_with_a_mistake_is_a_usage_error_naming_the_field() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.json"), "{\"name\":\"bad\",\"request\":{\"environment\":\"contoso-qa\",\"tables\":\"ci\"}}");

        Result refused = run("profiles", "create", "--file", file.toString());

        assertThat(refused.exitCode()).isEqualTo(64);
        assertThat(refused.err()).contains("'environment' names no configured environment: 'contoso-qa'").doesNotContain("\tat ");
    }
}
