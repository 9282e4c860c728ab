package io.dvbridge.cmt;

import java.util.List;
import java.util.Objects;

/**
 * One {@code <m2mrelationship>} of data.xml: the records of {@code targetEntity} associated with one
 * source record through a many-to-many relationship.
 */
public record CmtM2M(String entity, String relationshipName, String sourceId, String targetEntity,
                     String targetIdField, List<String> targetIds) {

    public CmtM2M {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(relationshipName, "relationshipName");
        Objects.requireNonNull(sourceId, "sourceId");
        Objects.requireNonNull(targetEntity, "targetEntity");
        Objects.requireNonNull(targetIdField, "targetIdField");
        targetIds = List.copyOf(targetIds);
    }
}
