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
 * @param dateTimeBehavior  for DateTime columns: {@code UserLocal}, {@code DateOnly} or {@code TimeZoneIndependent}
 *                          (DateTimeBehavior.Value); empty for other columns
 */
public record AttributeMetadata(String logicalName, String attributeType, String attributeTypeName, String requiredLevel,
                                boolean validForCreate, boolean validForUpdate, OptionalInt maxLength,
                                List<OptionMetadata> options, String dateTimeBehavior) {

    public AttributeMetadata {
        options = List.copyOf(options);
    }

    /**
     * Whether the column's values carry no time zone: DateOnly and TimeZoneIndependent dates are shown as
     * stored, whatever the reader's zone (the Web API still writes a {@code Z} on the latter).
     */
    public boolean zoneless() {
        return dateTimeBehavior.equals("DateOnly") || dateTimeBehavior.equals("TimeZoneIndependent");
    }

    public boolean systemRequired() {
        return "SystemRequired".equals(requiredLevel);
    }
}
