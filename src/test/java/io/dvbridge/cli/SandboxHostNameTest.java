package io.dvbridge.cli;

import io.dvbridge.auth.TrustStores;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code dvbridge sandbox --host NAME} as docker-compose.yml runs it: a client in another container connects to
 * the service name, so the URLs the sandbox serves carry that name and its certificate names it. The client
 * verifies the host name against the certificate it was given to trust (no trust-all); here it connects to
 * 127.0.0.1 while presenting and checking the service's name, as a container's DNS would make it.
 */
class SandboxHostNameTest {

    private static final String TENANT_ID = "0d4c7b2e-61a5-4f3e-9b8d-2c1f0e9d8a7b";
    private static final String SERVICE = "sandbox.compose.test";

    @TempDir
    Path dir;

    private Thread command;

    @AfterEach
    void stop() throws InterruptedException {
        if (command != null) {
            command.interrupt();
            command.join(Duration.ofSeconds(30).toMillis());
        }
    }

    @Test
    void the_sandbox_serves_urls_with_its_host_name_and_its_certificate_passes_verification_for_that_name_only() throws Exception {
        Path fixture = dir.resolve("world.yaml");
        Files.writeString(fixture, """
                tenants:
                  - id: %s
                    name: contoso
                    apps:
                      - {clientId: 7a0f3c2e-9b1d-4e6f-8a2c-5d4b3e2f1a0c, name: app, secrets: ["host-name-test-secret"]}
                environments:
                  - {name: contoso-dev, tenant: contoso}
                """.formatted(TENANT_ID));
        Path ca = dir.resolve("ca").resolve("sandbox-ca.pem");
        Files.createDirectories(ca.getParent());
        int port = start(fixture, ca);
        SSLContext trust = TrustStores.withExtraTrust(ca);

        String discovery = get(trust, SERVICE, port, "/contoso/v2.0/.well-known/openid-configuration");
        assertThat(discovery).startsWith("HTTP/1.1 200")
                .contains("https://" + SERVICE + ":" + port + "/" + TENANT_ID + "/oauth2/v2.0/token");
        assertThat(get(trust, "localhost", port, "/contoso/v2.0/.well-known/openid-configuration"))
                .as("the loopback names stay on the certificate, for health checks inside the container").startsWith("HTTP/1.1 200");
        assertThatThrownBy(() -> get(trust, "elsewhere.compose.test", port, "/contoso/v2.0/.well-known/openid-configuration"))
                .as("a name the certificate does not carry fails verification").isInstanceOf(SSLHandshakeException.class);
        assertThat(Files.list(ca.getParent()).toList()).as("only the certificate, written whole").containsExactly(ca);
    }

    private int start(Path fixture, Path ca) throws InterruptedException {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream originalOut = System.out;
        command = new Thread(() -> DvBridge.commandLine().execute("sandbox", "--fixture", fixture.toString(), "--port", "0",
                "--bind", "127.0.0.1", "--host", SERVICE, "--ca-out", ca.toString()), "dvbridge-sandbox-host-name");
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            command.start();
            Pattern listening = Pattern.compile("dvbridge sandbox listening on https://" + Pattern.quote(SERVICE) + ":(\\d+)");
            for (int i = 0; i < 600; i++) {
                String out = printed.toString(StandardCharsets.UTF_8);
                Matcher m = listening.matcher(out);
                if (out.contains("Stop with Ctrl+C.") && m.find()) {
                    assertThat(out).contains("Dataverse contoso-dev https://" + SERVICE + ":");
                    return Integer.parseInt(m.group(1));
                }
                Thread.sleep(100);
            }
            throw new AssertionError("the sandbox did not start: " + printed.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(originalOut);
        }
    }

    /** One HTTPS GET to 127.0.0.1:port as a client that resolved {@code host} there: SNI and host name verification for {@code host}. */
    private static String get(SSLContext trust, String host, int port, String path) throws IOException {
        try (Socket plain = new Socket("127.0.0.1", port);
             SSLSocket tls = (SSLSocket) trust.getSocketFactory().createSocket(plain, host, port, true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setServerNames(List.of(new SNIHostName(host)));
            tls.setSSLParameters(parameters);
            tls.startHandshake();
            tls.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + host + ":" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            tls.getOutputStream().flush();
            return new String(tls.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
