package io.dvbridge.sandbox.dataverse;

import java.util.Locale;
import java.util.Optional;

/**
 * Dataverse attribute types and the Java type a stored value has in the sandbox:
 * String, Memo, EntityName, MultiSelectPicklist (comma-separated values) -> String;
 * Integer, Picklist, State, Status -> Integer; BigInt -> Long; Decimal, Money -> BigDecimal;
 * Double -> Double; Boolean -> Boolean; DateTime -> Instant; Uniqueidentifier and the lookups
 * (Lookup, Customer, Owner, stored under {@code _<name>_value}) -> UUID. Null means no value.
 */
public enum AttributeType {
    STRING("String", "StringType", "StringAttributeMetadata"),
    MEMO("Memo", "MemoType", "MemoAttributeMetadata"),
    INTEGER("Integer", "IntegerType", "IntegerAttributeMetadata"),
    BIGINT("BigInt", "BigIntType", "BigIntAttributeMetadata"),
    DECIMAL("Decimal", "DecimalType", "DecimalAttributeMetadata"),
    DOUBLE("Double", "DoubleType", "DoubleAttributeMetadata"),
    MONEY("Money", "MoneyType", "MoneyAttributeMetadata"),
    BOOLEAN("Boolean", "BooleanType", "BooleanAttributeMetadata"),
    DATETIME("DateTime", "DateTimeType", "DateTimeAttributeMetadata"),
    UNIQUEIDENTIFIER("Uniqueidentifier", "UniqueidentifierType", "AttributeMetadata"),
    LOOKUP("Lookup", "LookupType", "LookupAttributeMetadata"),
    CUSTOMER("Customer", "CustomerType", "LookupAttributeMetadata"),
    OWNER("Owner", "OwnerType", "LookupAttributeMetadata"),
    PICKLIST("Picklist", "PicklistType", "PicklistAttributeMetadata"),
    STATE("State", "StateType", "StateAttributeMetadata"),
    STATUS("Status", "StatusType", "StatusAttributeMetadata"),
    MULTISELECTPICKLIST("Virtual", "MultiSelectPicklistType", "MultiSelectPicklistAttributeMetadata"),
    ENTITYNAME("EntityName", "EntityNameType", "EntityNameAttributeMetadata");

    private final String attributeType;
    private final String typeName;
    private final String metadataType;

    AttributeType(String attributeType, String typeName, String metadataType) {
        this.attributeType = attributeType;
        this.typeName = typeName;
        this.metadataType = metadataType;
    }

    /** The AttributeType value in metadata, e.g. "String" (multi-select choices report "Virtual"). */
    public String attributeType() {
        return attributeType;
    }

    /** The AttributeTypeName value, e.g. "StringType". */
    public String typeName() {
        return typeName;
    }

    /** The metadata class name without namespace, e.g. "StringAttributeMetadata". */
    public String metadataType() {
        return metadataType;
    }

    public boolean isLookup() {
        return this == LOOKUP || this == CUSTOMER || this == OWNER;
    }

    public boolean isChoice() {
        return this == PICKLIST || this == STATE || this == STATUS || this == MULTISELECTPICKLIST;
    }

    public boolean isText() {
        return this == STRING || this == MEMO || this == ENTITYNAME || this == MULTISELECTPICKLIST;
    }

    /** Reads a fixture type name such as "String" or "MultiSelectPicklist" (case-insensitive). */
    public static Optional<AttributeType> fromFixture(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        for (AttributeType t : values()) {
            if (t.name().toLowerCase(Locale.ROOT).equals(n) || t.typeName.toLowerCase(Locale.ROOT).equals(n)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
