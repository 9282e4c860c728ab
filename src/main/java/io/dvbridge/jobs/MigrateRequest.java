package io.dvbridge.jobs;

import io.dvbridge.rebind.FeatureSelection;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code dvbridge migrate}: export from one environment, import into another, rebind the reports there.
 *
 * @param lookupMap the import's mapping file for lookups to rows outside the schema (see
 *                  {@link DataImportRequest#lookupMap()})
 */
public record MigrateRequest(String from, String to, Path schema, FeatureSelection feature, int connections, boolean dryRun,
                             Optional<Path> lookupMap) {

    /** A migration without a lookup mapping file. */
    public MigrateRequest(String from, String to, Path schema, FeatureSelection feature, int connections, boolean dryRun) {
        this(from, to, schema, feature, connections, dryRun, Optional.empty());
    }

    public MigrateRequest {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new IllegalArgumentException("A migration names a source (--from) and a target (--to) environment");
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("--from and --to are the same environment (" + from + ")");
        }
        Objects.requireNonNull(schema, "schema");
        Objects.requireNonNull(lookupMap, "lookupMap");
        feature = feature == null ? FeatureSelection.ALL : feature;
    }
}
