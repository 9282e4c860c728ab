package io.dvbridge.config;

import io.dvbridge.export.JdbcUrls;
import org.apache.camel.CamelContext;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The databases an export may write to, by name: {@code dvbridge.export.target.<name>.url}, {@code .user} and
 * {@code .password} (from {@code {{env:...}}} or a vault placeholder). Requests from REST, a queue or a schedule name
 * a target, never a JDBC URL: a caller cannot point an export at a host, or at credentials, configuration did not name.
 */
public final class ExportTargets {

    public static final String PREFIX = "dvbridge.export.target.";
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
    private static final Set<String> PROPERTIES = Set.of("url", "user", "password");

    /** A configured target; its password never appears in {@link #toString()}. */
    public record Target(String name, String url, String user, String password) {
        @Override
        public String toString() {
            return name + " (" + JdbcUrls.mask(url) + ")";
        }
    }

    private final Map<String, Target> targets;

    /** @param properties {@code dvbridge.export.target.*} entries, placeholders resolved; other keys are ignored */
    public ExportTargets(Map<String, String> properties) {
        Map<String, Map<String, String>> grouped = new TreeMap<>();
        for (Map.Entry<String, String> entry : properties.entrySet()) {
            if (!entry.getKey().startsWith(PREFIX)) {
                continue;
            }
            String rest = entry.getKey().substring(PREFIX.length());
            int dot = rest.lastIndexOf('.');
            String name = dot < 0 ? "" : rest.substring(0, dot);
            String property = rest.substring(dot + 1);
            if (!NAME.matcher(name).matches() || !PROPERTIES.contains(property)) {
                throw new IllegalArgumentException("Unknown export target property " + entry.getKey()
                        + ": use " + PREFIX + "<name>.url, .user or .password (a name of lower-case letters, digits, - and _)");
            }
            grouped.computeIfAbsent(name, n -> new TreeMap<>()).put(property, entry.getValue() == null ? "" : entry.getValue().strip());
        }
        Map<String, Target> built = new TreeMap<>();
        grouped.forEach((name, values) -> {
            String url = values.getOrDefault("url", "");
            if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
                throw new IllegalArgumentException("The export target '" + name + "' needs " + PREFIX + name + ".url, a JDBC URL");
            }
            built.put(name, new Target(name, url, values.getOrDefault("user", ""), values.getOrDefault("password", "")));
        });
        this.targets = Collections.unmodifiableMap(built);
    }

    public static ExportTargets none() {
        return new ExportTargets(Map.of());
    }

    /** The {@code dvbridge.export.target.*} properties Camel knows, their placeholders ({@code {{env:X}}}, vaults) resolved. */
    public static ExportTargets fromCamel(CamelContext context) {
        Map<String, String> resolved = new TreeMap<>();
        java.util.Properties loaded = context.getPropertiesComponent().loadProperties(key -> key.startsWith(PREFIX));
        for (String key : loaded.stringPropertyNames()) {
            resolved.put(key, context.resolvePropertyPlaceholders(loaded.getProperty(key)));
        }
        return new ExportTargets(resolved);
    }

    public Optional<Target> find(String name) {
        return Optional.ofNullable(targets.get(name));
    }

    public Set<String> names() {
        return targets.keySet();
    }
}
