package io.dvbridge.cmt;

import java.util.List;
import java.util.Objects;

/**
 * Lookup targets that are not in the file: which of these {@code ids} of {@code entity} exist in the
 * target environment? Answer with {@link TargetSnapshot.Builder#addExistingIds}.
 */
public record LookupTargetQuery(String entity, List<String> ids) {

    public LookupTargetQuery {
        Objects.requireNonNull(entity, "entity");
        ids = List.copyOf(ids);
    }
}
