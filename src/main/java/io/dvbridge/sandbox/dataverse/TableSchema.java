package io.dvbridge.sandbox.dataverse;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The metadata of a sandbox table: names, primary columns, columns and alternate keys. */
public final class TableSchema {

    private final String logicalName;
    private final String entitySetName;
    private final String displayName;
    private final String primaryId;
    private final String primaryName;
    private final boolean changeTracking;
    private final boolean elastic;
    private final int objectTypeCode;
    private final Map<String, Column> columns;
    private final Map<String, Column> byProperty = new LinkedHashMap<>();
    private final List<List<String>> keys;

    public TableSchema(String logicalName, String entitySetName, String displayName, String primaryId, String primaryName,
                       boolean changeTracking, boolean elastic, int objectTypeCode, Collection<Column> columns,
                       List<List<String>> keys) {
        this.logicalName = logicalName;
        this.entitySetName = entitySetName;
        this.displayName = displayName;
        this.primaryId = primaryId;
        this.primaryName = primaryName;
        this.changeTracking = changeTracking;
        this.elastic = elastic;
        this.objectTypeCode = objectTypeCode;
        this.columns = new LinkedHashMap<>();
        for (Column c : columns) {
            this.columns.put(c.name(), c);
            byProperty.put(c.valueProperty(), c);
        }
        this.keys = List.copyOf(keys);
    }

    public String logicalName() {
        return logicalName;
    }

    public String entitySetName() {
        return entitySetName;
    }

    public String displayName() {
        return displayName;
    }

    public String primaryId() {
        return primaryId;
    }

    /** The primary name column, if the table has one. */
    public Optional<String> primaryName() {
        return Optional.ofNullable(primaryName);
    }

    public boolean changeTracking() {
        return changeTracking;
    }

    public boolean elastic() {
        return elastic;
    }

    public int objectTypeCode() {
        return objectTypeCode;
    }

    public Collection<Column> columns() {
        return columns.values();
    }

    /** A column by logical name ({@code parentaccountid}). */
    public Optional<Column> column(String logicalName) {
        return Optional.ofNullable(columns.get(logicalName));
    }

    /** A column by Web API property name ({@code _parentaccountid_value} for lookups, else the logical name). */
    public Optional<Column> property(String propertyName) {
        return Optional.ofNullable(byProperty.get(propertyName));
    }

    public List<List<String>> keys() {
        return keys;
    }
}
