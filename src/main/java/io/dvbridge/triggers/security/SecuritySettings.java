package io.dvbridge.triggers.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * How the trigger API authenticates, read from configuration properties (the keys below; docs/triggers.md).
 * Credentials come from named API keys, from Entra ID bearer tokens, or both; with neither, a key is
 * generated at start into {@code generatedKeyFile}. There is no unauthenticated mode.
 *
 * @param serverPort         the port the API listens on ({@code camel.server.port}): the default allowed Hosts name it
 * @param bindHost           the address the API listens on ({@code camel.server.host})
 * @param allowedHosts       {@code host} or {@code host:port} entries, loopback names by default
 * @param allowedHostsConfigured whether {@code allowedHosts} came from configuration rather than the default
 * @param entra              bearer-token settings, when Entra ID is configured
 * @param apiKeys            named API keys from configuration
 * @param generatedKeyFile   where the key generated when no credential is configured is kept
 * @param corsAllowedOrigins browser origins answered with CORS headers; none by default
 * @param maxBodyBytes       the largest request body the API reads
 */
public record SecuritySettings(int serverPort, String bindHost, List<String> allowedHosts, boolean allowedHostsConfigured,
                               Optional<EntraSettings> entra, List<ApiKeySetting> apiKeys, Path generatedKeyFile,
                               List<String> corsAllowedOrigins, long maxBodyBytes) {

    public static final String SERVER_PORT = "camel.server.port";
    public static final String SERVER_HOST = "camel.server.host";
    public static final String ALLOWED_HOSTS = "dvbridge.api.allowed-hosts";
    public static final String KEYS = "dvbridge.api.keys";
    public static final String ENTRA_AUTHORITY = "dvbridge.api.entra.authority";
    public static final String ENTRA_AUDIENCE = "dvbridge.api.entra.audience";
    public static final String ENTRA_CLIENT_ID = "dvbridge.api.entra.client-id";
    public static final String GENERATED_KEY_FILE = "dvbridge.api.generated-key-file";
    public static final String CORS_ALLOWED_ORIGINS = "dvbridge.api.cors.allowed-origins";
    public static final String MAX_BODY_BYTES = "dvbridge.api.max-body-bytes";

    /** Camel's own default for {@code camel.server.port} and {@code camel.server.host}. */
    static final int DEFAULT_PORT = 8080;
    static final String DEFAULT_BIND_HOST = "0.0.0.0";
    static final long DEFAULT_MAX_BODY_BYTES = 64 * 1024;
    static final long MAX_MAX_BODY_BYTES = 16L * 1024 * 1024;
    /** 32 characters: a random key of that length holds far more than 128 bits even in hex. */
    static final int MIN_KEY_LENGTH = 32;
    private static final String KEY_NAME = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";
    private static final Set<String> MULTI_TENANT_AUTHORITIES = Set.of("common", "organizations", "consumers");

    public SecuritySettings {
        allowedHosts = List.copyOf(allowedHosts);
        apiKeys = List.copyOf(apiKeys);
        corsAllowedOrigins = List.copyOf(corsAllowedOrigins);
        Objects.requireNonNull(entra, "entra");
        Objects.requireNonNull(generatedKeyFile, "generatedKeyFile");
    }

    /**
     * Entra ID bearer tokens: issued by the tenant of {@code authority} (e.g.
     * {@code https://login.microsoftonline.com/<tenant id>}), for {@code audience} (the API's
     * application ID URI, e.g. {@code api://dvbridge}) or for {@code clientId} (the API app's client
     * id, the audience of v2.0 tokens).
     */
    public record EntraSettings(URI authority, String audience, Optional<String> clientId) {
    }

    /** A named key and what it may do. {@link #toString()} never shows the key. */
    public record ApiKeySetting(String name, String key, Set<Permission> permissions) {
        public ApiKeySetting {
            permissions = Set.copyOf(permissions);
        }

        @Override
        public String toString() {
            return "ApiKeySetting[name=" + name + ", permissions=" + permissions + ", key=<redacted>]";
        }
    }

    /**
     * Reads the settings through a property lookup (blank values count as absent).
     *
     * @throws SecurityConfigurationException naming the property that cannot be used
     */
    public static SecuritySettings from(Function<String, Optional<String>> properties) {
        Function<String, Optional<String>> lookup = key -> properties.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        int port = port(lookup);
        String bindHost = lookup.apply(SERVER_HOST).orElse(DEFAULT_BIND_HOST);
        Optional<List<String>> configuredHosts = lookup.apply(ALLOWED_HOSTS).map(SecuritySettings::list);
        List<String> hosts = configuredHosts.orElse(defaultHosts(port));
        HostAllowList.parse(hosts, port);
        return new SecuritySettings(port, bindHost, hosts, configuredHosts.isPresent(), entra(lookup), apiKeys(lookup),
                generatedKeyFile(lookup), corsOrigins(lookup), maxBodyBytes(lookup));
    }

    /** The loopback names, with the server's port unless it is ephemeral (0) and so unknown until it listens. */
    private static List<String> defaultHosts(int port) {
        String suffix = port == 0 ? "" : ":" + port;
        return List.of("localhost" + suffix, "127.0.0.1" + suffix, "[::1]" + suffix);
    }

    private static int port(Function<String, Optional<String>> lookup) {
        return lookup.apply(SERVER_PORT).map(value -> {
            try {
                int port = Integer.parseInt(value);
                if (port >= 0 && port <= 65535) {
                    return port;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new SecurityConfigurationException(SERVER_PORT + " must be a port number (0-65535), not '" + value + "'");
        }).orElse(DEFAULT_PORT);
    }

    private static Optional<EntraSettings> entra(Function<String, Optional<String>> lookup) {
        Optional<String> authority = lookup.apply(ENTRA_AUTHORITY);
        Optional<String> audience = lookup.apply(ENTRA_AUDIENCE);
        Optional<String> clientId = lookup.apply(ENTRA_CLIENT_ID);
        if (authority.isEmpty() && audience.isEmpty() && clientId.isEmpty()) {
            return Optional.empty();
        }
        if (authority.isEmpty() || audience.isEmpty()) {
            throw new SecurityConfigurationException("Entra ID bearer tokens need both " + ENTRA_AUTHORITY
                    + " (e.g. https://login.microsoftonline.com/<tenant id>) and " + ENTRA_AUDIENCE
                    + " (the API's application ID URI, e.g. api://dvbridge); " + (authority.isEmpty() ? ENTRA_AUTHORITY : ENTRA_AUDIENCE)
                    + " is not set");
        }
        return Optional.of(new EntraSettings(authority(authority.get()), audience.get(), clientId));
    }

    private static URI authority(String value) {
        URI uri;
        try {
            uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
        } catch (URISyntaxException e) {
            throw new SecurityConfigurationException(ENTRA_AUTHORITY + " is not a URL: " + e.getReason());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null || uri.getRawQuery() != null
                || uri.getRawFragment() != null) {
            throw new SecurityConfigurationException(ENTRA_AUTHORITY + " must be an https URL naming the tenant, e.g. "
                    + "https://login.microsoftonline.com/<tenant id>, not '" + value + "'");
        }
        String path = uri.getPath() == null ? "" : uri.getPath();
        String tenant = path.substring(path.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (tenant.isEmpty() || MULTI_TENANT_AUTHORITIES.contains(tenant)) {
            throw new SecurityConfigurationException(ENTRA_AUTHORITY + " must name one tenant (its id or domain): tokens of '"
                    + (tenant.isEmpty() ? "no tenant" : tenant) + "' could come from any organisation");
        }
        return uri;
    }

    private static List<ApiKeySetting> apiKeys(Function<String, Optional<String>> lookup) {
        List<ApiKeySetting> keys = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        for (String name : lookup.apply(KEYS).map(SecuritySettings::list).orElse(List.of())) {
            if (!name.matches(KEY_NAME)) {
                throw new SecurityConfigurationException(KEYS + " lists '" + name + "': a key name is letters, digits, '.', '_' "
                        + "and '-' (up to 64), starting with a letter or digit");
            }
            if (!names.add(name)) {
                throw new SecurityConfigurationException(KEYS + " lists '" + name + "' twice");
            }
            String property = KEYS + "." + name;
            String key = lookup.apply(property).orElseThrow(() -> new SecurityConfigurationException(KEYS + " lists '" + name
                    + "' but " + property + " is not set (e.g. " + property + " = {{env:DVBRIDGE_API_KEY_"
                    + name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "}})"));
            if (key.length() < MIN_KEY_LENGTH) {
                throw new SecurityConfigurationException(property + " is " + key.length() + " characters long; an API key needs at least "
                        + MIN_KEY_LENGTH + " (e.g. openssl rand -base64 32)");
            }
            keys.add(new ApiKeySetting(name, key, permissions(lookup, property + ".permissions")));
        }
        return keys;
    }

    private static Set<Permission> permissions(Function<String, Optional<String>> lookup, String property) {
        Optional<String> value = lookup.apply(property);
        if (value.isEmpty()) {
            return EnumSet.allOf(Permission.class);
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (String role : list(value.get())) {
            permissions.add(Permission.ofRole(role).orElseThrow(() -> new SecurityConfigurationException(property + " names '"
                    + role + "'; the permissions are " + Arrays.stream(Permission.values()).map(Permission::role).toList())));
        }
        if (permissions.isEmpty()) {
            throw new SecurityConfigurationException(property + " grants nothing; name at least one of "
                    + Arrays.stream(Permission.values()).map(Permission::role).toList());
        }
        return permissions;
    }

    private static Path generatedKeyFile(Function<String, Optional<String>> lookup) {
        return lookup.apply(GENERATED_KEY_FILE).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("user.home"), ".dvbridge", "api-key"));
    }

    private static List<String> corsOrigins(Function<String, Optional<String>> lookup) {
        List<String> origins = lookup.apply(CORS_ALLOWED_ORIGINS).map(SecuritySettings::list).orElse(List.of());
        CorsPolicy.of(origins);
        return origins;
    }

    private static long maxBodyBytes(Function<String, Optional<String>> lookup) {
        return lookup.apply(MAX_BODY_BYTES).map(value -> {
            try {
                long bytes = Long.parseLong(value);
                if (bytes >= 1 && bytes <= MAX_MAX_BODY_BYTES) {
                    return bytes;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new SecurityConfigurationException(MAX_BODY_BYTES + " must be a number of bytes from 1 to " + MAX_MAX_BODY_BYTES
                    + ", not '" + value + "'");
        }).orElse(DEFAULT_MAX_BODY_BYTES);
    }

    private static List<String> list(String value) {
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
