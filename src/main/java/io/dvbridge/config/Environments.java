package io.dvbridge.config;

import java.util.Set;

/** The configured environments, looked up by name. Bound in the Camel registry as "environments". */
public interface Environments {

    /** @throws UnknownEnvironmentException naming the environments that do exist */
    DvEnvironment environment(String name);

    Set<String> names();
}
