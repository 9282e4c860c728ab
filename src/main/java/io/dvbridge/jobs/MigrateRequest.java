package io.dvbridge.jobs;

import io.dvbridge.rebind.FeatureSelection;

import java.nio.file.Path;

/**
 * {@code dvbridge migrate}: export from one environment, import into another, rebind the reports there. Its only
 * output, data.zip, goes into the run's own folder, so no output can meet the schema file.
 *
 * @throws InvalidRequestException when a field is missing or out of range
 */
public record MigrateRequest(String from, String to, Path schema, FeatureSelection feature, int connections, boolean dryRun) {

    public MigrateRequest {
        if (from == null || from.isBlank()) {
            throw new InvalidRequestException("from", "A migration names a source (--from) and a target (--to) environment");
        }
        if (to == null || to.isBlank()) {
            throw new InvalidRequestException("to", "A migration names a source (--from) and a target (--to) environment");
        }
        if (from.equals(to)) {
            throw new InvalidRequestException("to", "--from and --to are the same environment (" + from + ")");
        }
        if (schema == null) {
            throw new InvalidRequestException("schema", "A migration needs a CMT schema file");
        }
        if (connections < 1 || connections > 16) {
            throw new InvalidRequestException("connections", "--connections must be between 1 and 16, not " + connections);
        }
        feature = feature == null ? FeatureSelection.ALL : feature;
    }
}
