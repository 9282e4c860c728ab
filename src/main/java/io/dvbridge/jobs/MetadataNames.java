package io.dvbridge.jobs;

import io.dvbridge.cmt.WebApiNames;
import io.dvbridge.dataverse.EntityMetadata;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web API names from table metadata read through {@code dataverse:metadata}. A lookup's navigation
 * property comes from the table's many-to-one relationships (ReferencingEntityNavigationPropertyName),
 * never from a naming rule: Dataverse matches it case-sensitively and for custom lookups it is the
 * SchemaName ({@code msdyn_DataInsightsAndAnalyticsFeatureId}), not the logical name.
 */
final class MetadataNames implements WebApiNames {

    private final Map<String, EntityMetadata> tables = new ConcurrentHashMap<>();

    void add(EntityMetadata metadata) {
        tables.put(metadata.logicalName(), metadata);
    }

    EntityMetadata table(String logicalName) {
        EntityMetadata metadata = tables.get(logicalName);
        if (metadata == null) {
            throw new IllegalStateException("No metadata was read for table '" + logicalName + "'");
        }
        return metadata;
    }

    @Override
    public String entitySetName(String table) {
        return table(table).entitySetName();
    }

    /**
     * @throws IllegalStateException when the table's metadata names no navigation property for the lookup
     *                               and target (the planner fails that record with this message)
     */
    @Override
    public String lookupNavigationProperty(String table, String lookupField, String targetTable) {
        return table(table).navigationProperty(lookupField, targetTable).orElseThrow(() -> new IllegalStateException(
                "Table '" + table + "' has no many-to-one relationship from lookup '" + lookupField + "' to '" + targetTable
                        + "' in the target environment's metadata"));
    }
}
