package io.dvbridge.sandbox.acceptance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.StoredRow;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * An off-the-shelf Dataverse client, the npm package {@code dynamics-web-api} (pinned in
 * src/test/node/dynamics-web-api/package-lock.json), runs unchanged against an environment served at the
 * root of its own origin: it resolves {@code api/data/v9.2} against the organization URL, counts through
 * {@code /$count}, pages, creates, reads, runs FetchXML and deletes. TLS stays verified: node trusts the
 * sandbox certificate through NODE_EXTRA_CA_CERTS.
 */
class DynamicsWebApiClientTest {

    private static final Path SCRIPT_DIR = Path.of("src/test/node/dynamics-web-api");
    private static final int ACCOUNTS = 23;
    private static AcceptanceWorld world;

    @TempDir
    static Path dir;

    @BeforeAll
    static void start() {
        world = AcceptanceWorld.start("""
                environments:
                  - name: contoso-dev
                    tenant: contoso
                    tables:
                      - logicalName: account
                        entitySetName: accounts
                        primaryName: name
                        generate: {count: %d, columns: {name: "Account {n}"}}
                """.formatted(ACCOUNTS), SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    @Test
    void the_npm_client_counts_pages_writes_and_fetches_against_the_root_of_the_environments_origin() throws Exception {
        assumeThat(commandWorks("node", "--version")).as("node is installed").isTrue();
        installClientIfMissing();
        Path ca = dir.resolve("sandbox-ca.pem");
        Files.writeString(ca, world.sandbox().certificatePem());
        String origin = world.sandbox().dataverseOrigin("contoso-dev");
        long mark = world.mark();

        JsonNode seen = new ObjectMapper().readTree(run(Map.of(
                "DATAVERSE_URL", origin,
                "TOKEN_URL", world.sandbox().authority(AcceptanceWorld.TENANT_NAME) + "oauth2/v2.0/token",
                "CLIENT_ID", AcceptanceWorld.CLIENT_ID,
                "CLIENT_SECRET", AcceptanceWorld.SECRET,
                "NODE_EXTRA_CA_CERTS", ca.toString())));

        List<StoredRow> rows = world.sandbox().environment("contoso-dev").data().tableBySet("accounts").orElseThrow().rows();
        long startingWithAccount1 = rows.stream().filter(r -> ((String) r.get("name")).startsWith("Account 1")).count();
        assertThat(seen.path("count").asInt()).isEqualTo(ACCOUNTS);
        assertThat(seen.path("countFiltered").asLong()).isEqualTo(startingWithAccount1);
        assertThat(seen.path("retrievedAll").asInt()).isEqualTo(ACCOUNTS);
        assertThat(seen.path("distinctRetrieved").asInt()).isEqualTo(ACCOUNTS);
        assertThat(seen.path("readName").asText()).isEqualTo("Created by dynamics-web-api");
        assertThat(seen.path("countAfterCreate").asInt()).isEqualTo(ACCOUNTS + 1);
        assertThat(seen.path("fetched").asInt()).isEqualTo(ACCOUNTS + 1);
        assertThat(seen.path("countAfterDelete").asInt()).isEqualTo(ACCOUNTS);
        assertThat(rows).hasSize(ACCOUNTS).noneMatch(r -> r.id().toString().equals(seen.path("created").asText()));
        assertThat(world.sandbox().requestLog().entries(e -> e.sequence() > mark && e.target().equals("contoso-dev")))
                .as("every Web API call went to the root of the environment's origin")
                .isNotEmpty()
                .allSatisfy(e -> assertThat(e.path()).startsWith("/api/data/v9.2/"))
                .anySatisfy(e -> assertThat(e.path()).isEqualTo("/api/data/v9.2/accounts/$count"));
    }

    /** The project's own setup step (also in .ci/run): the locked client, installed once. */
    private static void installClientIfMissing() throws IOException, InterruptedException {
        if (Files.isDirectory(SCRIPT_DIR.resolve("node_modules/dynamics-web-api"))) {
            return;
        }
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(SCRIPT_DIR.toFile())
                .redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(npm.waitFor()).as("npm ci in " + SCRIPT_DIR + ": " + output).isZero();
    }

    private static String run(Map<String, String> environment) throws IOException, InterruptedException {
        ProcessBuilder node = new ProcessBuilder("node", "check.js").directory(SCRIPT_DIR.toFile());
        node.environment().putAll(environment);
        node.redirectError(dir.resolve("node-stderr.txt").toFile());
        Process process = node.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
        }
        assertThat(process.exitValue()).as("node check.js; stderr: " + Files.readString(dir.resolve("node-stderr.txt"))).isZero();
        return stdout;
    }

    private static boolean commandWorks(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
