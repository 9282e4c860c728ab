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
 * @param resultsFile where to write the per-record results besides the run store
 * @param dryRun      plan and report, write nothing
 * @param lookupMap   a mapping file for lookups to rows the import does not create (users, teams, business
 *                    units, currencies, any table outside the schema) whose source id the target does not
 *                    have: one mapping per line, {@code <table>,<source id>,<target id>} (e.g.
 *                    {@code systemuser,0ff0de1d-...,7a000000-...}); blank lines and lines starting with
 *                    {@code #} are ignored. A mapped id wins over the file's lookupentityname. See
 *                    docs/migration.md.
 */
public record DataImportRequest(String environment, Path data, int connections, int chunkSize, Optional<Path> resultsFile,
                                boolean dryRun, Optional<Path> lookupMap) {

    public static final int DEFAULT_CONNECTIONS = 4;
    public static final int DEFAULT_CHUNK_SIZE = 1000;

    public DataImportRequest {
        if (environment == null || environment.isBlank()) {
            throw new IllegalArgumentException("An import must name an environment");
        }
        Objects.requireNonNull(data, "data");
        Objects.requireNonNull(resultsFile, "resultsFile");
        Objects.requireNonNull(lookupMap, "lookupMap");
        if (connections < 1 || connections > 16) {
            throw new IllegalArgumentException("--connections must be between 1 and 16, not " + connections);
        }
        if (chunkSize < 1 || chunkSize > 1000) {
            throw new IllegalArgumentException("The chunk size must be between 1 and 1000, not " + chunkSize);
        }
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
