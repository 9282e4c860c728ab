package io.dvbridge.sandbox.dataverse.query;

import java.util.List;
import java.util.Optional;

/**
 * A FetchXML {@code <condition attribute operator value/>}; {@code values} holds the {@code value} attribute
 * or the {@code <value>} children (in, not-in, between), as written; {@code entityName} is the alias of the
 * link-entity whose column the condition tests, when it tests one from the entity's filter.
 */
public record FetchCondition(Optional<String> entityName, String attribute, String operator, List<String> values) {

    public FetchCondition {
        values = List.copyOf(values);
    }
}
