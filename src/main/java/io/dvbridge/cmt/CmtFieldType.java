package io.dvbridge.cmt;

import java.util.Arrays;
import java.util.Optional;

/**
 * The field types the Configuration Migration tool writes into a schema file, by their exact
 * attribute spelling. Anything else is rejected when a schema is read: guessing a type would
 * silently change how values are converted.
 */
public enum CmtFieldType {
    STRING("string"),
    NUMBER("number"),
    BIGINT("bigint"),
    DECIMAL("decimal"),
    FLOAT("float"),
    MONEY("money"),
    BOOL("bool"),
    GUID("guid"),
    DATETIME("datetime"),
    ENTITYREFERENCE("entityreference"),
    OWNER("owner"),
    CUSTOMER("customer"),
    STATE("state"),
    STATUS("status"),
    OPTIONSETVALUE("optionsetvalue"),
    OPTIONSETVALUECOLLECTION("optionsetvaluecollection"),
    PARTYLIST("partylist"),
    IMAGEDATA("imagedata"),
    FILEDATA("filedata");

    private final String schemaName;

    CmtFieldType(String schemaName) {
        this.schemaName = schemaName;
    }

    /** The spelling used in the schema's {@code type} attribute. */
    public String schemaName() {
        return schemaName;
    }

    /** Lookup-like: the value is a record id with a {@code lookupentity}. */
    public boolean isLookup() {
        return this == ENTITYREFERENCE || this == OWNER || this == CUSTOMER;
    }

    /** statecode / statuscode: applied after the records exist, as the tool does. */
    public boolean isStateOrStatus() {
        return this == STATE || this == STATUS;
    }

    /**
     * Types whose values dvbridge does not move yet: activity party lists (nested XML) and file
     * columns (binary files beside data.xml). They are accepted in a schema but a value of them in
     * data is refused rather than dropped.
     */
    public boolean valuesSupported() {
        return this != PARTYLIST && this != FILEDATA;
    }

    /** The type for a schema {@code type} attribute (case-sensitive, as the tool writes it). */
    public static Optional<CmtFieldType> fromSchemaName(String name) {
        return Arrays.stream(values()).filter(t -> t.schemaName.equals(name)).findFirst();
    }

    /** All accepted spellings, for error messages. */
    public static String knownNames() {
        return String.join(", ", Arrays.stream(values()).map(CmtFieldType::schemaName).toList());
    }
}
