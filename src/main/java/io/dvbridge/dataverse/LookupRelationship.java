package io.dvbridge.dataverse;

/**
 * One many-to-one relationship of a table (EntityDefinitions/ManyToOneRelationships): lookup column
 * {@code referencingAttribute} points at {@code referencedEntity}, and a write sets it through
 * {@code <navigationProperty>@odata.bind}. The navigation property's name is case-sensitive and is not
 * derivable from the column's logical name: for a custom lookup it is usually the column's SchemaName
 * ({@code msdyn_DataInsightsAndAnalyticsFeatureId}); a customer lookup has one per target
 * ({@code parentcustomerid_account}); an owner lookup has one ({@code ownerid}) to the abstract
 * {@code owner} table.
 *
 * @param schemaName          the relationship's SchemaName
 * @param navigationProperty  ReferencingEntityNavigationPropertyName
 */
public record LookupRelationship(String schemaName, String referencingAttribute, String referencedEntity,
                                 String referencedAttribute, String navigationProperty) {
}
