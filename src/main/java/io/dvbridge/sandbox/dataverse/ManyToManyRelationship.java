package io.dvbridge.sandbox.dataverse;

/**
 * An N:N relationship as EntityDefinitions(...)/ManyToManyRelationships describes it
 * (ManyToManyRelationshipMetadata): each side's table and the collection-valued navigation property
 * that lists, on a row of that table, the rows of the other side.
 */
record ManyToManyRelationship(String schemaName, String entity1, String entity2, String intersectEntity,
                              String entity1Navigation, String entity2Navigation) {

    /** The navigation property on rows of {@code table}, or null when the relationship is not on that table. */
    boolean hasNavigation(String table, String navigation) {
        return (entity1.equals(table) && entity1Navigation.equals(navigation)) || (entity2.equals(table) && entity2Navigation.equals(navigation));
    }

    /** The table on the other side of a navigation from {@code table}. */
    String otherSide(String table, String navigation) {
        return entity1.equals(table) && entity1Navigation.equals(navigation) ? entity2 : entity1;
    }

    /** Whether a navigation from {@code table} starts on the Entity1 side. */
    boolean fromEntity1(String table, String navigation) {
        return entity1.equals(table) && entity1Navigation.equals(navigation);
    }
}
