package io.dvbridge.config;

import io.dvbridge.auth.Credential;
import io.dvbridge.auth.TokenSource;
import io.dvbridge.auth.TokenSourceRegistry;
import io.dvbridge.auth.TrustStores;
import org.apache.camel.CamelContext;

import javax.net.ssl.SSLContext;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Environments named in properties, camel-main style ({@code config/application.properties}, overridable
 * by environment variables, secrets through {@code {{env:...}}} or vault placeholders):
 * <pre>
 * dvbridge.environment.prod.dataverse-url=https://contoso.crm.dynamics.com
 * dvbridge.environment.prod.tenant-id=...
 * dvbridge.environment.prod.client-id=...
 * dvbridge.environment.prod.client-secret={{env:DVBRIDGE_PROD_SECRET}}
 * dvbridge.environment.prod.pool=prod-app2,prod-app3
 * </pre>
 * {@code pool} names further environments of the same organization (same dataverse-url), each with its own
 * app registration, so bulk writes can spread over several application users. The properties are documented in docs/environments.md. Environments that use the same app
 * (authority and client id) share one token source. Everything is checked when this is built, and
 * all problems are reported together.
 */
public final class PropertiesEnvironments implements Environments {

    public static final String PREFIX = "dvbridge.environment.";
    public static final String DEFAULT_AUTHORITY_HOST = "https://login.microsoftonline.com/";
    public static final String DEFAULT_POWER_BI_URL = "https://api.powerbi.com/v1.0/myorg/";

    /** Every property an environment may set. */
    public static final Set<String> PROPERTIES = Set.of("dataverse-url", "tenant-id", "authority", "client-id", "credential",
            "client-secret", "certificate-file", "certificate-key-file", "certificate-password", "powerbi-url", "powerbi-scope",
            "trust-pem", "pool");

    private final Map<String, DvEnvironment> environments;

    /** @param properties resolved values (placeholders already replaced); keys outside {@link #PREFIX} are ignored */
    public PropertiesEnvironments(Map<String, String> properties) {
        this(properties, new TokenSourceRegistry());
    }

    public PropertiesEnvironments(Map<String, String> properties, TokenSourceRegistry tokens) {
        this.environments = Collections.unmodifiableMap(new EnvironmentsBuilder(tokens).build(group(properties)));
    }

    /**
     * Reads the {@code dvbridge.environment.*} properties Camel knows (application.properties, initial
     * and override properties), resolves their placeholders with Camel ({@code {{env:X}}},
     * {@code {{sys:X}}}, vault functions), then lets environment variables such as
     * {@code DVBRIDGE_ENVIRONMENT_PROD_CLIENT_SECRET} override them.
     */
    public static PropertiesEnvironments fromCamel(CamelContext context) {
        Map<String, String> resolved = new TreeMap<>();
        java.util.Properties loaded = context.getPropertiesComponent().loadProperties(key -> key.startsWith(PREFIX));
        // Camel's ordered properties keep their entries outside Hashtable, so read them by name, not forEach.
        for (String key : loaded.stringPropertyNames()) {
            resolved.put(key, context.resolvePropertyPlaceholders(loaded.getProperty(key)));
        }
        return new PropertiesEnvironments(withEnvironmentOverrides(resolved, System.getenv()));
    }

    /**
     * Applies environment variables to the properties: {@code dvbridge.environment.<name>.<property>} is
     * overridden by {@code DVBRIDGE_ENVIRONMENT_<NAME>_<PROPERTY>} (upper case, dots and dashes as
     * underscores). A variable for an environment that no property names defines it, named in lower case.
     */
    public static Map<String, String> withEnvironmentOverrides(Map<String, String> properties, Map<String, String> environment) {
        Map<String, String> result = new TreeMap<>(properties);
        Map<String, String> namesByVariableForm = new LinkedHashMap<>();
        for (String name : group(properties).keySet()) {
            namesByVariableForm.put(variableForm(name), name);
        }
        String variablePrefix = variableForm(PREFIX);
        for (Map.Entry<String, String> variable : environment.entrySet()) {
            String key = variable.getKey();
            if (!key.startsWith(variablePrefix)) {
                continue;
            }
            String rest = key.substring(variablePrefix.length());
            for (String property : PROPERTIES) {
                String suffix = "_" + variableForm(property);
                if (rest.endsWith(suffix) && rest.length() > suffix.length()) {
                    String nameForm = rest.substring(0, rest.length() - suffix.length());
                    String name = namesByVariableForm.getOrDefault(nameForm, nameForm.toLowerCase(Locale.ROOT));
                    result.put(PREFIX + name + "." + property, variable.getValue());
                }
            }
        }
        return result;
    }

    private static String variableForm(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /** name -> (property -> value); unknown properties are kept so the builder can report them. */
    private static Map<String, Map<String, String>> group(Map<String, String> properties) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        properties.forEach((key, value) -> {
            if (!key.startsWith(PREFIX)) {
                return;
            }
            String rest = key.substring(PREFIX.length());
            int dot = rest.indexOf('.');
            String name = dot < 0 ? rest : rest.substring(0, dot);
            String property = dot < 0 ? "" : rest.substring(dot + 1);
            byName.computeIfAbsent(name, n -> new TreeMap<>()).put(property, value == null ? "" : value.trim());
        });
        return byName;
    }

    @Override
    public DvEnvironment environment(String name) {
        DvEnvironment environment = environments.get(name);
        if (environment == null) {
            throw new UnknownEnvironmentException(name, environments.keySet());
        }
        return environment;
    }

    @Override
    public Set<String> names() {
        return new TreeSet<>(environments.keySet());
    }

    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        environments.values().forEach(e -> parts.add(e.name() + "=" + e.dataverseUrl() + " via " + e.tokens()));
        return "PropertiesEnvironments" + parts;
    }

    /** Turns grouped properties into environments, collecting every problem. */
    private static final class EnvironmentsBuilder {

        private record AppKey(String authority, String clientId) {
        }

        private record AppUse(String environment, Credential credential, Optional<String> trust) {
        }

        private final TokenSourceRegistry tokens;
        private final List<String> problems = new ArrayList<>();
        private final Map<AppKey, AppUse> apps = new LinkedHashMap<>();
        private final Map<String, SSLContext> trustByFile = new LinkedHashMap<>();

        EnvironmentsBuilder(TokenSourceRegistry tokens) {
            this.tokens = tokens;
        }

        Map<String, DvEnvironment> build(Map<String, Map<String, String>> grouped) {
            Map<String, DvEnvironment> result = new TreeMap<>();
            grouped.forEach((name, values) -> environment(name, values).ifPresent(e -> result.put(name, e)));
            result.values().forEach(e -> checkPool(e, result));
            if (!problems.isEmpty()) {
                throw new EnvironmentConfigurationException(problems);
            }
            return result;
        }

        private Optional<DvEnvironment> environment(String name, Map<String, String> values) {
            int before = problems.size();
            if (!name.matches("[A-Za-z0-9][A-Za-z0-9_-]*")) {
                problems.add("Environment name '" + name + "' must be letters, digits, '-' and '_'");
                return Optional.empty();
            }
            for (String property : values.keySet()) {
                if (!PROPERTIES.contains(property)) {
                    problems.add("Environment '" + name + "': unknown property " + key(name, property) + " (known: "
                            + String.join(", ", new TreeSet<>(PROPERTIES)) + ")");
                }
            }
            Optional<URI> dataverse = httpsUrl(name, values, "dataverse-url", Optional.empty());
            Optional<URI> powerBi = httpsUrl(name, values, "powerbi-url", Optional.of(DEFAULT_POWER_BI_URL));
            String powerBiScope = value(values, "powerbi-scope").orElse(DvEnvironment.POWER_BI_SCOPE);
            Optional<String> trustFile = value(values, "trust-pem");
            Optional<SSLContext> tls = trust(name, trustFile);
            Optional<Credential> credential = credential(name, values);
            Optional<TokenSource> source = Optional.empty();
            if (credential.isPresent() && tls.isPresent() && problems.size() == before) {
                source = tokenSource(name, values, credential.get(), trustFile, tls.get());
            }
            if (problems.size() != before || dataverse.isEmpty() || powerBi.isEmpty() || source.isEmpty()) {
                return Optional.empty();
            }
            List<String> pool = value(values, "pool").map(p -> java.util.Arrays.stream(p.split(",")).map(String::trim)
                    .filter(n -> !n.isEmpty()).distinct().toList()).orElse(List.of());
            return Optional.of(new DvEnvironment(name, dataverse.get(), powerBi.get(), powerBiScope, source.get(), tls.get(), pool));
        }

        /** Every pool member is another configured environment of the same organization. */
        private void checkPool(DvEnvironment environment, Map<String, DvEnvironment> all) {
            for (String member : environment.pool()) {
                DvEnvironment other = all.get(member);
                if (member.equals(environment.name())) {
                    problems.add("Environment '" + environment.name() + "': " + key(environment.name(), "pool")
                            + " names the environment itself; list the other application users' environments");
                } else if (other == null) {
                    problems.add("Environment '" + environment.name() + "': " + key(environment.name(), "pool") + " names '"
                            + member + "', which is not a configured environment");
                } else if (!trimmed(other.dataverseUrl()).equalsIgnoreCase(trimmed(environment.dataverseUrl()))) {
                    problems.add("Environment '" + environment.name() + "': pool member '" + member + "' has dataverse-url "
                            + other.dataverseUrl() + ", not " + environment.dataverseUrl() + "; a pool is one organization");
                }
            }
        }

        private static String trimmed(URI uri) {
            String text = uri.toString();
            return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        }

        private Optional<Credential> credential(String name, Map<String, String> values) {
            Optional<String> declared = value(values, "credential");
            Optional<String> secret = value(values, "client-secret");
            Optional<String> certificate = value(values, "certificate-file");
            String kind;
            if (declared.isPresent()) {
                kind = declared.get().toLowerCase(Locale.ROOT);
            } else if (secret.isPresent() && certificate.isEmpty()) {
                kind = "secret";
            } else if (certificate.isPresent() && secret.isEmpty()) {
                kind = "certificate";
            } else {
                problems.add("Environment '" + name + "': set " + key(name, "credential") + " to secret, certificate or "
                        + "managed-identity" + (secret.isPresent() ? " (both a client secret and a certificate file are set)"
                        : " (neither " + key(name, "client-secret") + " nor " + key(name, "certificate-file") + " is set)"));
                return Optional.empty();
            }
            switch (kind) {
                case "secret":
                    if (secret.isEmpty()) {
                        problems.add("Environment '" + name + "': " + key(name, "client-secret") + " is required with credential "
                                + "secret (put the secret in an environment variable and write {{env:NAME}}, never the value)");
                        return Optional.empty();
                    }
                    return Optional.of(new Credential.ClientSecret(secret.get()));
                case "certificate":
                    if (certificate.isEmpty()) {
                        problems.add("Environment '" + name + "': " + key(name, "certificate-file") + " is required with "
                                + "credential certificate");
                        return Optional.empty();
                    }
                    return Optional.of(new Credential.CertificateFile(Path.of(certificate.get()),
                            value(values, "certificate-key-file").map(Path::of), value(values, "certificate-password")));
                case "managed-identity":
                    return Optional.of(new Credential.ManagedIdentity(value(values, "client-id")));
                default:
                    problems.add("Environment '" + name + "': " + key(name, "credential") + " must be secret, certificate or "
                            + "managed-identity, not '" + declared.orElse("") + "'");
                    return Optional.empty();
            }
        }

        private Optional<TokenSource> tokenSource(String name, Map<String, String> values, Credential credential,
                                                  Optional<String> trustFile, SSLContext tls) {
            try {
                if (credential instanceof Credential.ManagedIdentity identity) {
                    return Optional.of(tokens.managedIdentity(identity));
                }
                Optional<String> clientId = value(values, "client-id");
                Optional<String> authority = authority(name, values);
                if (clientId.isEmpty()) {
                    problems.add("Environment '" + name + "': " + key(name, "client-id") + " is required");
                }
                if (clientId.isEmpty() || authority.isEmpty()) {
                    return Optional.empty();
                }
                AppKey app = new AppKey(authority.get().toLowerCase(Locale.ROOT), clientId.get().toLowerCase(Locale.ROOT));
                AppUse use = new AppUse(name, credential, trustFile);
                AppUse earlier = apps.putIfAbsent(app, use);
                if (earlier != null && (!earlier.credential().equals(credential) || !earlier.trust().equals(trustFile))) {
                    problems.add("Environments '" + earlier.environment() + "' and '" + name + "' use client " + clientId.get()
                            + " at " + authority.get() + " with different credentials or trust; one app needs one of each");
                    return Optional.empty();
                }
                return Optional.of(tokens.confidentialClient(authority.get(), clientId.get(), credential, tls));
            } catch (IllegalArgumentException e) {
                problems.add("Environment '" + name + "': " + e.getMessage());
                return Optional.empty();
            }
        }

        private Optional<String> authority(String name, Map<String, String> values) {
            Optional<String> explicit = value(values, "authority");
            Optional<String> tenant = value(values, "tenant-id");
            if (explicit.isPresent()) {
                return httpsUrl(name, values, "authority", Optional.empty())
                        .map(URI::toString).map(a -> a.endsWith("/") ? a : a + "/");
            }
            if (tenant.isEmpty()) {
                problems.add("Environment '" + name + "': " + key(name, "tenant-id") + " (or " + key(name, "authority")
                        + ") is required");
                return Optional.empty();
            }
            if (!tenant.get().matches("[A-Za-z0-9.-]+")) {
                problems.add("Environment '" + name + "': " + key(name, "tenant-id") + " must be a tenant GUID or domain, not '"
                        + tenant.get() + "'");
                return Optional.empty();
            }
            return Optional.of(DEFAULT_AUTHORITY_HOST + tenant.get() + "/");
        }

        private Optional<SSLContext> trust(String name, Optional<String> trustFile) {
            if (trustFile.isEmpty()) {
                return Optional.of(TrustStores.jvmDefault());
            }
            try {
                return Optional.of(trustByFile.computeIfAbsent(trustFile.get(), f -> TrustStores.withExtraTrust(Path.of(f))));
            } catch (IllegalArgumentException e) {
                problems.add("Environment '" + name + "': " + key(name, "trust-pem") + ": " + e.getMessage());
                return Optional.empty();
            }
        }

        private Optional<URI> httpsUrl(String name, Map<String, String> values, String property, Optional<String> fallback) {
            Optional<String> raw = value(values, property).or(() -> fallback);
            if (raw.isEmpty()) {
                problems.add("Environment '" + name + "': " + key(name, property) + " is required");
                return Optional.empty();
            }
            try {
                URI uri = new URI(raw.get());
                if (!"https".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
                    problems.add("Environment '" + name + "': " + key(name, property) + " must be an https:// URL, not '"
                            + raw.get() + "'");
                    return Optional.empty();
                }
                return Optional.of(uri);
            } catch (java.net.URISyntaxException e) {
                problems.add("Environment '" + name + "': " + key(name, property) + " is not a URL: " + e.getMessage());
                return Optional.empty();
            }
        }

        private static Optional<String> value(Map<String, String> values, String property) {
            return Optional.ofNullable(values.get(property)).map(String::trim).filter(v -> !v.isEmpty());
        }

        private static String key(String name, String property) {
            return PREFIX + name + "." + property;
        }
    }
}
