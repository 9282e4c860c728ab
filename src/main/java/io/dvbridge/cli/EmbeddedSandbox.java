package io.dvbridge.cli;

import io.dvbridge.auth.Credential;
import io.dvbridge.auth.TokenSourceRegistry;
import io.dvbridge.config.DvEnvironment;
import io.dvbridge.config.EnvironmentConfigurationException;
import io.dvbridge.config.Environments;
import io.dvbridge.config.UnknownEnvironmentException;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.fixture.AppSpec;
import io.dvbridge.sandbox.fixture.EnvironmentSpec;
import io.dvbridge.sandbox.fixture.Fixture;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.fixture.TenantSpec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sandbox tenant started inside the dvbridge process (the embedded default) and the environments
 * it serves. Tokens come from its Entra ID through the same msal4j path as for a real tenant; the
 * client secret is the fixture's own, handed over in memory, so no credential sits in configuration.
 */
final class EmbeddedSandbox implements Environments, AutoCloseable {

    private final Sandbox sandbox;
    private final Map<String, DvEnvironment> environments = new LinkedHashMap<>();

    private EmbeddedSandbox(Sandbox sandbox, Fixture fixture, List<String> names, TokenSourceRegistry tokens) {
        this.sandbox = sandbox;
        for (String name : names) {
            EnvironmentSpec env = fixture.environments().stream().filter(e -> e.name().equals(name)).findFirst()
                    .orElseThrow(() -> new EnvironmentConfigurationException(List.of("sandbox environment '" + name
                            + "' is not in the sandbox fixture (it has: " + fixture.environments().stream().map(EnvironmentSpec::name).toList() + ")")));
            TenantSpec tenant = fixture.tenants().stream()
                    .filter(t -> t.id().equalsIgnoreCase(env.tenant()) || env.tenant().equalsIgnoreCase(t.name())).findFirst().orElseThrow();
            AppSpec app = tenant.apps().stream()
                    .filter(a -> !a.secrets().isEmpty())
                    .filter(a -> env.applicationUsers().isEmpty() || env.applicationUsers().contains(a.clientId()))
                    .findFirst()
                    .orElseThrow(() -> new EnvironmentConfigurationException(List.of("the sandbox fixture has no app with a secret for environment " + name)));
            var tokenSource = tokens.confidentialClient(sandbox.authority(tenant.id()), app.clientId(),
                    new Credential.ClientSecret(app.secrets().get(0)), sandbox.clientTls());
            // The root of the environment's own origin, as a real organization URL: each environment then has an
            // origin of its own, so the components' same-origin check keeps one environment's token off another's.
            environments.put(name, new DvEnvironment(name, URI.create(sandbox.dataverseOrigin(name)),
                    URI.create(sandbox.powerBiApiUrl()), DvEnvironment.POWER_BI_SCOPE, tokenSource, sandbox.clientTls()));
        }
    }

    /**
     * Starts the sandbox with {@code fixture} (a file, or else a resource of the same path inside the jar)
     * and exposes the named environments.
     */
    static EmbeddedSandbox start(String fixture, List<String> names, SandboxOptions options, TokenSourceRegistry tokens) {
        Fixture world = load(fixture);
        Sandbox sandbox = Sandbox.start(world, options);
        return new EmbeddedSandbox(sandbox, world, names, tokens);
    }

    private static Fixture load(String fixture) {
        Path file = Path.of(fixture);
        if (Files.isRegularFile(file)) {
            return FixtureLoader.load(file);
        }
        try (InputStream in = EmbeddedSandbox.class.getClassLoader().getResourceAsStream(fixture.replace('\\', '/'))) {
            if (in == null) {
                throw new EnvironmentConfigurationException(List.of("sandbox fixture " + fixture + " is neither a file nor packaged in dvbridge"));
            }
            return FixtureLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public DvEnvironment environment(String name) {
        DvEnvironment env = environments.get(name);
        if (env == null) {
            throw new UnknownEnvironmentException(name, names());
        }
        return env;
    }

    @Override
    public Set<String> names() {
        return environments.keySet();
    }

    @Override
    public void close() {
        sandbox.close();
    }
}
