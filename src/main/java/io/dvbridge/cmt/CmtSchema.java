package io.dvbridge.cmt;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Configuration Migration tool schema: the tables to move, the order to import them in, and the
 * schema-wide date mode.
 */
public record CmtSchema(List<CmtEntity> entities, List<String> entityImportOrder, Optional<CmtDateMode> dateMode) {

    public CmtSchema {
        entities = List.copyOf(entities);
        entityImportOrder = List.copyOf(entityImportOrder);
        Objects.requireNonNull(dateMode, "dateMode");
    }

    public Optional<CmtEntity> entity(String name) {
        return entities.stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
