package io.dvbridge.dataverse;

import java.util.Optional;

/**
 * One N:N relationship of a table (EntityDefinitions/ManyToManyRelationships): rows of {@code entity1} and
 * {@code entity2} are associated through the intersect table; on each side's rows the collection-valued
 * navigation property lists the other side's rows and takes new associations ({@code .../<navigation>/$ref}).
 */
public record ManyToManyRelationship(String schemaName, String entity1, String entity2, String entity1NavigationProperty,
                                     String entity2NavigationProperty, String intersectEntityName) {

    /**
     * The navigation property on rows of {@code table} towards {@code other}. For a reflexive relationship
     * (both sides the same table) it is Entity1's.
     */
    public Optional<String> navigationFrom(String table, String other) {
        if (entity1.equals(table) && entity2.equals(other)) {
            return Optional.of(entity1NavigationProperty);
        }
        if (entity2.equals(table) && entity1.equals(other)) {
            return Optional.of(entity2NavigationProperty);
        }
        return Optional.empty();
    }
}
