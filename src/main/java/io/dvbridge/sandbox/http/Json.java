package io.dvbridge.sandbox.http;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The sandbox's one JSON mapper and a string escaper for hand-built error bodies. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
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
