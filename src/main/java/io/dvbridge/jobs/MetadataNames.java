package io.dvbridge.jobs;

import io.dvbridge.cmt.TargetColumn;
import io.dvbridge.cmt.WebApiNames;
import io.dvbridge.dataverse.AttributeMetadata;
import io.dvbridge.dataverse.EntityMetadata;
import io.dvbridge.dataverse.OptionMetadata;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web API names from table metadata read through {@code dataverse:metadata}. A lookup's navigation
 * property comes from the table's many-to-one relationships (ReferencingEntityNavigationPropertyName),
 * never from a naming rule: Dataverse matches it case-sensitively and for custom lookups it is the
 * SchemaName ({@code msdyn_DataInsightsAndAnalyticsFeatureId}), not the logical name.
 */
final class MetadataNames implements WebApiNames {

    /** AttributeTypes Dataverse fills in on create when they are absent (owner: the caller; state/status: defaults). */
    private static final Set<String> DEFAULTED_BY_DATAVERSE = Set.of("Owner", "State", "Status");

    private final Map<String, EntityMetadata> tables = new ConcurrentHashMap<>();

    void add(EntityMetadata metadata) {
        tables.put(metadata.logicalName(), metadata);
    }

    boolean has(String logicalName) {
        return tables.containsKey(logicalName);
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

    @Override
    public Optional<TargetColumn> column(String table, String column) {
        EntityMetadata metadata = tables.get(table);
        return metadata == null ? Optional.empty() : metadata.attribute(column).map(MetadataNames::targetColumn);
    }

    private static TargetColumn targetColumn(AttributeMetadata a) {
        // Multi-select choices and images are AttributeType Virtual; AttributeTypeName says which (MultiSelectPicklistType).
        String type = a.attributeType().equals("Virtual") && a.attributeTypeName().endsWith("Type")
                ? a.attributeTypeName().substring(0, a.attributeTypeName().length() - "Type".length()) : a.attributeType();
        return new TargetColumn(a.logicalName(), type, a.requiredLevel(), a.validForCreate(), a.validForUpdate(),
                a.maxLength(), a.options().stream().map(OptionMetadata::value).toList());
    }

    @Override
    public List<String> requiredForCreate(String table) {
        EntityMetadata metadata = tables.get(table);
        if (metadata == null) {
            return List.of();
        }
        return metadata.attributes().stream()
                .filter(a -> a.systemRequired() && a.validForCreate() && !DEFAULTED_BY_DATAVERSE.contains(a.attributeType()))
                .map(AttributeMetadata::logicalName).toList();
    }
}
