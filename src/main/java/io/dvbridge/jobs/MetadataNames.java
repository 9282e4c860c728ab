package io.dvbridge.jobs;

import io.dvbridge.cmt.WebApiNames;
import io.dvbridge.dataverse.EntityMetadata;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Web API names from table metadata read through {@code dataverse:metadata}. A lookup's navigation
 * property is the lookup's logical name, or {@code <lookup>_<target>} for a lookup to several tables
 * (customer, owner), as Dataverse names the single-valued navigation properties of system lookups.
 */
final class MetadataNames implements WebApiNames {

    private final Map<String, EntityMetadata> tables = new ConcurrentHashMap<>();

    void add(EntityMetadata metadata) {
        tables.put(metadata.logicalName(), metadata);
    }

    boolean knows(String table) {
        return tables.containsKey(table);
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

    @Override
    public String lookupNavigationProperty(String table, String lookupField, String targetTable) {
        EntityMetadata metadata = table(table);
        boolean polymorphic = metadata.attribute(lookupField)
                .map(a -> a.attributeType().equals("Customer") || a.attributeType().equals("Owner")).orElse(false);
        return polymorphic ? lookupField + "_" + targetTable : lookupField;
    }
}
