package io.dvbridge.dataverse;

import java.util.List;
import java.util.Optional;

/**
 * A table's definition as Dataverse describes it (EntityDefinitions), with its columns and, for a
 * table with lookups, its many-to-one relationships (which name the lookups' navigation properties).
 *
 * @param primaryNameAttribute empty for tables without a primary name column
 * @param manyToMany           the table's N:N relationships when they were read (option manyToMany of the
 *                             metadata operation), else empty
 * @param keys                 the table's alternate keys (EntityDefinitions/Keys)
 */
public record EntityMetadata(String logicalName, String entitySetName, String primaryIdAttribute,
                             String primaryNameAttribute, boolean changeTrackingEnabled,
                             List<AttributeMetadata> attributes, List<LookupRelationship> lookups,
                             Optional<List<ManyToManyRelationship>> manyToMany, List<AlternateKey> keys) {

    public EntityMetadata {
        attributes = List.copyOf(attributes);
        lookups = List.copyOf(lookups);
        manyToMany = manyToMany.map(List::copyOf);
        keys = List.copyOf(keys);
    }

    /** A table without alternate keys. */
    public EntityMetadata(String logicalName, String entitySetName, String primaryIdAttribute, String primaryNameAttribute,
                          boolean changeTrackingEnabled, List<AttributeMetadata> attributes, List<LookupRelationship> lookups,
                          Optional<List<ManyToManyRelationship>> manyToMany) {
        this(logicalName, entitySetName, primaryIdAttribute, primaryNameAttribute, changeTrackingEnabled, attributes, lookups,
                manyToMany, List.of());
    }

    /** A table whose many-to-many relationships were not read. */
    public EntityMetadata(String logicalName, String entitySetName, String primaryIdAttribute, String primaryNameAttribute,
                          boolean changeTrackingEnabled, List<AttributeMetadata> attributes, List<LookupRelationship> lookups) {
        this(logicalName, entitySetName, primaryIdAttribute, primaryNameAttribute, changeTrackingEnabled, attributes, lookups,
                Optional.empty());
    }

    public EntityMetadata withManyToMany(List<ManyToManyRelationship> relationships) {
        return new EntityMetadata(logicalName, entitySetName, primaryIdAttribute, primaryNameAttribute, changeTrackingEnabled,
                attributes, lookups, Optional.of(relationships), keys);
    }

    /**
     * The N:N relationship a CMT file names: CMT writes the relationship's name in lower case (the SchemaName
     * lower-cased, which is also the usual intersect table name), so either matches, ignoring case. Empty when
     * the relationships were not read or none matches.
     */
    public Optional<ManyToManyRelationship> manyToMany(String name) {
        return manyToMany.orElse(List.of()).stream().filter(r -> r.schemaName().equalsIgnoreCase(name)
                || r.intersectEntityName().equalsIgnoreCase(name)).findFirst();
    }

    /** A table without lookup relationships. */
    public EntityMetadata(String logicalName, String entitySetName, String primaryIdAttribute, String primaryNameAttribute,
                          boolean changeTrackingEnabled, List<AttributeMetadata> attributes) {
        this(logicalName, entitySetName, primaryIdAttribute, primaryNameAttribute, changeTrackingEnabled, attributes, List.of());
    }

    /** The alternate key of this logical name. */
    public Optional<AlternateKey> key(String name) {
        return keys.stream().filter(k -> k.logicalName().equals(name)).findFirst();
    }

    public Optional<AttributeMetadata> attribute(String logicalName) {
        return attributes.stream().filter(a -> a.logicalName().equals(logicalName)).findFirst();
    }

    /**
     * The single-valued navigation property that sets lookup {@code lookupAttribute} to a row of
     * {@code targetTable}, as the table's relationships name it: the relationship to that target, or,
     * when the lookup has one navigation property for all its targets (owner: {@code ownerid} to the
     * abstract {@code owner} table), that one. Empty when the metadata does not say.
     */
    public Optional<String> navigationProperty(String lookupAttribute, String targetTable) {
        List<LookupRelationship> ofLookup = lookups.stream().filter(r -> r.referencingAttribute().equals(lookupAttribute)).toList();
        Optional<String> exact = ofLookup.stream().filter(r -> r.referencedEntity().equals(targetTable))
                .map(LookupRelationship::navigationProperty).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        List<String> names = ofLookup.stream().map(LookupRelationship::navigationProperty).distinct().toList();
        return names.size() == 1 ? Optional.of(names.get(0)) : Optional.empty();
    }
}
