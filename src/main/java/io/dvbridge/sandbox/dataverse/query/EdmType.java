package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.AttributeType;

/** The OData types a Dataverse property or literal has, by the names OData uses in its messages. */
enum EdmType {
    STRING("Edm.String"),
    INT32("Edm.Int32"),
    INT64("Edm.Int64"),
    DECIMAL("Edm.Decimal"),
    DOUBLE("Edm.Double"),
    SINGLE("Edm.Single"),
    BOOLEAN("Edm.Boolean"),
    DATETIMEOFFSET("Edm.DateTimeOffset"),
    DATE("Edm.Date"),
    TIMEOFDAY("Edm.TimeOfDay"),
    GUID("Edm.Guid"),
    COLLECTION("Collection(Edm.String)"),
    /** The type of the {@code null} literal: compatible with every other. */
    NULL("null");

    private final String odataName;

    EdmType(String odataName) {
        this.odataName = odataName;
    }

    String odataName() {
        return odataName;
    }

    boolean isNumeric() {
        return this == INT32 || this == INT64 || this == DECIMAL || this == DOUBLE || this == SINGLE;
    }

    /** How the Web API's $metadata types each Dataverse attribute type. */
    static EdmType of(AttributeType type) {
        return switch (type) {
            case STRING, MEMO, ENTITYNAME, MULTISELECTPICKLIST -> STRING;
            case INTEGER, PICKLIST, STATE, STATUS -> INT32;
            case BIGINT -> INT64;
            case DECIMAL, MONEY -> DECIMAL;
            case DOUBLE -> DOUBLE;
            case BOOLEAN -> BOOLEAN;
            case DATETIME -> DATETIMEOFFSET;
            case UNIQUEIDENTIFIER, LOOKUP, CUSTOMER, OWNER -> GUID;
        };
    }
}
