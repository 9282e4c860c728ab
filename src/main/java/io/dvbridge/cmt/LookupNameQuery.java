package io.dvbridge.cmt;

import java.util.List;
import java.util.Objects;

/**
 * Lookup targets outside the schema (a systemuser, team, business unit, currency ...) whose id is not in
 * the target: which rows of {@code entity} carry these primary names (the file's {@code lookupentityname})?
 * Answer with {@link StreamingImport.ChunkWork#answerNames}.
 */
public record LookupNameQuery(String entity, List<String> names) {

    public LookupNameQuery {
        Objects.requireNonNull(entity, "entity");
        names = List.copyOf(names);
    }
}
