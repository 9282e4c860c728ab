package io.dvbridge.cmt;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One {@code <field>} of a schema entity.
 *
 * @param name          logical name
 * @param displayName   display name (the logical name when the schema has none)
 * @param type          CMT field type
 * @param primaryKey    the entity's id field
 * @param lookupType    target table(s) of a lookup, several separated by '|' as the tool writes them
 * @param customField   informational, kept for round trips
 * @param updateCompare part of the entity's uniqueness condition used to match existing records
 * @param dateMode      per-field date mode overriding the schema's
 */
public record CmtField(String name, String displayName, CmtFieldType type, boolean primaryKey,
                       Optional<String> lookupType, boolean customField, boolean updateCompare,
                       Optional<CmtDateMode> dateMode) {

    public CmtField {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(lookupType, "lookupType");
        Objects.requireNonNull(dateMode, "dateMode");
    }

    /** A plain field with no lookup, flags or date mode. */
    public static CmtField of(String name, CmtFieldType type) {
        return new CmtField(name, name, type, false, Optional.empty(), false, false, Optional.empty());
    }

    /** The lookup targets, split on '|'; empty for non-lookups or when the schema names none. */
    public List<String> lookupTargets() {
        return lookupType.map(t -> Arrays.stream(t.split("\\|")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** The Web API property that holds this field's value in a query result ({@code _x_value} for lookups). */
    public String webApiAttribute() {
        return type.isLookup() ? "_" + name + "_value" : name;
    }
}
