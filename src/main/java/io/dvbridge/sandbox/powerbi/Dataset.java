package io.dvbridge.sandbox.powerbi;

import java.time.Instant;
import java.util.Optional;

/**
 * A dataset (semantic model) in a workspace.
 *
 * @param sourceDatasetId the dataset in the previous pipeline stage this one was deployed from
 */
public record Dataset(String id, String workspaceId, String name, String configuredBy, boolean refreshable,
                      Instant createdDate, Optional<String> sourceDatasetId, Optional<Instant> lastDeployment) {
}
