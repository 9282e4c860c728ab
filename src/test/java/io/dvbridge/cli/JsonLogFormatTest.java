package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JSON log format as an operator switches it on ({@code DVBRIDGE_LOG_FORMAT=json} for a real {@code dvbridge}
 * process): every stderr line is one JSON event, the run's lines carry its run id, and no token appears.
 */
class JsonLogFormatTest {

    @TempDir
    Path dir;

    @Test
    void a_dry_run_logs_one_json_event_per_line_each_with_the_run_id_and_no_token() throws Exception {
        Path runs = dir.resolve("runs");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", classPath(), "io.dvbridge.cli.DvBridge", "rebind", "--environment", "contoso-prod", "--dry-run")
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        builder.environment().put("DVBRIDGE_LOG_FORMAT", "json");
        builder.environment().put("DVBRIDGE_RUNS_DIR", runs.toString());
        Process process = builder.start();
        assertThat(process.waitFor(5, TimeUnit.MINUTES)).as("dvbridge ended").isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("err.txt"))).isEqualTo(2);

        List<String> lines = Files.readAllLines(dir.resolve("err.txt"), StandardCharsets.UTF_8);
        String runId;
        try (var folders = Files.list(runs)) {
            runId = folders.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("rebind-")).findFirst().orElseThrow();
        }
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> events = new ArrayList<>();
        for (String line : lines) {
            events.add(json.readTree(line));
        }
        assertThat(events).as("the launcher's and the route's lines").hasSizeGreaterThanOrEqualTo(2)
                .allSatisfy(event -> {
                    assertThat(event.get("time").asText()).endsWith("Z");
                    assertThat(event.has("level") && event.has("logger") && event.has("message")).isTrue();
                });
        assertThat(events).filteredOn(event -> event.get("logger").asText().startsWith("io.dvbridge"))
                .isNotEmpty().allSatisfy(event -> assertThat(event.path("runId").asText()).isEqualTo(runId));
        assertThat(events).anySatisfy(event -> assertThat(event.path("routeId").asText()).isEqualTo("rebind"));
        assertThat(String.join("\n", lines)).as("no bearer token or JWT").doesNotContain("eyJ", "Bearer ", "client_secret");
    }

    @Test
    void the_option_wins_over_the_environment_and_a_wrong_environment_value_is_refused() {
        assertThat(LogFormat.chosen(new String[]{"rebind", "--log-format", "json"}, Map.of("DVBRIDGE_LOG_FORMAT", "text")))
                .contains(LogFormat.json);
        assertThat(LogFormat.chosen(new String[]{"run", "--log-format=TEXT"}, Map.of())).contains(LogFormat.text);
        assertThat(LogFormat.chosen(new String[]{"run"}, Map.of("DVBRIDGE_LOG_FORMAT", "json"))).contains(LogFormat.json);
        assertThat(LogFormat.chosen(new String[]{"run"}, Map.of())).isEqualTo(Optional.empty());
        assertThatThrownBy(() -> LogFormat.chosen(new String[]{"run"}, Map.of("DVBRIDGE_LOG_FORMAT", "xml")))
                .hasMessageContaining("DVBRIDGE_LOG_FORMAT=xml").hasMessageContaining("text or json");
    }

    @Test
    void the_commands_accept_the_option_and_refuse_an_unknown_format_with_the_usage_code() {
        assertThat(DvBridge.commandLine().execute("run", "--log-format", "yaml", "--help")).isEqualTo(DvBridge.USAGE_ERROR);
        assertThat(DvBridge.commandLine().execute("rebind", "--log-format", "json", "--help")).isZero();
    }

    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(Collectors.joining(File.pathSeparator));
    }
}
