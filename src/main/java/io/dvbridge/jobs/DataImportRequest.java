package io.dvbridge.jobs;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code dvbridge data import}: a data.zip (or unpacked folder) into an environment.
 *
 * @param connections $batch requests sent at the same time (1..16)
 * @param chunkSize   records of one entity matched, planned and written together (1..1000); memory
 *                    holds one chunk, and one chunk's writes fit a $batch
 * @param resultsFile where to write the per-record results besides the run store; never the data itself
 * @param dryRun      plan and report, write nothing
 * @param lookupMap   a mapping file for lookups to rows the import does not create (users, teams, business
 *                    units, currencies, any table outside the schema) whose source id the target does not
 *                    have: one mapping per line, {@code <table>,<source id>,<target id>} (e.g.
 *                    {@code systemuser,0ff0de1d-...,7a000000-...}); blank lines and lines starting with
 *                    {@code #} are ignored. A mapped id wins over the file's lookupentityname. See
 *                    docs/migration.md.
 * @throws InvalidRequestException when a field is missing or out of range, or the results file would overwrite the data
 */
@JobSpec(name = "data-import", command = {"data", "import"}, title = "Import a data.zip, with a result for every record",
        description = {"Import a data.zip (or its unpacked folder) into an environment: match each record by id, then by its",
                "updateCompare fields, then by primary name; create or update only what differs; lookups after the",
                "records they point to; state and status last. Every record gets a result line."},
        exitCodes = {"0:every record created, updated or unchanged", "1:a record failed, or the import could not run"})
public record DataImportRequest(
        @Param(description = "Configured environment to write", required = true, cli = {"-e", "--environment"}, label = "NAME",
                kind = ParamKind.WRITES_ENVIRONMENT)
        String environment,
        @Param(description = "data.zip, or a folder holding its three files", required = true, label = "ZIP|FOLDER",
                kind = ParamKind.INPUT_FILE)
        Path data,
        @Param(description = "$batch requests in flight at once", defaultValue = "4", label = "N", min = 1, max = 16)
        int connections,
        @Param(description = "Records of one table matched, planned and written together", defaultValue = "1000", label = "N",
                min = 1, max = 1000)
        int chunkSize,
        @Param(description = "Also write the per-record results (JSON Lines) here; always kept in the run store",
                cli = "--results", label = "FILE", kind = ParamKind.OUTPUT_FILE)
        Optional<Path> resultsFile,
        @Param(description = "Plan and report every record; write nothing")
        boolean dryRun,
        @Param(description = "Mapping file for lookups to rows the import does not create (users, teams, business units,"
                + " currencies): one <table>,<source id>,<target id> per line", cli = "--map", label = "FILE",
                kind = ParamKind.INPUT_FILE)
        Optional<Path> lookupMap) {

    public static final int DEFAULT_CONNECTIONS = 4;
    public static final int DEFAULT_CHUNK_SIZE = 1000;

    public DataImportRequest {
        if (environment == null || environment.isBlank()) {
            throw new InvalidRequestException("environment", "An import must name an environment");
        }
        if (data == null) {
            throw new InvalidRequestException("data", "An import needs a data.zip or its unpacked folder");
        }
        Objects.requireNonNull(resultsFile, "resultsFile");
        Objects.requireNonNull(lookupMap, "lookupMap");
        if (connections < 1 || connections > 16) {
            throw new InvalidRequestException("connections", "--connections must be between 1 and 16, not " + connections);
        }
        if (chunkSize < 1 || chunkSize > 1000) {
            throw new InvalidRequestException("chunkSize", "The chunk size must be between 1 and 1000, not " + chunkSize);
        }
        resultsFile.ifPresent(results -> OutputPaths.requireApart("results", results, "data", data));
    }

    public static DataImportRequest of(String environment, Path data) {
        return new DataImportRequest(environment, data, DEFAULT_CONNECTIONS, DEFAULT_CHUNK_SIZE, Optional.empty(), false, Optional.empty());
    }

    public DataImportRequest withConnections(int value) {
        return new DataImportRequest(environment, data, value, chunkSize, resultsFile, dryRun, lookupMap);
    }

    public DataImportRequest withChunkSize(int value) {
        return new DataImportRequest(environment, data, connections, value, resultsFile, dryRun, lookupMap);
    }

    public DataImportRequest withResultsFile(Path value) {
        return new DataImportRequest(environment, data, connections, chunkSize, Optional.ofNullable(value), dryRun, lookupMap);
    }

    public DataImportRequest withDryRun(boolean value) {
        return new DataImportRequest(environment, data, connections, chunkSize, resultsFile, value, lookupMap);
    }

    public DataImportRequest withLookupMap(Path value) {
        return new DataImportRequest(environment, data, connections, chunkSize, resultsFile, dryRun, Optional.ofNullable(value));
    }
}
