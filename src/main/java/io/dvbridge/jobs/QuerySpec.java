package io.dvbridge.jobs;

import java.util.List;
import java.util.Map;

/**
 * One {@code dataverse:query} the migration routes run: entity set, {@code $select}, and either a filter
 * with {@code @name} parameters and their typed values (sent in the CamelDataverseParameters header, never
 * concatenated into the filter) or a key set: the values {@code keySetColumn} must take (the CamelDataverseKeySet
 * headers; the component writes that condition). {@code keySetColumn} is empty when the filter says it all.
 * {@code tag} says which question it answers.
 */
public record QuerySpec(String entitySet, String select, String filter, Map<String, Object> parameters,
                        String keySetColumn, List<Object> keySet, Object tag) {

    public QuerySpec {
        parameters = Map.copyOf(parameters);
        keySet = List.copyOf(keySet);
    }

    static QuerySpec forKeySet(String entitySet, String select, String column, List<Object> values, Object tag) {
        return new QuerySpec(entitySet, select, "", Map.of(), column, values, tag);
    }

    static QuerySpec forFilter(String entitySet, String select, String filter, Map<String, Object> parameters, Object tag) {
        return new QuerySpec(entitySet, select, filter, parameters, "", List.of(), tag);
    }
}
