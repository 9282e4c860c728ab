package io.dvbridge.jobs;

import io.dvbridge.rebind.FeatureSelection;

import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code dvbridge migrate}: export from one environment, import into another, rebind the reports there.
 *
 * @param lookupMap the import's mapping file for lookups to rows outside the schema (see
 *                  {@link DataImportRequest#lookupMap()})
 */
@JobSpec(name = "migrate", title = "Move configuration data, then rebind the reports",
        description = {"Export the schema's records from --from, import them into --to, then rebind the analytics",
                "report rows of --to to its own Power BI reports. Stops at the first failed step and says which."},
        exitCodes = {"0:every step done", "1:a step failed (the report names it); later steps did not run",
                "2:done, but some report rows need attention (see the rebind section)"})
public record MigrateRequest(
        @Param(description = "Source environment (e.g. contoso-dev)", required = true, label = "NAME", kind = ParamKind.READS_ENVIRONMENT)
        String from,
        @Param(description = "Target environment (e.g. contoso-prod)", required = true, label = "NAME", kind = ParamKind.WRITES_ENVIRONMENT)
        String to,
        @Param(description = "CMT schema file (e.g. config/schemas/analytics-reports.xml)", required = true, label = "FILE",
                kind = ParamKind.SCHEMA_FILE)
        Path schema,
        @Param(description = "Which analytics feature's reports to rebind", defaultValue = "all", label = "historical|realtime|all")
        FeatureSelection feature,
        @Param(description = "$batch requests in flight during the import", defaultValue = "4", label = "N", min = 1, max = 16)
        int connections,
        @Param(description = "Show what each step would do; write nothing to either environment")
        boolean dryRun,
        @Param(description = "Mapping file for lookups to rows the import does not create (users, teams, business units,"
                + " currencies): one <table>,<source id>,<target id> per line", cli = "--map", label = "FILE",
                kind = ParamKind.INPUT_FILE)
        Optional<Path> lookupMap) {

    /** A migration without a lookup mapping file. */
    public MigrateRequest(String from, String to, Path schema, FeatureSelection feature, int connections, boolean dryRun) {
        this(from, to, schema, feature, connections, dryRun, Optional.empty());
    }

    public MigrateRequest {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new InvalidRequestException(from == null || from.isBlank() ? "from" : "to",
                    "A migration names a source (--from) and a target (--to) environment");
        }
        if (from.equals(to)) {
            throw new InvalidRequestException("to", "--from and --to are the same environment (" + from + ")");
        }
        if (schema == null) {
            throw new InvalidRequestException("schema", "A migration needs a CMT schema file (--schema)");
        }
        lookupMap = lookupMap == null ? Optional.empty() : lookupMap;
        feature = feature == null ? FeatureSelection.ALL : feature;
    }
}
