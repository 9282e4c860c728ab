package io.dvbridge.cmt;

import java.util.List;
import java.util.Objects;

/**
 * Target rows the planner needs: every row of {@code entity} where the {@code attributes} equal one
 * of the {@code keys} (each key lists one Web API value per attribute, lookups as their GUID).
 * Fetch them with {@code $select} = {@link #select()} and {@code Prefer: odata.include-annotations="*"},
 * ALL matches (a primary-name query must return every row with that name, so ambiguity shows), and
 * hand them to {@link TargetSnapshot.Builder#addRows}. Keys may be split into as many requests as
 * the URL length allows. String comparisons in Dataverse ignore case, and so does the planner.
 */
public record RecordQuery(String entity, MatchKind kind, List<String> attributes, List<List<Object>> keys, List<String> select) {

    public RecordQuery {
        Objects.requireNonNull(entity, "entity");
        Objects.requireNonNull(kind, "kind");
        attributes = List.copyOf(attributes);
        keys = keys.stream().map(List::copyOf).toList();
        select = List.copyOf(select);
    }
}
