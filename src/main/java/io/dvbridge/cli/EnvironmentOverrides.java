package io.dvbridge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Environment variables as configuration, for containers and orchestrators: {@code CAMEL_SERVER_PORT}
 * sets {@code camel.server.port}, {@code DVBRIDGE_RUN_FILES_DIR} sets {@code dvbridge.run.files-dir}. A
 * variable names a key of the configuration files by upper-casing it and writing {@code _} for every
 * {@code .} and {@code -}. camel-main itself reads only some prefixes from the environment
 * ({@code camel.main.*}, {@code camel.component.*}, ...; {@code camel.server.*} is not among them in 4.17),
 * and a variable it cannot map to a key it knows would stop the start, so only keys the files name are mapped.
 */
final class EnvironmentOverrides {

    private EnvironmentOverrides() {
    }

    static Map<String, String> from(Map<String, String> environment, Optional<Path> configFile) {
        Map<String, String> byVariable = new TreeMap<>();
        for (String key : knownKeys(configFile)) {
            byVariable.put(variable(key), key);
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        environment.forEach((name, value) -> {
            String key = byVariable.get(name);
            if (key != null) {
                overrides.put(key, value);
            }
        });
        return overrides;
    }

    static String variable(String key) {
        return key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    private static Iterable<String> knownKeys(Optional<Path> configFile) {
        Properties all = new Properties();
        try (InputStream packaged = EnvironmentOverrides.class.getClassLoader().getResourceAsStream("config/application.properties")) {
            if (packaged != null) {
                all.load(new java.io.InputStreamReader(packaged, StandardCharsets.UTF_8));
            }
            for (Path file : configFile.map(f -> new Path[]{Path.of("config/application.properties"), f})
                    .orElse(new Path[]{Path.of("config/application.properties")})) {
                if (Files.isRegularFile(file)) {
                    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                        all.load(reader);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the configuration: " + e.getMessage(), e);
        }
        return all.stringPropertyNames();
    }
}
