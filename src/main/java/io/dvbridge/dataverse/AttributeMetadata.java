package io.dvbridge.dataverse;

import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;

/**
 * One column of a table.
 *
 * @param attributeType     e.g. {@code String}, {@code Picklist}, {@code Lookup} ({@code Virtual} for multi-select choices)
 * @param attributeTypeName e.g. {@code StringType} (AttributeTypeName.Value); empty when not given
 * @param requiredLevel     {@code None}, {@code SystemRequired}, {@code ApplicationRequired} or {@code Recommended}
 * @param maxLength         for String and Memo columns
 * @param options           for Picklist and MultiSelectPicklist columns: the allowed values
 * @param dateTimeBehavior  for DateTime columns: {@code UserLocal}, {@code DateOnly} or {@code TimeZoneIndependent}
 *                          (DateTimeBehavior.Value); empty for other columns
 * @param minValue          for Integer, BigInt, Decimal, Double and Money columns: MinValue, when the metadata gives one
 * @param maxValue          MaxValue of the same columns
 * @param precision         for Decimal, Double and Money columns: the decimal places a value may have
 * @param targets           for Lookup, Customer and Owner columns: the tables a value may point to (Targets)
 */
public record AttributeMetadata(String logicalName, String attributeType, String attributeTypeName, String requiredLevel,
                                boolean validForCreate, boolean validForUpdate, OptionalInt maxLength,
                                List<OptionMetadata> options, String dateTimeBehavior, OptionalDouble minValue,
                                OptionalDouble maxValue, OptionalInt precision, List<String> targets) {

    public AttributeMetadata {
        options = List.copyOf(options);
        targets = List.copyOf(targets);
    }

    /** A column without numeric limits or lookup targets. */
    public AttributeMetadata(String logicalName, String attributeType, String attributeTypeName, String requiredLevel,
                             boolean validForCreate, boolean validForUpdate, OptionalInt maxLength,
                             List<OptionMetadata> options, String dateTimeBehavior) {
        this(logicalName, attributeType, attributeTypeName, requiredLevel, validForCreate, validForUpdate, maxLength, options,
                dateTimeBehavior, OptionalDouble.empty(), OptionalDouble.empty(), OptionalInt.empty(), List.of());
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
