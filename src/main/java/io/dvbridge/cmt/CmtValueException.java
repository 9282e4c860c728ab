package io.dvbridge.cmt;

import java.util.Optional;

/**
 * A value that cannot be converted between its Web API form and its Configuration Migration tool
 * form (wrong JSON type, malformed number, GUID or date, unsupported column kind). Conversions
 * raise it without context; the writer, reader and planner add the entity, record and field.
 */
public final class CmtValueException extends RuntimeException {

    private final String reason;
    private final String entity;
    private final String recordId;
    private final String field;

    CmtValueException(String reason) {
        this(reason, "", "", "");
    }

    private CmtValueException(String reason, String entity, String recordId, String field) {
        super(entity.isEmpty() ? reason : "entity '" + entity + "'"
                + (recordId.isEmpty() ? "" : ", record " + recordId)
                + (field.isEmpty() ? "" : ", field '" + field + "'") + ": " + reason);
        this.reason = reason;
        this.entity = entity;
        this.recordId = recordId;
        this.field = field;
    }

    /** The same problem, located at a record and field. */
    CmtValueException at(String entityName, String record, String fieldName) {
        return new CmtValueException(reason, entityName, record, fieldName);
    }

    public String reason() {
        return reason;
    }

    public Optional<String> entity() {
        return entity.isEmpty() ? Optional.empty() : Optional.of(entity);
    }

    public Optional<String> recordId() {
        return recordId.isEmpty() ? Optional.empty() : Optional.of(recordId);
    }

    public Optional<String> field() {
        return field.isEmpty() ? Optional.empty() : Optional.of(field);
    }
}
