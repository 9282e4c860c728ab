package io.dvbridge.push;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A source row after validation: its identity ({@code key}, empty for a create without id), its JSON-ready
 * {@code values}, the lookups still to be found in Dataverse, and why it is rejected (empty when valid so far).
 */
public record CheckedRow(long rowNumber, Map<String, Object> key, Map<String, Object> values, List<LookupRef> lookups,
                         List<Rejection> rejections) {

    public CheckedRow {
        key = Collections.unmodifiableMap(new LinkedHashMap<>(key));
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        lookups = List.copyOf(lookups);
        rejections = List.copyOf(rejections);
    }

    public boolean valid() {
        return rejections.isEmpty();
    }
}
