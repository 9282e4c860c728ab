package io.dvbridge.jobs;

import java.nio.file.Path;

/**
 * {@code dvbridge data export}: which environment, which CMT schema file, where to write data.zip.
 *
 * @throws InvalidRequestException when a field is missing or {@code out} would overwrite {@code schema}
 */
public record DataExportRequest(String environment, Path schema, Path out) {

    public DataExportRequest {
        if (environment == null || environment.isBlank()) {
            throw new InvalidRequestException("environment", "An export must name an environment");
        }
        if (schema == null) {
            throw new InvalidRequestException("schema", "An export needs a CMT schema file");
        }
        if (out == null) {
            throw new InvalidRequestException("out", "An export needs the data.zip file to write");
        }
        OutputPaths.requireApart("out", out, "schema", schema);
    }
}
