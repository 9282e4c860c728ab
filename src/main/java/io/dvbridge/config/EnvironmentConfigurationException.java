package io.dvbridge.config;

import java.util.List;

/**
 * The configured environments do not hold together. The message lists every problem, each naming
 * the environment and the property (e.g. {@code dvbridge.environment.prod.client-id}); never a value
 * that could be a secret.
 */
public class EnvironmentConfigurationException extends RuntimeException {

    private final List<String> problems;

    public EnvironmentConfigurationException(List<String> problems) {
        super("Invalid environment configuration:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
