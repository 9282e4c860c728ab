package io.dvbridge.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Several sources of environments seen as one; a name may come from one source only. */
public final class CompositeEnvironments implements Environments {

    private final Map<String, Environments> owners = new LinkedHashMap<>();

    public CompositeEnvironments(Environments... sources) {
        for (Environments source : sources) {
            for (String name : source.names()) {
                if (owners.putIfAbsent(name, source) != null) {
                    throw new EnvironmentConfigurationException(java.util.List.of(
                            "environment '" + name + "' is defined twice (as a sandbox environment and in dvbridge.environment.*)"));
                }
            }
        }
    }

    @Override
    public DvEnvironment environment(String name) {
        Environments owner = owners.get(name);
        if (owner == null) {
            throw new UnknownEnvironmentException(name, names());
        }
        return owner.environment(name);
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(owners.keySet());
    }
}
