package io.dvbridge.triggers.profiles;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.jobs.RequestField;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A profile from a JSON body ({@code POST /api/profiles}, {@code PUT /api/profiles/{name}}, {@code dvbridge profiles
 * create --file}): {@code {"name", "request": {...}, "interval", "retryInterval", "retryMax", "active"}}. Only the
 * shape is checked here; the request is checked by the export job's own schema when the profile is validated.
 */
final class ProfileBodies {

    /** Duplicate keys are an error, as in job requests. */
    private static final ObjectMapper STRICT_JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final List<String> FIELDS = List.of("name", "request", "interval", "retryInterval", "retryMax", "active");

    private ProfileBodies() {
    }

    /** @param pathName the name in the URL of an update; the body may then leave the name out, or repeat it */
    static ProfileDefinition read(String body, Optional<String> pathName) {
        ObjectNode object = object(body);
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            String field = fields.next().getKey();
            if (!FIELDS.contains(field)) {
                throw new InvalidRequestException(RequestField.printable(field), "Unknown field '" + RequestField.printable(field)
                        + "'; a profile has: " + String.join(", ", FIELDS));
            }
        }
        String name = text(object, "name").orElse(null);
        if (pathName.isPresent()) {
            if (name != null && !name.equals(pathName.get())) {
                throw new InvalidRequestException("name", "The body names profile '" + RequestField.printable(name) + "' but the URL names '"
                        + pathName.get() + "'; a profile cannot be renamed (create the new one and delete the old)");
            }
            name = pathName.get();
        }
        if (name == null) {
            throw new InvalidRequestException("name", "'name' is required: the profile's name (" + ProfileDefinition.NAME_PATTERN + ")");
        }
        requireName(name);
        JsonNode request = object.get("request");
        if (request == null || request.isNull()) {
            throw new InvalidRequestException("request", "'request' is required: the export job's request, as POST /api/jobs/export takes it");
        }
        if (!(request instanceof ObjectNode requestObject)) {
            throw new InvalidRequestException("request", "'request' must be a JSON object");
        }
        Duration interval = text(object, "interval").map(t -> ProfileDurations.parse("interval", t, ProfileDefinition.MIN_INTERVAL))
                .orElse(ProfileDefinition.DEFAULT_INTERVAL);
        Duration retryInterval = text(object, "retryInterval").map(t -> ProfileDurations.parse("retryInterval", t, Duration.ofSeconds(1)))
                .orElse(ProfileDefinition.DEFAULT_RETRY_INTERVAL);
        int retryMax = ProfileDefinition.DEFAULT_RETRY_MAX;
        JsonNode retries = object.get("retryMax");
        if (retries != null && !retries.isNull()) {
            if (!retries.isIntegralNumber() || retries.longValue() < 0 || retries.longValue() > ProfileDefinition.MAX_RETRY_MAX) {
                throw new InvalidRequestException("retryMax", "'retryMax' must be a whole number between 0 and " + ProfileDefinition.MAX_RETRY_MAX);
            }
            retryMax = retries.intValue();
        }
        boolean active = false;
        JsonNode activeNode = object.get("active");
        if (activeNode != null && !activeNode.isNull()) {
            if (!activeNode.isBoolean()) {
                throw new InvalidRequestException("active", "'active' must be true or false (a JSON boolean)");
            }
            active = activeNode.booleanValue();
        }
        return new ProfileDefinition(name, requestObject, interval, retryInterval, retryMax, active);
    }

    static void requireName(String name) {
        if (name == null || !name.matches(ProfileDefinition.NAME_PATTERN)) {
            throw new InvalidRequestException("name", "'name' must be lower-case letters, digits and dashes (" + ProfileDefinition.NAME_PATTERN
                    + "), not '" + RequestField.printable(String.valueOf(name)) + "'");
        }
    }

    static ObjectNode object(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("", "The request body is empty; send a JSON object");
        }
        JsonNode json;
        try {
            json = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            throw new InvalidRequestException("", "The request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
                    + (String.valueOf(e.getOriginalMessage()).startsWith("Duplicate field") ? ": a field appears twice" : ""));
        }
        if (!(json instanceof ObjectNode object)) {
            throw new InvalidRequestException("", "The request body must be a JSON object");
        }
        return object;
    }

    private static Optional<String> text(ObjectNode object, String field) {
        JsonNode node = object.get(field);
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isTextual()) {
            throw new InvalidRequestException(field, "'" + field + "' must be a JSON string");
        }
        return Optional.of(node.textValue()).filter(t -> !t.isBlank());
    }
}
