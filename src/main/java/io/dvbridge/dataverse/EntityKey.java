package io.dvbridge.dataverse;

import io.dvbridge.http.UriText;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Addresses one row: by primary key GUID or by an alternate key ({@code accountnumber='ABC123'}). */
public sealed interface EntityKey {

    /** The key segment as it goes into a URL path, e.g. {@code (00000000-...)} or {@code (accountnumber='A%201')}. */
    String pathSegment();

    record Id(UUID id) implements EntityKey {
        @Override
        public String pathSegment() {
            return "(" + id + ")";
        }
    }

    record Alternate(Map<String, Object> values) implements EntityKey {
        public Alternate {
            if (values.isEmpty()) {
                throw new IllegalArgumentException("An alternate key needs at least one column");
            }
            values = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        @Override
        public String pathSegment() {
            return values.entrySet().stream()
                    .map(e -> e.getKey() + "=" + ODataLiteral.format(e.getValue()))
                    .map(UriText::pathSegment)
                    .collect(Collectors.joining(",", "(", ")"));
        }
    }

    static EntityKey of(UUID id) {
        return new Id(id);
    }

    /** A header or option value: a GUID string, a UUID, or a Map of alternate key columns. */
    static EntityKey from(Object value) {
        if (value instanceof EntityKey key) {
            return key;
        }
        if (value instanceof UUID uuid) {
            return new Id(uuid);
        }
        if (value instanceof String text) {
            return new Id(UUID.fromString(ODataLiteral.guid(text)));
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> columns = new LinkedHashMap<>();
            map.forEach((k, v) -> columns.put(String.valueOf(k), v));
            return new Alternate(columns);
        }
        throw new IllegalArgumentException("A row key must be a GUID or a map of alternate key columns, not "
                + (value == null ? "nothing" : value.getClass().getSimpleName()));
    }
}
