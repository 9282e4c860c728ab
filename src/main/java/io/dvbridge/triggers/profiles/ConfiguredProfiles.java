package io.dvbridge.triggers.profiles;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.jobs.JobDefinition;
import io.dvbridge.jobs.RequestField;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Profiles declared in configuration, one block of keys per name, like schedules:
 * <pre>
 * dvbridge.export.profile.ci-to-pg.interval = 15m           (default 15m)
 * dvbridge.export.profile.ci-to-pg.retry-interval = 5m      (default 5m)
 * dvbridge.export.profile.ci-to-pg.retry-max = 12           (default 12)
 * dvbridge.export.profile.ci-to-pg.active = true            (default false)
 * dvbridge.export.profile.ci-to-pg.environment = contoso-prod   (the export job's request fields, in kebab case)
 * </pre>
 * They are read-only over REST and the CLI (the file is where they change); a mistake stops {@code dvbridge run}
 * with the key to fix.
 */
final class ConfiguredProfiles {

    static final String PREFIX = "dvbridge.export.profile.";
    private static final List<String> PROFILE_KEYS = List.of("interval", "retry-interval", "retry-max", "active");

    private ConfiguredProfiles() {
    }

    /** The profiles the properties declare, by name; {@code job} is the job profiles run (its schema reads the request keys). */
    static Map<String, ProfileDefinition> read(Properties properties, JobDefinition<?> job) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(PREFIX) && key.indexOf('.', PREFIX.length()) > 0) {
                String name = key.substring(PREFIX.length(), key.indexOf('.', PREFIX.length()));
                byName.computeIfAbsent(name, n -> new LinkedHashMap<>())
                        .put(key.substring(PREFIX.length() + name.length() + 1), properties.getProperty(key).strip());
            }
        }
        Map<String, ProfileDefinition> profiles = new LinkedHashMap<>();
        byName.forEach((name, keys) -> profiles.put(name, profile(name, keys, job)));
        return profiles;
    }

    private static ProfileDefinition profile(String name, Map<String, String> keys, JobDefinition<?> job) {
        String where = PREFIX + name + ".";
        try {
            ProfileBodies.requireName(name);
            ObjectNode request = JsonNodeFactory.instance.objectNode();
            keys.forEach((key, value) -> {
                if (!PROFILE_KEYS.contains(key) && !value.isEmpty()) {
                    RequestField field = job.schema().fields().stream().filter(f -> f.kebabName().equals(key)).findFirst()
                            .orElseThrow(() -> new InvalidRequestException(key, key + " is neither a profile key (" + String.join(", ", PROFILE_KEYS)
                                    + ") nor a field of job " + job.name() + " (" + String.join(", ", job.schema().fields().stream()
                                    .map(RequestField::kebabName).toList()) + ")"));
                    putJson(request, field, value);
                }
            });
            Duration interval = text(keys, "interval").map(t -> ProfileDurations.parse("interval", t, ProfileDefinition.MIN_INTERVAL))
                    .orElse(ProfileDefinition.DEFAULT_INTERVAL);
            Duration retryInterval = text(keys, "retry-interval").map(t -> ProfileDurations.parse("retry-interval", t, Duration.ofSeconds(1)))
                    .orElse(ProfileDefinition.DEFAULT_RETRY_INTERVAL);
            int retryMax = text(keys, "retry-max").map(ConfiguredProfiles::retryMax).orElse(ProfileDefinition.DEFAULT_RETRY_MAX);
            boolean active = text(keys, "active").map(ConfiguredProfiles::flag).orElse(false);
            return new ProfileDefinition(name, request, interval, retryInterval, retryMax, active);
        } catch (InvalidRequestException e) {
            throw new IllegalStateException("Export profile " + name + ": " + e.getMessage() + (e.field().isEmpty() ? "" : " (" + where
                    + kebab(job, e.field()) + ")"));
        }
    }

    /** A request field's text as the JSON a REST caller would send, so config and REST profiles are read the same way. */
    private static void putJson(ObjectNode request, RequestField field, String value) {
        field.fromText(value); // the field's own message for a wrong type, naming it
        switch (field.jsonType()) {
            case "array" -> {
                var items = request.putArray(field.name());
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
            }
            case "boolean" -> request.put(field.name(), Boolean.parseBoolean(value));
            case "integer" -> request.put(field.name(), Long.parseLong(value));
            default -> request.put(field.name(), value);
        }
    }

    private static int retryMax(String text) {
        try {
            int value = Integer.parseInt(text);
            if (value >= 0 && value <= ProfileDefinition.MAX_RETRY_MAX) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("retry-max", "retry-max must be a whole number between 0 and " + ProfileDefinition.MAX_RETRY_MAX);
    }

    private static boolean flag(String text) {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(text);
        }
        throw new InvalidRequestException("active", "active must be true or false");
    }

    private static java.util.Optional<String> text(Map<String, String> keys, String key) {
        return java.util.Optional.ofNullable(keys.get(key)).filter(v -> !v.isEmpty());
    }

    private static String kebab(JobDefinition<?> job, String field) {
        return job.schema().field(field).map(RequestField::kebabName).orElse(field);
    }
}
