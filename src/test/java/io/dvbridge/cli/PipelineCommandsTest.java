package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.fixture.AppSpec;
import io.dvbridge.sandbox.fixture.Fixture;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.fixture.TenantSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipelines of docs/pipelines.md run their dvbridge commands here, exactly as written, against the sandbox
 * tenant: the test reads each YAML file, takes the steps that run {@code bin/dvbridge}, gives the pipeline's
 * variables the values a variable group would hold for the sandbox, and runs each command in a JVM of its own
 * (the CLI's main, with the step's environment, in the checkout) as the agent would. The one addition is what
 * tells the sandbox from a real tenant: its authority, its Power BI URL and its certificate, per environment.
 */
class PipelineCommandsTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Pattern AZURE_MACRO = Pattern.compile("\\$\\(([A-Za-z0-9_.]+)\\)");
    private static final Pattern GITHUB_EXPRESSION = Pattern.compile("\\$\\{\\{\\s*([A-Za-z0-9_.]+)\\s*}}");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    private static final Pattern ENVIRONMENT_URL = Pattern.compile("DVBRIDGE_ENVIRONMENT_([A-Z0-9_]+)_DATAVERSE_URL");

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private Path ca;
    private String tenantId;
    private AppSpec app;

    /** A command of a pipeline step, its environment, and the step's whole script. */
    record PipelineCommand(List<String> args, Map<String, String> environment, String script) {
    }

    /** How a command ended: its exit code and what it printed. */
    record Outcome(int exitCode, String printed) {
    }

    @BeforeEach
    void startSandbox() throws IOException {
        Fixture demo = FixtureLoader.load(PROJECT.resolve("config/sandbox/demo.yaml"));
        sandbox = Sandbox.start(demo, SandboxOptions.defaults());
        ca = dir.resolve("sandbox-ca.pem");
        Files.writeString(ca, sandbox.certificatePem());
        TenantSpec tenant = demo.tenants().get(0);
        tenantId = tenant.id();
        app = tenant.apps().stream().filter(a -> !a.secrets().isEmpty()).findFirst().orElseThrow();
    }

    @AfterEach
    void stopSandbox() {
        sandbox.close();
    }

    @Test
    void the_azure_devops_pipeline_migrates_dev_to_prod_in_one_step_and_publishes_its_report() throws Exception {
        Path staging = Files.createDirectories(dir.resolve("a/staging"));
        Map<String, String> variables = new LinkedHashMap<>(Map.of(
                "TenantId", tenantId,
                "DevEnvironmentUrl", sandbox.dataverseOrigin("contoso-dev"),
                "DevClientId", app.clientId(),
                "DevClientSecret", app.secrets().get(0),
                "ProdEnvironmentUrl", sandbox.dataverseOrigin("contoso-prod"),
                "ProdClientId", app.clientId(),
                "ProdClientSecret", app.secrets().get(0),
                "Build.ArtifactStagingDirectory", staging.toString(),
                "Agent.TempDirectory", Files.createDirectories(dir.resolve("a/temp")).toString()));
        Map<String, Object> pipeline = yaml("docs/pipelines/azure-pipelines.yml");
        assertThat(((Map<?, ?>) pipeline.get("pool")).get("vmImage")).isEqualTo("ubuntu-latest");
        List<Map<String, Object>> steps = list(pipeline.get("steps"));
        assertThat(steps).noneMatch(s -> String.valueOf(s.get("task")).startsWith("PowerPlatform") || String.valueOf(s.get("task")).startsWith("PowerShell"));

        List<PipelineCommand> commands = new ArrayList<>();
        for (Map<String, Object> step : steps) {
            if (step.get("script") != null) {
                commands.addAll(dvbridgeCommands(substitute((String) step.get("script"), AZURE_MACRO, variables),
                        resolve(strings(step.get("env")), v -> substitute(v, AZURE_MACRO, variables))));
            }
        }
        assertThat(commands).as("one dvbridge step replaces the seed's three").hasSize(1);
        PipelineCommand migrate = commands.get(0);
        assertThat(migrate.args()).startsWith("migrate");

        Outcome outcome = run(migrate);

        assertThat(outcome.exitCode()).as("the demo's duplicated and missing reports need a person: " + outcome.printed()).isEqualTo(2);
        assertThat(migrate.script()).containsPattern("(?s)\\n\\s*2\\)[^)]*SucceededWithIssues");
        Path report = staging.resolve("report.json");
        assertReport(report, "migrate", 2);
        Map<String, Object> publish = steps.stream().filter(s -> String.valueOf(s.get("task")).startsWith("PublishPipelineArtifact")).findFirst().orElseThrow();
        assertThat(publish.get("condition")).as("the report is published when the step fails too").isEqualTo("succeededOrFailed()");
        assertThat(Path.of(substitute(String.valueOf(((Map<?, ?>) publish.get("inputs")).get("targetPath")), AZURE_MACRO, variables))).isEqualTo(report);
        assertThat(dir.resolve("a/temp/dvbridge-runs")).as("runs are kept outside the checkout").isDirectory();
    }

    @Test
    void the_github_actions_workflow_checks_prod_then_migrates_and_uploads_both_reports() throws Exception {
        Path runnerTemp = Files.createDirectories(dir.resolve("g/temp"));
        Map<String, String> expressions = new LinkedHashMap<>(Map.of(
                "vars.TENANT_ID", tenantId,
                "vars.DEV_ENVIRONMENT_URL", sandbox.dataverseOrigin("contoso-dev"),
                "vars.DEV_CLIENT_ID", app.clientId(),
                "secrets.DEV_CLIENT_SECRET", app.secrets().get(0),
                "vars.PROD_ENVIRONMENT_URL", sandbox.dataverseOrigin("contoso-prod"),
                "vars.PROD_CLIENT_ID", app.clientId(),
                "secrets.PROD_CLIENT_SECRET", app.secrets().get(0),
                "runner.temp", runnerTemp.toString()));
        Map<String, Object> workflow = yaml("docs/pipelines/github-actions.yml");
        Map<String, Object> job = list(((Map<?, ?>) workflow.get("jobs")).values().stream().toList()).get(0);
        assertThat(job.get("runs-on")).isEqualTo("ubuntu-latest");
        Map<String, String> jobEnvironment = resolve(strings(job.get("env")), v -> substitute(v, GITHUB_EXPRESSION, expressions));
        jobEnvironment.put("RUNNER_TEMP", runnerTemp.toString());

        List<PipelineCommand> commands = new ArrayList<>();
        List<Map<String, Object>> steps = list(job.get("steps"));
        for (Map<String, Object> step : steps) {
            if (step.get("run") != null) {
                Map<String, String> environment = new LinkedHashMap<>(jobEnvironment);
                environment.putAll(resolve(strings(step.get("env")), v -> substitute(v, GITHUB_EXPRESSION, expressions)));
                commands.addAll(dvbridgeCommands(substitute((String) step.get("run"), GITHUB_EXPRESSION, expressions), environment));
            }
        }
        assertThat(commands).extracting(c -> c.args().get(0)).containsExactly("check", "migrate");

        Outcome checked = run(commands.get(0));
        assertThat(checked.exitCode()).as("the demo app holds every privilege the schema's migration needs: " + checked.printed()).isZero();
        assertReport(runnerTemp.resolve("check.json"), "check", 0);

        Outcome migrated = run(commands.get(1));
        assertThat(migrated.exitCode()).as(migrated.printed()).isEqualTo(2);
        assertThat(commands.get(1).script()).containsPattern("(?m)^\\s*2\\).*::warning");
        assertReport(runnerTemp.resolve("report.json"), "migrate", 2);

        Map<String, Object> upload = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("actions/upload-artifact")).findFirst().orElseThrow();
        assertThat(upload.get("if")).isEqualTo("always()");
        String uploaded = substitute(String.valueOf(((Map<?, ?>) upload.get("with")).get("path")), GITHUB_EXPRESSION, expressions);
        assertThat(uploaded.lines().map(String::strip).map(Path::of)).containsExactlyInAnyOrder(runnerTemp.resolve("check.json"), runnerTemp.resolve("report.json"));
    }

    private void assertReport(Path report, String job, int exitCode) throws IOException {
        assertThat(report).isRegularFile();
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.path("job").asText()).isEqualTo(job);
        assertThat(json.path("exitCode").asInt()).isEqualTo(exitCode);
        assertThat(Files.readString(report)).as("no secret in the report").doesNotContain(app.secrets().get(0));
    }

    /** The lines of a script that run bin/dvbridge, continuation lines joined, up to a shell operator. */
    private static List<PipelineCommand> dvbridgeCommands(String script, Map<String, String> environment) {
        List<PipelineCommand> commands = new ArrayList<>();
        String joined = script.replace("\\\n", " ");
        for (String line : joined.lines().map(String::strip).toList()) {
            if (line.startsWith("bin/dvbridge ")) {
                String command = line.split("\\s(\\|\\||&&|;|\\|)\\s")[0];
                List<String> words = words(command.substring("bin/dvbridge ".length()), environment);
                commands.add(new PipelineCommand(words, environment, script));
            }
        }
        return commands;
    }

    /** Shell words: whitespace-separated, double quotes grouping, $VAR and ${VAR} expanded from the environment. */
    private static List<String> words(String command, Map<String, String> environment) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (char c : command.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (Character.isWhitespace(c) && !quoted) {
                if (any) {
                    words.add(expand(word.toString(), environment));
                    word.setLength(0);
                    any = false;
                }
            } else {
                word.append(c);
                any = true;
            }
        }
        if (any) {
            words.add(expand(word.toString(), environment));
        }
        return words;
    }

    private static String expand(String word, Map<String, String> environment) {
        return substitute(word, SHELL_VARIABLE, environment);
    }

    /** Replaces each reference; a reference with no value fails the test, naming it. */
    private static String substitute(String text, Pattern reference, Map<String, String> values) {
        Matcher m = reference.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            assertThat(value).as("a value for " + m.group()).isNotNull();
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> resolve(Map<String, String> raw, Function<String, String> resolver) {
        Map<String, String> resolved = new LinkedHashMap<>();
        raw.forEach((k, v) -> resolved.put(k, resolver.apply(v)));
        return resolved;
    }

    /**
     * Runs one command as the agent would: the CLI's main in a JVM of its own (the launcher's flags, the test's class
     * path standing in for the jar), in the checkout, with the step's environment plus the sandbox's authority,
     * Power BI URL and certificate for each environment it names.
     */
    private Outcome run(PipelineCommand command) throws IOException, InterruptedException {
        List<String> java = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classPath(), DvBridge.class.getName()));
        java.addAll(command.args());
        ProcessBuilder builder = new ProcessBuilder(java).directory(PROJECT.toFile()).redirectErrorStream(true);
        Path output = Files.createTempFile(dir, "output", ".txt");
        builder.redirectOutput(output.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("DVBRIDGE_") || name.startsWith("CAMEL_"));
        environment.putAll(command.environment());
        for (String name : command.environment().keySet()) {
            Matcher url = ENVIRONMENT_URL.matcher(name);
            if (url.matches()) {
                String prefix = "DVBRIDGE_ENVIRONMENT_" + url.group(1) + "_";
                environment.put(prefix + "AUTHORITY", sandbox.authority(tenantId));
                environment.put(prefix + "POWERBI_URL", sandbox.powerBiApiUrl());
                environment.put(prefix + "TRUST_PEM", ca.toString());
            }
        }
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("dvbridge " + command.args() + " did not end; it printed: " + Files.readString(output));
        }
        String printed = Files.readString(output, StandardCharsets.UTF_8);
        assertThat(printed).as("dvbridge " + String.join(" ", command.args())).doesNotContain(app.secrets().get(0)).doesNotContain("Exception");
        return new Outcome(process.exitValue(), printed);
    }

    /**
     * The test's class path without empty entries: surefire's ends with a separator, which a JVM reads as the
     * working directory, and the checkout's routes/ folder would then be loaded a second time.
     */
    private static String classPath() {
        return Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator)).filter(e -> !e.isBlank())
                .collect(Collectors.joining(File.pathSeparator));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String file) throws IOException {
        try (Reader reader = Files.newBufferedReader(PROJECT.resolve(file), StandardCharsets.UTF_8)) {
            return new Yaml().load(reader);
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return (List<Map<String, Object>>) value;
    }

    private static Map<String, String> strings(Object map) {
        Map<String, String> values = new LinkedHashMap<>();
        if (map instanceof Map<?, ?> m) {
            m.forEach((k, v) -> values.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        }
        return values;
    }
}
