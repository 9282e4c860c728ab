package io.dvbridge.cmt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code <entity>} of a schema: which table, which fields, which records (the FetchXML
 * {@code <filter>}, already XML-unescaped) and which many-to-many relationships to move.
 *
 * @param primaryNameField empty for tables without a primary name column (records are then matched by
 *                         id and updateCompare fields only)
 * @param skipUpdate       {@code skipupdate="true"}: records that already exist in the target are left
 *                         as they are; only missing ones are created
 */
public record CmtEntity(String name, String displayName, Optional<Integer> etc, String primaryIdField,
                        Optional<String> primaryNameField, boolean disablePlugins, boolean skipUpdate, List<CmtField> fields,
                        Optional<String> filter, List<CmtRelationship> relationships) {

    public CmtEntity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(etc, "etc");
        Objects.requireNonNull(primaryIdField, "primaryIdField");
        Objects.requireNonNull(primaryNameField, "primaryNameField");
        fields = List.copyOf(fields);
        Objects.requireNonNull(filter, "filter");
        relationships = List.copyOf(relationships);
    }

    public Optional<CmtField> field(String fieldName) {
        return fields.stream().filter(f -> f.name().equals(fieldName)).findFirst();
    }

    /** The fields marked {@code updateCompare}: the uniqueness condition, in schema order. */
    public List<CmtField> updateCompareFields() {
        return fields.stream().filter(CmtField::updateCompare).toList();
    }

    public Optional<CmtRelationship> relationship(String relationshipName) {
        return relationships.stream().filter(r -> r.name().equals(relationshipName)).findFirst();
    }

    /**
     * Web API properties to {@code $select} when fetching this table's existing rows: every schema
     * field, lookups as {@code _x_value}.
     */
    public List<String> webApiSelect() {
        return fields.stream().map(CmtField::webApiAttribute).distinct().toList();
    }
}
