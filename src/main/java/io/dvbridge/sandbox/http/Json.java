package io.dvbridge.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The sandbox's one JSON mapper, its error-body shape and a string escaper. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** The error body shape Dataverse and several Power BI answers share: {@code {"error":{"code":..,"message":..}}}. */
    public static String errorBody(String code, String message) {
        return "{\"error\":{\"code\":\"" + escape(code) + "\",\"message\":\"" + escape(message) + "\"}}";
    }

    /** Escapes a value for use inside a JSON string literal. */
    public static String escape(String value) {
        try {
            String quoted = MAPPER.writeValueAsString(value);
            return quoted.substring(1, quoted.length() - 1);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
