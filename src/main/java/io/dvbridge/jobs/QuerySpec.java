package io.dvbridge.jobs;

import java.util.Map;

/**
 * One {@code dataverse:query} the migration routes run: entity set, {@code $select}, a filter with
 * {@code @name} parameters and their typed values (sent in the DataverseParameters header, never
 * concatenated into the filter). {@code tag} says which question it answers.
 */
public record QuerySpec(String entitySet, String select, String filter, Map<String, Object> parameters, Object tag) {

    public QuerySpec {
        parameters = Map.copyOf(parameters);
    }
}
