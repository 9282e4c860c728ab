package io.dvbridge.dataverse;

import java.util.List;
import java.util.Optional;

/**
 * A table's definition as Dataverse describes it (EntityDefinitions), with its columns.
 *
 * @param primaryNameAttribute empty for tables without a primary name column
 */
public record EntityMetadata(String logicalName, String entitySetName, String primaryIdAttribute,
                             String primaryNameAttribute, boolean changeTrackingEnabled,
                             List<AttributeMetadata> attributes) {

    public EntityMetadata {
        attributes = List.copyOf(attributes);
    }

    public Optional<AttributeMetadata> attribute(String logicalName) {
        return attributes.stream().filter(a -> a.logicalName().equals(logicalName)).findFirst();
    }
}
