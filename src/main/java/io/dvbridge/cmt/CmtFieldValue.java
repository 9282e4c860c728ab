package io.dvbridge.cmt;

import java.util.Objects;
import java.util.Optional;

/**
 * One {@code <field>} of a data.xml record, in the tool's text form. Lookups also carry the target
 * table ({@code lookupentity}) and the target's display name ({@code lookupentityname}).
 */
public record CmtFieldValue(String name, String value, Optional<String> lookupEntity, Optional<String> lookupEntityName) {

    public CmtFieldValue {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(lookupEntity, "lookupEntity");
        Objects.requireNonNull(lookupEntityName, "lookupEntityName");
    }

    public static CmtFieldValue of(String name, String value) {
        return new CmtFieldValue(name, value, Optional.empty(), Optional.empty());
    }

    public static CmtFieldValue lookup(String name, String id, String entity, Optional<String> displayName) {
        return new CmtFieldValue(name, id, Optional.of(entity), displayName);
    }
}
