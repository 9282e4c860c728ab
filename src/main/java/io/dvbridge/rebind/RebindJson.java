package io.dvbridge.rebind;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * A Jackson mapper fit for this package's records: JSR-310 times as ISO-8601 strings. Every call builds
 * a new mapper, so callers may configure theirs further without affecting anyone else.
 */
public final class RebindJson {

    private RebindJson() {
    }

    public static ObjectMapper mapper() {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .build();
    }
}
