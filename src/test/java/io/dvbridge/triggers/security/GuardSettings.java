package io.dvbridge.triggers.security;

import javax.net.ssl.SSLContext;
import java.nio.file.Path;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** Builds guards from a few properties, the way the runtime passes its configuration. */
final class GuardSettings {

    static final String CI_KEY = "ci-key-0123456789abcdefghijklmnopqrstuvwxyz";
    static final String DASHBOARD_KEY = "dashboard-key-ABCDEFGHIJKLMNOPQRSTUVWXYZ0123";

    private final Map<String, String> properties = new HashMap<>();

    static GuardSettings loopback() {
        return new GuardSettings().with("camel.server.host", "127.0.0.1").with("camel.server.port", "8080");
    }

    /** Two named keys: ci may do everything, dashboard only reads runs. */
    static GuardSettings withKeys() {
        return loopback().with("dvbridge.api.keys", "ci, dashboard")
                .with("dvbridge.api.keys.ci", CI_KEY)
                .with("dvbridge.api.keys.dashboard", DASHBOARD_KEY)
                .with("dvbridge.api.keys.dashboard.permissions", "Runs.Read");
    }

    static GuardSettings generatedKeyIn(Path file) {
        return loopback().with("dvbridge.api.generated-key-file", file.toString());
    }

    GuardSettings with(String key, String value) {
        properties.put(key, value);
        return this;
    }

    SecuritySettings settings() {
        return SecuritySettings.from(k -> Optional.ofNullable(properties.get(k)));
    }

    ApiGuard guard() {
        try {
            return ApiGuard.create(settings(), SSLContext.getDefault(), Clock.systemUTC());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
