package io.dvbridge.cmt;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code <relationship>} of a schema entity. Many-to-many relationships carry the target table
 * and its id field, which data.xml repeats on each association.
 */
public record CmtRelationship(String name, boolean manyToMany, boolean reflexive,
                              Optional<String> relatedEntityName, Optional<String> m2mTargetEntity,
                              Optional<String> m2mTargetEntityPrimaryKey) {

    public CmtRelationship {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(relatedEntityName, "relatedEntityName");
        Objects.requireNonNull(m2mTargetEntity, "m2mTargetEntity");
        Objects.requireNonNull(m2mTargetEntityPrimaryKey, "m2mTargetEntityPrimaryKey");
    }

    /** A many-to-many relationship to {@code targetEntity} through the intersect table {@code intersect}. */
    public static CmtRelationship manyToMany(String name, String intersect, String targetEntity, String targetPrimaryKey) {
        return new CmtRelationship(name, true, false, Optional.of(intersect), Optional.of(targetEntity),
                Optional.of(targetPrimaryKey));
    }
}
