package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.Column;

import java.util.Map;

/**
 * A checked, typed expression ready to evaluate against a row. Boolean expressions answer TRUE, FALSE or
 * null for "unknown" (SQL three-valued logic: a comparison with a missing value is unknown, and a row is
 * returned only when the whole filter is TRUE).
 */
interface Bound {

    EdmType type();

    Object eval(Map<String, Object> row);

    /** A literal; {@code token} is where it was written. */
    record Constant(EdmType type, Object value, Token token) implements Bound {
        @Override
        public Object eval(Map<String, Object> row) {
            return value;
        }

        boolean isNull() {
            return type == EdmType.NULL;
        }
    }

    /** A column read from the row under its Web API property name. */
    record PropertyRef(Column column, String property, EdmType type) implements Bound {
        @Override
        public Object eval(Map<String, Object> row) {
            return Values.read(row.get(property), type);
        }
    }
}
