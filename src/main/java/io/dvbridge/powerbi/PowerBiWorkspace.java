package io.dvbridge.powerbi;

import java.util.Optional;

/** A workspace (group) the caller can see. */
public record PowerBiWorkspace(String id, String name, boolean readOnly, boolean onDedicatedCapacity,
                               Optional<String> capacityId) {
}
