package io.dvbridge.jobs;

import java.nio.file.Path;
import java.util.Objects;

/** {@code dvbridge data export}: which environment, which CMT schema file, where to write data.zip. */
public record DataExportRequest(String environment, Path schema, Path out) {

    public DataExportRequest {
        if (environment == null || environment.isBlank()) {
            throw new IllegalArgumentException("An export must name an environment");
        }
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(out, "out");
    }
}
