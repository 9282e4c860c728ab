package io.dvbridge.cmt;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;

/**
 * What the target environment's metadata says about one column (EntityDefinitions/Attributes), so the
 * planner sends only what Dataverse accepts and a dry run predicts the failures a real run would meet.
 *
 * @param attributeType Dataverse's AttributeType, e.g. {@code String}, {@code Money}, {@code Lookup}
 * @param requiredLevel {@code None}, {@code SystemRequired}, {@code ApplicationRequired} or {@code Recommended}
 * @param maxLength     for text columns
 * @param options       for choice columns: the allowed values (empty: not a choice column or not known)
 */
public record TargetColumn(String logicalName, String attributeType, String requiredLevel, boolean validForCreate,
                           boolean validForUpdate, OptionalInt maxLength, List<Integer> options) {

    /** The AttributeTypes each CMT field type may be written to. */
    private static final Map<CmtFieldType, Set<String>> COMPATIBLE = Map.ofEntries(
            Map.entry(CmtFieldType.STRING, Set.of("String", "Memo", "EntityName")),
            Map.entry(CmtFieldType.NUMBER, Set.of("Integer")),
            Map.entry(CmtFieldType.BIGINT, Set.of("BigInt")),
            Map.entry(CmtFieldType.DECIMAL, Set.of("Decimal", "Money", "Double")),
            Map.entry(CmtFieldType.MONEY, Set.of("Money", "Decimal")),
            Map.entry(CmtFieldType.FLOAT, Set.of("Double", "Decimal")),
            Map.entry(CmtFieldType.BOOL, Set.of("Boolean")),
            Map.entry(CmtFieldType.GUID, Set.of("Uniqueidentifier")),
            Map.entry(CmtFieldType.DATETIME, Set.of("DateTime")),
            Map.entry(CmtFieldType.ENTITYREFERENCE, Set.of("Lookup", "Customer", "Owner")),
            Map.entry(CmtFieldType.OWNER, Set.of("Owner", "Lookup")),
            Map.entry(CmtFieldType.CUSTOMER, Set.of("Customer", "Lookup")),
            Map.entry(CmtFieldType.OPTIONSETVALUE, Set.of("Picklist")),
            Map.entry(CmtFieldType.STATE, Set.of("State")),
            Map.entry(CmtFieldType.STATUS, Set.of("Status")),
            Map.entry(CmtFieldType.OPTIONSETVALUECOLLECTION, Set.of("MultiSelectPicklist")),
            Map.entry(CmtFieldType.IMAGEDATA, Set.of("Image", "Virtual")));

    public TargetColumn {
        Objects.requireNonNull(logicalName, "logicalName");
        Objects.requireNonNull(attributeType, "attributeType");
        Objects.requireNonNull(requiredLevel, "requiredLevel");
        Objects.requireNonNull(maxLength, "maxLength");
        options = List.copyOf(options);
    }

    /** Whether Dataverse takes this column in a create ({@code true}) or an update ({@code false}). */
    public boolean writable(boolean create) {
        return create ? validForCreate : validForUpdate;
    }

    /** Whether a schema field of {@code type} can be written to this column; unknown AttributeTypes are not judged. */
    public boolean accepts(CmtFieldType type) {
        Set<String> targets = COMPATIBLE.get(type);
        return targets == null || targets.contains(attributeType) || !knownType();
    }

    private boolean knownType() {
        return COMPATIBLE.values().stream().anyMatch(s -> s.contains(attributeType));
    }
}
