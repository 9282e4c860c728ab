package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.auth.TrustStores;
import io.dvbridge.cli.DvBridge;
import io.dvbridge.http.HttpClients;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code dvbridge sandbox} as a user starts it: serves the fixture over HTTPS, writes its CA, stops when interrupted. */
class SandboxCommandTest {

    private static final Pattern LISTENING = Pattern.compile("dvbridge sandbox listening on (https://127\\.0\\.0\\.1:\\d+)");
    private static final Pattern DEV_AT_ROOT = Pattern.compile("Dataverse contoso-dev\\s+(https://127\\.0\\.0\\.1:\\d+/api/data/v9\\.2/)");

    @TempDir
    Path dir;

    private static String await(ByteArrayOutputStream out, Path ca) throws InterruptedException {
        for (int i = 0; i < 600; i++) {
            Matcher m = LISTENING.matcher(out.toString(StandardCharsets.UTF_8));
            if (Files.isRegularFile(ca) && m.find() && out.toString(StandardCharsets.UTF_8).contains("Stop with Ctrl+C.")) {
                return m.group(1);
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the sandbox command did not start; it printed: " + out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void the_sandbox_command_serves_discovery_and_each_environment_at_its_own_origin_over_https_and_stops_when_interrupted() throws Exception {
        Path fixture = dir.resolve("world.yaml");
        Files.writeString(fixture, """
                tenants:
                  - id: %s
                    name: contoso
                    apps:
                      - {clientId: %s, name: cli-app, secrets: ["%s"]}
                environments:
                  - {name: contoso-dev, tenant: contoso}
                """.formatted(AcceptanceWorld.TENANT_ID, AcceptanceWorld.CLIENT_ID, AcceptanceWorld.SECRET));
        Path ca = dir.resolve("sandbox-ca.pem");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        AtomicInteger exitCode = new AtomicInteger(-1);
        Thread command = new Thread(() -> exitCode.set(DvBridge.commandLine().execute(
                "sandbox", "--fixture", fixture.toString(), "--port", "0", "--bind", "0.0.0.0", "--ca-out", ca.toString())),
                "dvbridge-sandbox-command");
        String baseUrl;
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            command.start();
            baseUrl = await(printed, ca);
        } finally {
            System.setOut(originalOut);
        }

        HttpClient client = HttpClients.forEnvironment(TrustStores.withExtraTrust(ca), Duration.ofSeconds(10));
        URI discovery = URI.create(baseUrl + "/contoso/v2.0/.well-known/openid-configuration");
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(discovery).GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode config = new ObjectMapper().readTree(response.body());
        assertThat(config.path("token_endpoint").asText()).isEqualTo(baseUrl + "/" + AcceptanceWorld.TENANT_ID + "/oauth2/v2.0/token");
        assertThat(Files.readString(ca)).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(baseUrl + "/orgs/contoso-dev/api/data/v9.2/");
        Matcher devAtRoot = DEV_AT_ROOT.matcher(printed.toString(StandardCharsets.UTF_8));
        assertThat(devAtRoot.find()).as("the environment's own origin is printed: " + printed).isTrue();
        assertThat(devAtRoot.group(1)).doesNotStartWith(baseUrl);
        HttpResponse<String> challenge = client.send(HttpRequest.newBuilder(URI.create(devAtRoot.group(1))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(challenge.statusCode()).as("the Web API at the root asks for a token").isEqualTo(401);
        assertThat(challenge.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(h -> assertThat(h).startsWith("Bearer"));

        // The command waits for a JVM shutdown hook; interrupting its thread is how a test stops it.
        command.interrupt();
        command.join(Duration.ofSeconds(30).toMillis());

        assertThat(command.isAlive()).isFalse();
        assertThat(exitCode.get()).as("a stopped sandbox ends normally").isZero();
        HttpClient fresh = HttpClients.forEnvironment(TrustStores.withExtraTrust(ca), Duration.ofSeconds(5));
        assertThatThrownBy(() -> fresh.send(HttpRequest.newBuilder(discovery).GET().build(), HttpResponse.BodyHandlers.discarding()))
                .as("the port is closed once the command has stopped").isInstanceOf(IOException.class);
    }
}
