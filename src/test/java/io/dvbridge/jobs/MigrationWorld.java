package io.dvbridge.jobs;

import io.dvbridge.cli.JobRuntime;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A sandbox world of two environments built from a fixture written in the test, started through the
 * same camel-main bootstrap as the CLI. The tenant block is the demo tenant's (sandbox-only secret).
 */
final class MigrationWorld implements AutoCloseable {

    static final String TENANT = """
            tenants:
              - id: 6f1c2b9a-3d4e-4f50-8a61-7b2c3d4e5f60
                name: contoso
                apps:
                  - clientId: 3b7e1f4a-9c2d-4e8f-a1b3-5d6c7e8f9a0b
                    name: dvbridge-demo
                    secrets: ["sandbox-only-demo-secret"]
            """;

    final JobRuntime runtime;
    final Sandbox sandbox;
    final Path dir;

    MigrationWorld(Path dir, String environmentsYaml, String... environments) {
        this(dir, environmentsYaml, SandboxOptions.defaults(), environments);
    }

    MigrationWorld(Path dir, String environmentsYaml, SandboxOptions options, String... environments) {
        this(dir, environmentsYaml, options, Map.of(), environments);
    }

    /** With {@code properties} overriding configuration (e.g. a limit). */
    MigrationWorld(Path dir, String environmentsYaml, SandboxOptions options, Map<String, String> properties, String... environments) {
        this.dir = dir;
        try {
            Path fixture = dir.resolve("fixture.yaml");
            Files.writeString(fixture, TENANT + environmentsYaml);
            Map<String, String> overrides = new java.util.HashMap<>(properties);
            overrides.putAll(Map.of("dvbridge.runs.dir", dir.resolve("runs").toString(),
                    "dvbridge.sandbox.fixture", fixture.toString(),
                    "dvbridge.sandbox.environments", String.join(",", environments)));
            runtime = JobRuntime.start(overrides, Optional.empty(), Optional.of(options));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        sandbox = runtime.sandbox().orElseThrow();
    }

    Table table(String environment, String entitySet) {
        return sandbox.environment(environment).data().tableBySet(entitySet).orElseThrow();
    }

    List<StoredRow> rows(String environment, String entitySet) {
        return table(environment, entitySet).rows();
    }

    long writeRequests() {
        return sandbox.requestLog().count(e -> !e.method().equals("GET") && e.path().contains("/api/data/"));
    }

    @Override
    public void close() {
        runtime.close();
    }
}
