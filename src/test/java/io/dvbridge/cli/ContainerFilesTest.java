package io.dvbridge.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.config.PropertiesEnvironments;
import io.dvbridge.sandbox.fixture.AppSpec;
import io.dvbridge.sandbox.fixture.EnvironmentSpec;
import io.dvbridge.sandbox.fixture.Fixture;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.fixture.TenantSpec;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * There is no Docker daemon where dvbridge is built and tested, so the image is never built here. This test
 * reads the Dockerfile and docker-compose.yml as Docker would and checks that what they copy, run, mount, expose
 * and configure exists in the project: commands and options of the CLI, files, the jar's name, ports, the
 * environment variables configuration reads, the services they name, and a non-root user.
 */
class ContainerFilesTest {

    private static final Path PROJECT = Path.of("").toAbsolutePath();
    private static final Pattern ENV_PLACEHOLDER = Pattern.compile("\\{\\{env:([A-Za-z0-9_]+)(?::[^}]*)?}}");
    private static final Pattern COMPOSE_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_]+)(?::?-([^}]*))?}");

    private static List<Instruction> dockerfile;
    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    /** One Dockerfile instruction, continuation lines joined. */
    record Instruction(String keyword, String arguments) {
    }

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void readFiles() throws IOException {
        dockerfile = parseDockerfile(Files.readString(PROJECT.resolve("Dockerfile")));
        try (Reader reader = Files.newBufferedReader(PROJECT.resolve("docker-compose.yml"))) {
            compose = new Yaml().load(reader);
        }
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void the_image_is_built_by_maven_on_java_17_and_runs_on_a_java_17_runtime() {
        List<Instruction> froms = all("FROM");
        assertThat(froms).hasSizeGreaterThanOrEqualTo(2);
        assertThat(froms.get(0).arguments()).isEqualTo("maven:3.9-eclipse-temurin-17 AS build");
        assertThat(froms.get(froms.size() - 1).arguments()).isEqualTo("eclipse-temurin:17-jre");
        assertThat(runtimeStage()).noneMatch(i -> i.keyword().equals("RUN") && i.arguments().contains("mvn"));
        // Dependencies are resolved from pom.xml alone before the sources are copied, so that layer survives source edits.
        List<Instruction> build = buildStage();
        int pomCopied = indexOf(build, "COPY", "pom.xml");
        int dependencies = indexOf(build, "RUN", "dependency:go-offline");
        int sources = indexOf(build, "COPY", "src");
        assertThat(pomCopied).isLessThan(dependencies);
        assertThat(dependencies).isLessThan(sources);
    }

    @Test
    void what_the_build_copies_exists_and_the_jar_it_ships_is_the_one_maven_makes() throws Exception {
        for (Instruction copy : buildStage()) {
            if (copy.keyword().equals("COPY")) {
                List<String> words = words(copy.arguments());
                for (String source : words.subList(0, words.size() - 1)) {
                    assertThat(PROJECT.resolve(source)).as("COPY " + source).exists();
                }
            }
        }
        String jar = "target/" + shadedJarName();
        Instruction shipped = runtimeStage().stream().filter(i -> i.keyword().equals("COPY") && i.arguments().startsWith("--from=build"))
                .findFirst().orElseThrow();
        String buildDir = buildStage().stream().filter(i -> i.keyword().equals("WORKDIR")).map(Instruction::arguments).findFirst().orElseThrow();
        assertThat(words(shipped.arguments()).get(1)).isEqualTo(buildDir + "/" + jar);
        assertThat(words(shipped.arguments()).get(2)).as("the launcher looks for dvbridge.jar beside bin/").isEqualTo(launcherHome() + "/dvbridge.jar");
        Instruction launcher = runtimeStage().stream().filter(i -> i.keyword().equals("COPY") && i.arguments().startsWith("bin/"))
                .findFirst().orElseThrow();
        assertThat(PROJECT.resolve(words(launcher.arguments()).get(0))).isRegularFile().isExecutable();
    }

    @Test
    void the_image_runs_the_launcher_as_a_user_that_is_not_root_and_makes_its_archive_at_build_time() {
        String user = last("USER").arguments();
        assertThat(user.split(":")[0]).isNotIn("0", "root");
        int userIndex = runtimeStage().indexOf(last("USER"));
        assertThat(runtimeStage().subList(userIndex, runtimeStage().size())).noneMatch(i -> i.keyword().equals("USER") && i != last("USER"));
        assertThat(json(last("ENTRYPOINT").arguments())).containsExactly(launcherHome() + "/bin/dvbridge");
        assertCliAccepts(json(last("CMD").arguments()));
        // The training run of the class-data archive: the launcher with a CLI command, into the folder it is told to use.
        Instruction training = runtimeStage().stream().filter(i -> i.keyword().equals("RUN") && i.arguments().contains(".jsa")).findFirst().orElseThrow();
        Matcher run = Pattern.compile("(?<![/\\w-])dvbridge ((?:-?-?[a-z]+ ?)+)").matcher(training.arguments());
        assertThat(run.find()).isTrue();
        assertCliAccepts(List.of(run.group(1).strip().split(" ")));
        String cdsDir = envOfImage().get("DVBRIDGE_CDS_DIR");
        assertThat(training.arguments()).contains(cdsDir + "/dvbridge-java");
        assertThat(launcherVariables()).contains("DVBRIDGE_CDS_DIR");
    }

    @Test
    void the_image_exposes_the_api_port_and_checks_the_health_route_with_a_key_configuration_reads() throws Exception {
        String port = packagedDefaults().getProperty("camel.server.port").strip();
        assertThat(last("EXPOSE").arguments()).isEqualTo(port);
        String health = last("HEALTHCHECK").arguments();
        assertThat(health).contains("${CAMEL_SERVER_PORT:-" + port + "}").contains(apiPath("/health"));
        assertThat(variablesIn(health, Pattern.compile("\\$\\{([A-Z0-9_]+)"))).allSatisfy(v -> assertThat(variablesConfigurationReads()).contains(v));
    }

    @Test
    void every_service_runs_a_command_the_cli_has_with_options_it_accepts() {
        for (Map.Entry<String, Map<String, Object>> service : dvbridgeServices().entrySet()) {
            List<String> command = strings(service.getValue().get("command"));
            assertThat(command).as(service.getKey()).isNotEmpty();
            assertCliAccepts(command);
        }
        assertThat(strings(services.get("dvbridge").get("command"))).containsExactly("run");
        assertThat(strings(services.get("sandbox").get("command")).get(0)).isEqualTo("sandbox");
    }

    @Test
    void mounted_files_exist_and_the_paths_commands_read_lie_in_a_mount_or_the_image() throws IOException {
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            for (String volume : strings(service.getValue().get("volumes"))) {
                String source = volume.split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(PROJECT.resolve(source).normalize()).as(service.getKey() + " mounts " + source).exists();
                } else {
                    assertThat(compose.get("volumes")).as("named volume " + source).asInstanceOf(
                            org.assertj.core.api.InstanceOfAssertFactories.MAP).containsKey(source);
                }
            }
        }
        List<String> sandbox = strings(services.get("sandbox").get("command"));
        Path fixture = hostPath("sandbox", option(sandbox, "--fixture")).orElseThrow();
        assertThat(fixture).isRegularFile();
        // The working directory's config/application.properties overrides the packaged defaults: that is where the mount goes.
        String firstLocation = JobRuntime.CONFIG_LOCATIONS.split(";")[0].replace("file:", "");
        assertThat(hostPath("dvbridge", workdir() + "/" + firstLocation)).contains(PROJECT.resolve("config/container/application.properties"));
        assertThat(hostPath("dvbridge", workdir() + "/" + packagedDefaults().getProperty("dvbridge.run.schemas-dir").strip()))
                .contains(PROJECT.resolve("config/schemas"));
    }

    @Test
    void the_dvbridge_service_reaches_the_sandbox_service_by_its_name_and_trusts_the_certificate_it_writes() throws Exception {
        List<String> sandbox = strings(services.get("sandbox").get("command"));
        String host = option(sandbox, "--host");
        int port = Integer.parseInt(option(sandbox, "--port"));
        assertThat(services).containsKey(host);
        assertThat(option(sandbox, "--bind")).isEqualTo("0.0.0.0");
        Properties config = containerConfig();
        assertThat(config.getProperty("dvbridge.sandbox.environments").strip()).as("no embedded sandbox").isEmpty();
        Fixture world = FixtureLoader.load(hostPath("sandbox", option(sandbox, "--fixture")).orElseThrow());
        Map<String, Map<String, String>> environments = environmentsOf(config);
        assertThat(environments).isNotEmpty();
        String caOut = option(sandbox, "--ca-out");
        for (Map.Entry<String, Map<String, String>> env : environments.entrySet()) {
            int index = world.environments().stream().map(EnvironmentSpec::name).toList().indexOf(env.getKey());
            assertThat(index).as(env.getKey() + " is in the sandbox's fixture").isNotNegative();
            EnvironmentSpec spec = world.environments().get(index);
            Map<String, String> values = env.getValue();
            assertThat(URI.create(values.get("dataverse-url"))).as(env.getKey() + " at its own origin")
                    .isEqualTo(URI.create("https://" + host + ":" + (port + 1 + index)));
            assertThat(values.get("powerbi-url")).isEqualTo("https://" + host + ":" + port + "/powerbi/v1.0/myorg/");
            TenantSpec tenant = world.tenants().stream().filter(t -> t.id().equalsIgnoreCase(spec.tenant()) || spec.tenant().equalsIgnoreCase(t.name()))
                    .findFirst().orElseThrow();
            assertThat(values.get("authority")).isEqualTo("https://" + host + ":" + port + "/" + tenant.id() + "/");
            AppSpec app = tenant.apps().stream().filter(a -> a.clientId().equals(values.get("client-id"))).findFirst().orElseThrow();
            Matcher secret = ENV_PLACEHOLDER.matcher(values.get("client-secret"));
            assertThat(secret.matches()).as("the secret comes from the environment").isTrue();
            assertThat(composeDefault("dvbridge", secret.group(1))).as("the demo's default is the fixture app's own secret")
                    .hasValueSatisfying(v -> assertThat(app.secrets()).contains(v));
            // The certificate file the sandbox writes reaches the dvbridge service through one named volume.
            assertThat(volumeOf("dvbridge", values.get("trust-pem"))).isPresent().isEqualTo(volumeOf("sandbox", caOut));
        }
    }

    @Test
    void environment_variables_of_the_dvbridge_services_are_ones_configuration_or_the_launcher_reads() throws Exception {
        Set<String> known = variablesConfigurationReads();
        for (Map.Entry<String, Map<String, Object>> service : dvbridgeServices().entrySet()) {
            Object environment = service.getValue().get("environment");
            if (environment instanceof Map<?, ?> map) {
                for (Object name : map.keySet()) {
                    assertThat(known).as(service.getKey() + " sets " + name).contains(name.toString());
                }
            }
        }
        assertThat(envOfImage().keySet()).allSatisfy(name -> assertThat(Set.of("PATH", "DVBRIDGE_CDS_DIR")).contains(name));
    }

    @Test
    void ports_and_health_checks_match_the_configuration_and_dependencies_name_services_that_report_health() throws Exception {
        String apiPort = containerConfig().getProperty("camel.server.port").strip();
        assertThat(strings(services.get("dvbridge").get("ports"))).allSatisfy(p -> assertThat(p).endsWith(":" + apiPort));
        String check = String.join(" ", strings(healthcheck("dvbridge").get("test")));
        assertThat(check).contains("http://127.0.0.1:" + apiPort + apiPath("/health"));
        assertThat(hostsAllowed()).as("the health check's Host header is allowed").contains("127.0.0.1:" + apiPort);
        Matcher key = Pattern.compile("\\$\\$([A-Z0-9_]+)").matcher(check);
        assertThat(key.find()).isTrue();
        String probeKey = key.group(1);
        Properties config = containerConfig();
        String keyName = config.stringPropertyNames().stream()
                .filter(k -> k.matches("dvbridge\\.api\\.keys\\.[a-z0-9-]+") && config.getProperty(k).contains("{{env:" + probeKey + "}}"))
                .findFirst().orElseThrow(() -> new AssertionError("no API key is read from " + probeKey));
        assertThat(config.getProperty(keyName + ".permissions")).contains("Runs.Read");
        assertThat(environmentOf("dvbridge")).containsKey(probeKey);

        String sandboxCheck = String.join(" ", strings(healthcheck("sandbox").get("test")));
        List<String> sandbox = strings(services.get("sandbox").get("command"));
        assertThat(sandboxCheck).contains("--cacert " + option(sandbox, "--ca-out")).contains("https://localhost:" + option(sandbox, "--port") + "/");

        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Object dependsOn = service.getValue().get("depends_on");
            if (dependsOn instanceof Map<?, ?> dependencies) {
                dependencies.forEach((name, condition) -> {
                    assertThat(services).as(service.getKey() + " depends on " + name).containsKey(name.toString());
                    if (condition.toString().contains("service_healthy")) {
                        assertThat(services.get(name.toString())).as(name + " has a health check").containsKey("healthcheck");
                    }
                });
            }
        }
        assertThat(services.get("dvbridge").get("depends_on")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsKeys("sandbox", "postgres", "rabbitmq");
    }

    @Test
    void the_state_store_and_broker_of_the_dvbridge_service_are_the_compose_services_with_their_credentials() throws Exception {
        Properties config = containerConfig();
        URI store = URI.create(config.getProperty("dvbridge.store.url").strip().substring("jdbc:".length()));
        assertThat(services).containsKey(store.getHost());
        Map<String, String> postgres = environmentOf(store.getHost());
        assertThat(store.getPath()).isEqualTo("/" + postgres.get("POSTGRES_DB"));
        assertThat(config.getProperty("dvbridge.store.username").strip()).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(envNameIn(config, "dvbridge.store.password").map(v -> environmentOf("dvbridge").get(v))).contains(postgres.get("POSTGRES_PASSWORD"));
        String broker = config.getProperty("dvbridge.rabbitmq.host").strip();
        assertThat(services).containsKey(broker);
        Map<String, String> rabbit = environmentOf(broker);
        assertThat(envNameIn(config, "dvbridge.rabbitmq.username").map(v -> environmentOf("dvbridge").get(v))).contains(rabbit.get("RABBITMQ_DEFAULT_USER"));
        assertThat(envNameIn(config, "dvbridge.rabbitmq.password").map(v -> environmentOf("dvbridge").get(v))).contains(rabbit.get("RABBITMQ_DEFAULT_PASS"));
        assertThat(config.getProperty("dvbridge.rabbitmq.port", packagedDefaults().getProperty("dvbridge.rabbitmq.port")).strip()).isEqualTo("5672");
    }

    @Test
    void the_container_configuration_names_only_keys_dvbridge_knows() throws Exception {
        Properties packaged = packagedDefaults();
        for (String key : containerConfig().stringPropertyNames()) {
            boolean environment = key.startsWith(PropertiesEnvironments.PREFIX)
                    && PropertiesEnvironments.PROPERTIES.contains(key.substring(key.lastIndexOf('.') + 1));
            boolean apiKey = key.startsWith("dvbridge.api.");
            assertThat(environment || apiKey || packaged.containsKey(key)).as(key).isTrue();
        }
    }

    // ---------------------------------------------------------------- reading the files

    private static List<Instruction> parseDockerfile(String text) {
        List<Instruction> instructions = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
                continue;
            }
            boolean continued = trimmed.endsWith("\\");
            current.append(continued ? trimmed.substring(0, trimmed.length() - 1).strip() : trimmed).append(' ');
            if (!continued) {
                String joined = current.toString().strip();
                int space = joined.indexOf(' ');
                instructions.add(new Instruction(joined.substring(0, space).toUpperCase(), joined.substring(space + 1).strip()));
                current.setLength(0);
            }
        }
        return instructions;
    }

    private static List<Instruction> stages(boolean runtime) {
        int lastFrom = 0;
        for (int i = 0; i < dockerfile.size(); i++) {
            if (dockerfile.get(i).keyword().equals("FROM")) {
                lastFrom = i;
            }
        }
        return runtime ? dockerfile.subList(lastFrom, dockerfile.size()) : dockerfile.subList(0, lastFrom);
    }

    private static List<Instruction> buildStage() {
        return stages(false);
    }

    private static List<Instruction> runtimeStage() {
        return stages(true);
    }

    private static List<Instruction> all(String keyword) {
        return dockerfile.stream().filter(i -> i.keyword().equals(keyword)).toList();
    }

    private static Instruction last(String keyword) {
        List<Instruction> found = runtimeStage().stream().filter(i -> i.keyword().equals(keyword)).toList();
        assertThat(found).as(keyword + " in the runtime stage").isNotEmpty();
        return found.get(found.size() - 1);
    }

    private static int indexOf(List<Instruction> stage, String keyword, String firstWord) {
        for (int i = 0; i < stage.size(); i++) {
            if (stage.get(i).keyword().equals(keyword) && stage.get(i).arguments().contains(firstWord)) {
                return i;
            }
        }
        throw new AssertionError(keyword + " " + firstWord + " not found");
    }

    private static List<String> words(String arguments) {
        return Arrays.stream(arguments.split("\\s+")).filter(w -> !w.startsWith("--") || w.startsWith("--from")).filter(w -> !w.isEmpty())
                .toList();
    }

    private static List<String> json(String array) {
        try {
            return Arrays.asList(new ObjectMapper().readValue(array, String[].class));
        } catch (IOException e) {
            throw new AssertionError("not a JSON array: " + array, e);
        }
    }

    private static String launcherHome() {
        String entry = json(last("ENTRYPOINT").arguments()).get(0);
        return entry.substring(0, entry.indexOf("/bin/dvbridge"));
    }

    private static String workdir() {
        return last("WORKDIR").arguments();
    }

    private static Map<String, String> envOfImage() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Instruction instruction : runtimeStage()) {
            if (instruction.keyword().equals("ENV")) {
                for (String pair : instruction.arguments().split("\\s+")) {
                    env.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
                }
            }
        }
        return env;
    }

    /** The shade plugin's finalName in pom.xml, plus .jar. */
    private static String shadedJarName() throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var pom = factory.newDocumentBuilder().parse(PROJECT.resolve("pom.xml").toFile());
        var plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (plugin.getElementsByTagName("artifactId").item(0).getTextContent().equals("maven-shade-plugin")) {
                return plugin.getElementsByTagName("finalName").item(0).getTextContent().strip() + ".jar";
            }
        }
        throw new AssertionError("pom.xml has no maven-shade-plugin");
    }

    private static void assertCliAccepts(List<String> args) {
        assertThatCode(() -> DvBridge.commandLine().parseArgs(args.toArray(String[]::new))).as("dvbridge " + String.join(" ", args))
                .doesNotThrowAnyException();
    }

    private static String apiPath(String path) throws IOException {
        List<Object> routes = new Yaml().load(Files.readString(PROJECT.resolve("routes/triggers.yaml")));
        for (Object element : routes) {
            if (element instanceof Map<?, ?> map && map.get("rest") instanceof Map<?, ?> rest) {
                for (Object verb : ((Map<?, ?>) rest).values()) {
                    if (verb instanceof List<?> operations && operations.stream().anyMatch(o -> o instanceof Map<?, ?> op && path.equals(op.get("path")))) {
                        return rest.get("path") + path;
                    }
                }
            }
        }
        throw new AssertionError("routes/triggers.yaml has no REST path " + path);
    }

    private static Map<String, Map<String, Object>> dvbridgeServices() {
        Map<String, Map<String, Object>> found = new LinkedHashMap<>();
        services.forEach((name, service) -> {
            if (service.containsKey("build") || String.valueOf(service.get("image")).startsWith("dvbridge")) {
                found.put(name, service);
            }
        });
        assertThat(found).containsKeys("dvbridge", "sandbox");
        return found;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> healthcheck(String service) {
        return (Map<String, Object>) services.get(service).get("healthcheck");
    }

    private static List<String> strings(Object value) {
        if (value == null) {
            return List.of();
        }
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(value.toString());
    }

    private static String option(List<String> command, String name) {
        int at = command.indexOf(name);
        assertThat(at).as(name + " in " + command).isNotNegative();
        return command.get(at + 1);
    }

    /** The project file behind a container path, through the service's bind mounts. */
    private static Optional<Path> hostPath(String service, String containerPath) {
        for (String volume : strings(services.get(service).get("volumes"))) {
            String[] parts = volume.split(":");
            if (parts[0].startsWith(".") && (containerPath.equals(parts[1]) || containerPath.startsWith(parts[1] + "/"))) {
                return Optional.of(PROJECT.resolve(parts[0]).resolve(containerPath.substring(parts[1].length()).replaceFirst("^/", "")).normalize());
            }
        }
        return Optional.empty();
    }

    /** The named volume holding a container path. */
    private static Optional<String> volumeOf(String service, String containerPath) {
        for (String volume : strings(services.get(service).get("volumes"))) {
            String[] parts = volume.split(":");
            if (!parts[0].startsWith(".") && containerPath.startsWith(parts[1] + "/")) {
                return Optional.of(parts[0]);
            }
        }
        return Optional.empty();
    }

    private static Map<String, String> environmentOf(String service) {
        Map<String, String> values = new LinkedHashMap<>();
        if (services.get(service).get("environment") instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                Matcher variable = COMPOSE_VARIABLE.matcher(String.valueOf(value));
                values.put(name.toString(), variable.matches() ? Optional.ofNullable(variable.group(2)).orElse("") : String.valueOf(value));
            });
        }
        return values;
    }

    /** The default a service's variable takes when the caller sets none ({@code ${X:-default}}). */
    private static Optional<String> composeDefault(String service, String variable) {
        return Optional.ofNullable(environmentOf(service).get(variable)).filter(v -> !v.isEmpty());
    }

    private static Optional<String> envNameIn(Properties config, String key) {
        Matcher m = ENV_PLACEHOLDER.matcher(config.getProperty(key, ""));
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static List<String> hostsAllowed() throws IOException {
        return Arrays.stream(containerConfig().getProperty("dvbridge.api.allowed-hosts").split(",")).map(String::strip).toList();
    }

    private static Properties packagedDefaults() throws IOException {
        return load(PROJECT.resolve("config/application.properties"));
    }

    private static Properties containerConfig() throws IOException {
        return load(PROJECT.resolve("config/container/application.properties"));
    }

    private static Properties load(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        return properties;
    }

    private static Map<String, Map<String, String>> environmentsOf(Properties config) {
        Map<String, Map<String, String>> byName = new LinkedHashMap<>();
        for (String key : config.stringPropertyNames()) {
            if (key.startsWith(PropertiesEnvironments.PREFIX)) {
                String rest = key.substring(PropertiesEnvironments.PREFIX.length());
                byName.computeIfAbsent(rest.substring(0, rest.indexOf('.')), n -> new LinkedHashMap<>())
                        .put(rest.substring(rest.indexOf('.') + 1), config.getProperty(key).strip());
            }
        }
        return byName;
    }

    /**
     * The variables dvbridge reads: one per key of its configuration files (EnvironmentOverrides), the
     * {@code {{env:X}}} placeholders in them, {@code DVBRIDGE_ENVIRONMENT_<NAME>_<PROPERTY>} for the environments
     * they name, and the launcher's own.
     */
    private static Set<String> variablesConfigurationReads() throws IOException {
        Set<String> names = new LinkedHashSet<>(launcherVariables());
        for (Properties config : List.of(packagedDefaults(), containerConfig())) {
            for (String key : config.stringPropertyNames()) {
                names.add(EnvironmentOverrides.variable(key));
                names.addAll(variablesIn(config.getProperty(key), ENV_PLACEHOLDER));
            }
            for (String environment : environmentsOf(config).keySet()) {
                for (String property : PropertiesEnvironments.PROPERTIES) {
                    names.add(EnvironmentOverrides.variable(PropertiesEnvironments.PREFIX + environment + "." + property));
                }
            }
        }
        return names;
    }

    /** The variables bin/dvbridge documents in its header and reads. */
    private static Set<String> launcherVariables() {
        try {
            String launcher = Files.readString(PROJECT.resolve("bin/dvbridge"));
            Set<String> documented = variablesIn(launcher.substring(launcher.indexOf("# Environment:"), launcher.indexOf("set -eu")),
                    Pattern.compile("^#\\s+([A-Z][A-Z0-9_]+)\\s", Pattern.MULTILINE));
            assertThat(documented).isNotEmpty().allSatisfy(v -> assertThat(launcher).contains("${" + v));
            return documented;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static Set<String> variablesIn(String text, Pattern pattern) {
        Set<String> found = new LinkedHashSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }
}
