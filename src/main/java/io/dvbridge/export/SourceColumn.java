package io.dvbridge.export;

import java.util.List;
import java.util.Objects;

/**
 * One exported column of a Dataverse table.
 *
 * @param name          the logical name (lower case, as the Web API names it)
 * @param attributeType Dataverse's AttributeType, kept for the attribute metadata table
 * @param maxLength     for text: the MaxLength; 0 when unknown or not text
 * @param targets       for lookups: the tables it may point at
 */
public record SourceColumn(String name, ColumnKind kind, String attributeType, int maxLength, List<String> targets) {

    public SourceColumn {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        targets = List.copyOf(targets);
        SqlNames.requireSafe(name, "column");
    }

    public SourceColumn(String name, ColumnKind kind, String attributeType, int maxLength) {
        this(name, kind, attributeType, maxLength, List.of());
    }

    public boolean lookup() {
        return kind == ColumnKind.LOOKUP;
    }

    /** Where the Web API puts the value in a row: {@code _<name>_value} for a lookup, the name otherwise. */
    public String webApiProperty() {
        return lookup() ? "_" + name + "_value" : name;
    }
}
