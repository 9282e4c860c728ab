package io.dvbridge.cmt;

import java.util.Optional;

/**
 * A Configuration Migration tool file (schema or data) that cannot be read: malformed or hostile XML,
 * a missing required attribute, an unknown field type, a value that does not fit its field.
 * Carries the file, line and column, and where known the entity, record and field, so a user can
 * open the file and fix it.
 */
public final class CmtFormatException extends RuntimeException {

    private final String file;
    private final int line;
    private final int column;
    private final String problem;
    private final String entity;
    private final String recordId;
    private final String field;

    CmtFormatException(String file, int line, int column, String problem) {
        this(file, line, column, problem, "", "", "");
    }

    CmtFormatException(String file, int line, int column, String problem, String entity, String recordId, String field) {
        super(describe(file, line, column, problem, entity, recordId, field));
        this.file = file;
        this.line = line;
        this.column = column;
        this.problem = problem;
        this.entity = entity;
        this.recordId = recordId;
        this.field = field;
    }

    private static String describe(String file, int line, int column, String problem,
                                   String entity, String recordId, String field) {
        StringBuilder where = new StringBuilder(file);
        if (line > 0) {
            where.append(" line ").append(line);
            if (column > 0) {
                where.append(" column ").append(column);
            }
        }
        if (!entity.isEmpty()) {
            where.append(", entity '").append(entity).append('\'');
        }
        if (!recordId.isEmpty()) {
            where.append(", record ").append(recordId);
        }
        if (!field.isEmpty()) {
            where.append(", field '").append(field).append('\'');
        }
        return where + ": " + problem;
    }

    /** The file inside the package, e.g. {@code data.xml} or {@code data_schema.xml}, or the schema file name. */
    public String file() {
        return file;
    }

    /** 1-based line, or 0 when the problem has no position (e.g. a missing zip entry). */
    public int line() {
        return line;
    }

    /** 1-based column, or 0 when unknown. */
    public int column() {
        return column;
    }

    /** What is wrong, without the position prefix. */
    public String problem() {
        return problem;
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
