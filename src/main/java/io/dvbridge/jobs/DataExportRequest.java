package io.dvbridge.jobs;

import java.nio.file.Path;

/**
 * {@code dvbridge data export}: which environment, which CMT schema file, where to write data.zip.
 *
 * @throws InvalidRequestException when a field is missing or {@code out} would overwrite {@code schema}
 */
@JobSpec(name = "data-export", command = {"data", "export"}, title = "Export the records a CMT schema selects into a data.zip",
        description = "Write the records a CMT schema file selects (its FetchXML filter, every page) into a data.zip.",
        exitCodes = {"0:data.zip written", "1:the export failed (the message says why)"})
public record DataExportRequest(
        @Param(description = "Configured environment to read", required = true, cli = {"-e", "--environment"}, label = "NAME",
                kind = ParamKind.READS_ENVIRONMENT)
        String environment,
        @Param(description = "CMT schema file (e.g. config/schemas/analytics-reports.xml)", required = true, label = "FILE",
                kind = ParamKind.SCHEMA_FILE)
        Path schema,
        @Param(description = "The data.zip to write", required = true, label = "FILE", kind = ParamKind.OUTPUT_FILE)
        Path out) {

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
