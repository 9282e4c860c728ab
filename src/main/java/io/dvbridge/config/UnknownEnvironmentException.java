package io.dvbridge.config;

import java.util.Set;
import java.util.TreeSet;

/** A request named an environment that configuration does not define. */
public class UnknownEnvironmentException extends RuntimeException {
    public UnknownEnvironmentException(String name, Set<String> known) {
        super("No environment named '" + name + "' is configured (configured: " + String.join(", ", new TreeSet<>(known)) + ")");
    }
}
