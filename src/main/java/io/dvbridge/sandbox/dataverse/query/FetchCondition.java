package io.dvbridge.sandbox.dataverse.query;

import java.util.List;

/**
 * A FetchXML {@code <condition attribute operator value/>}; {@code values} holds the {@code value} attribute
 * or the {@code <value>} children (in, not-in, between), as written.
 */
public record FetchCondition(String attribute, String operator, List<String> values) {

    public FetchCondition {
        values = List.copyOf(values);
    }
}
