package io.dvbridge.jobs;

import io.dvbridge.rebind.FeatureSelection;

import java.nio.file.Path;
import java.util.Objects;

/** {@code dvbridge migrate}: export from one environment, import into another, rebind the reports there. */
public record MigrateRequest(String from, String to, Path schema, FeatureSelection feature, int connections, boolean dryRun) {

    public MigrateRequest {
        if (from == null || from.isBlank() || to == null || to.isBlank()) {
            throw new IllegalArgumentException("A migration names a source (--from) and a target (--to) environment");
        }
        if (from.equals(to)) {
            throw new IllegalArgumentException("--from and --to are the same environment (" + from + ")");
        }
        Objects.requireNonNull(schema, "schema");
        feature = feature == null ? FeatureSelection.ALL : feature;
    }
}
