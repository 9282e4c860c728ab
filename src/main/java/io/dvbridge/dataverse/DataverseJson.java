package io.dvbridge.dataverse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON for Dataverse rows. Decimals stay BigDecimal (money and decimal columns must not lose
 * digits through double); dates are written as ISO-8601 text.
 */
final class DataverseJson {

    static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private static final TypeReference<LinkedHashMap<String, Object>> ROW = new TypeReference<>() {
    };

    private DataverseJson() {
    }

    static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Cannot write the row as JSON: " + e.getOriginalMessage(), e);
        }
    }

    static JsonNode tree(byte[] body) {
        try {
            return MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Dataverse sent a body that is not JSON: " + e.getMessage(), e);
        }
    }

    static Map<String, Object> row(JsonNode node) {
        return MAPPER.convertValue(node, ROW);
    }

    static Map<String, Object> row(String json) {
        try {
            return MAPPER.readValue(json, ROW);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Not a JSON object: " + e.getOriginalMessage(), e);
        }
    }

    /** {@code {"error":{"code":"...","message":"..."}}}; both empty when the body has another shape. */
    static ErrorBody error(String body) {
        try {
            JsonNode error = MAPPER.readTree(body).path("error");
            return new ErrorBody(error.path("code").asText(""), error.path("message").asText(""));
        } catch (JsonProcessingException | RuntimeException notJson) {
            return new ErrorBody("", "");
        }
    }

    record ErrorBody(String code, String message) {
    }
}
