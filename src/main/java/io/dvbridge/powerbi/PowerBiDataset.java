package io.dvbridge.powerbi;

import java.util.Optional;

/** A dataset (semantic model) in a workspace. */
public record PowerBiDataset(String id, String name, Optional<String> configuredBy, Optional<String> webUrl,
                             boolean refreshable) {
}
