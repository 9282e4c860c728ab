package io.dvbridge.http;

import io.dvbridge.config.Environments;
import org.apache.camel.CamelContext;

import java.util.Optional;

/** Finds the configured {@link Environments} in the Camel registry: by the name "environments", else the only one by type. */
public final class EnvironmentLookup {

    public static final String BEAN_NAME = "environments";

    private EnvironmentLookup() {
    }

    public static Environments find(CamelContext context, String component) {
        return Optional.ofNullable(context.getRegistry().lookupByNameAndType(BEAN_NAME, Environments.class))
                .or(() -> Optional.ofNullable(context.getRegistry().findSingleByType(Environments.class)))
                .orElseThrow(() -> new IllegalStateException("The " + component + " component needs an "
                        + Environments.class.getName() + " bean in the Camel registry (named '" + BEAN_NAME
                        + "' or the only one of its type), or set on the component as 'environments'"));
    }
}
