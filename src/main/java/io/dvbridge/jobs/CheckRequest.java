package io.dvbridge.jobs;

import java.nio.file.Path;
import java.util.Optional;

/** {@code dvbridge check}: can the jobs work against this environment, before a run depends on it? */
@JobSpec(name = "check", title = "Test an environment's tokens, privileges and workspaces",
        description = {"Acquire the Dataverse and Power BI tokens, ask Dataverse who the application user is (WhoAmI),",
                "compare its privileges with what the jobs need on their tables (and, with --schema, on that schema's",
                "tables), and read every analytics Power BI workspace recorded in the environment. Writes nothing."},
        exitCodes = {"0:every check passed", "1:a check failed (the report says what to fix)",
                "2:passed with warnings (e.g. a privilege below organization depth)"})
public record CheckRequest(
        @Param(description = "Configured environment to test", required = true, cli = {"-e", "--environment"}, label = "NAME",
                kind = ParamKind.READS_ENVIRONMENT)
        String environment,
        @Param(description = "Also check what a migration of this CMT schema needs: read to export, create and write to import",
                label = "FILE", kind = ParamKind.SCHEMA_FILE)
        Optional<Path> schema) {

    public CheckRequest {
        if (environment == null || environment.isBlank()) {
            throw new InvalidRequestException("environment", "A check must name an environment");
        }
        schema = schema == null ? Optional.empty() : schema;
    }
}
