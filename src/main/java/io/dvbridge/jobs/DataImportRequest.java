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
 * @throws InvalidRequestException when a field is missing or out of range, or the results file would overwrite the data
 */
public record DataImportRequest(String environment, Path data, int connections, int chunkSize, Optional<Path> resultsFile,
                                boolean dryRun) {

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
        if (connections < 1 || connections > 16) {
            throw new InvalidRequestException("connections", "--connections must be between 1 and 16, not " + connections);
        }
        if (chunkSize < 1 || chunkSize > 1000) {
            throw new InvalidRequestException("chunkSize", "The chunk size must be between 1 and 1000, not " + chunkSize);
        }
        resultsFile.ifPresent(results -> OutputPaths.requireApart("results", results, "data", data));
    }

    public static DataImportRequest of(String environment, Path data) {
        return new DataImportRequest(environment, data, DEFAULT_CONNECTIONS, DEFAULT_CHUNK_SIZE, Optional.empty(), false);
    }

    public DataImportRequest withConnections(int value) {
        return new DataImportRequest(environment, data, value, chunkSize, resultsFile, dryRun);
    }

    public DataImportRequest withChunkSize(int value) {
        return new DataImportRequest(environment, data, connections, value, resultsFile, dryRun);
    }

    public DataImportRequest withResultsFile(Path value) {
        return new DataImportRequest(environment, data, connections, chunkSize, Optional.ofNullable(value), dryRun);
    }

    public DataImportRequest withDryRun(boolean value) {
        return new DataImportRequest(environment, data, connections, chunkSize, resultsFile, value);
    }
}
