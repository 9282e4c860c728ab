package io.dvbridge.push;

import java.util.Locale;

/** A column's Dataverse type as far as pushing values into it goes. */
public enum ColumnType {
    STRING, MEMO, INTEGER, BIGINT, DECIMAL, DOUBLE, MONEY, BOOLEAN, DATETIME, UNIQUEIDENTIFIER, LOOKUP, CHOICE, MULTI_CHOICE,
    /** File, Image, EntityName, calculated and other columns push does not write. */
    UNSUPPORTED;

    /**
     * From AttributeType (and AttributeTypeName, which tells a multi-select choice from other Virtual columns).
     * Customer and Owner are lookups; State and Status are choices.
     */
    public static ColumnType of(String attributeType, String attributeTypeName) {
        if ("MultiSelectPicklistType".equals(attributeTypeName)) {
            return MULTI_CHOICE;
        }
        return switch (attributeType == null ? "" : attributeType.toLowerCase(Locale.ROOT)) {
            case "string" -> STRING;
            case "memo" -> MEMO;
            case "integer" -> INTEGER;
            case "bigint" -> BIGINT;
            case "decimal" -> DECIMAL;
            case "double" -> DOUBLE;
            case "money" -> MONEY;
            case "boolean" -> BOOLEAN;
            case "datetime" -> DATETIME;
            case "uniqueidentifier" -> UNIQUEIDENTIFIER;
            case "lookup", "customer", "owner" -> LOOKUP;
            case "picklist", "state", "status" -> CHOICE;
            default -> UNSUPPORTED;
        };
    }

    boolean numeric() {
        return this == INTEGER || this == BIGINT || this == DECIMAL || this == DOUBLE || this == MONEY;
    }
}
