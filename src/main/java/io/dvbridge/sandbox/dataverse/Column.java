package io.dvbridge.sandbox.dataverse;

import java.util.List;
import java.util.Map;

/**
 * A column of a sandbox table. For lookups {@code name} is the logical name (e.g.
 * {@code parentaccountid}) while rows store the value under {@link #valueProperty()}
 * ({@code _parentaccountid_value}).
 */
public record Column(String name, AttributeType type, String displayName, Integer maxLength, String requiredLevel,
                     List<String> targets, Map<Integer, String> options, boolean validForCreate, boolean validForUpdate,
                     Integer precision, Double minValue, Double maxValue) {

    /** The property name under which the Web API shows and filters this column's value. */
    public String valueProperty() {
        return type.isLookup() ? "_" + name + "_value" : name;
    }

    public boolean systemRequired() {
        return "SystemRequired".equals(requiredLevel);
    }
}
