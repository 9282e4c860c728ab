package io.dvbridge.push;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a source, numbered from 1 in the order the source gives them (for a CSV file, the line after the
 * header is row 1). Values keep the source's kinds: text from CSV; text, numbers and booleans from JSON Lines
 * and JDBC; null for an empty cell. Columns in the source's order.
 */
public record SourceRow(long rowNumber, Map<String, Object> values) {

    public SourceRow {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
