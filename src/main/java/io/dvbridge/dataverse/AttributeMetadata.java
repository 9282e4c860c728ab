package io.dvbridge.dataverse;

import java.util.List;
import java.util.OptionalInt;

/**
 * One column of a table.
 *
 * @param attributeType     e.g. {@code String}, {@code Picklist}, {@code Lookup}
 * @param attributeTypeName e.g. {@code StringType} (AttributeTypeName.Value); empty when not given
 * @param requiredLevel     {@code None}, {@code SystemRequired}, {@code ApplicationRequired} or {@code Recommended}
 * @param maxLength         for String columns
 * @param options           for Picklist columns: the allowed values
 */
public record AttributeMetadata(String logicalName, String attributeType, String attributeTypeName, String requiredLevel,
                                boolean validForCreate, boolean validForUpdate, OptionalInt maxLength,
                                List<OptionMetadata> options) {

    public AttributeMetadata {
        options = List.copyOf(options);
    }

    public boolean systemRequired() {
        return "SystemRequired".equals(requiredLevel);
    }
}
