package io.dvbridge.cmt;

import java.util.Arrays;
import java.util.Optional;

/**
 * How date values are treated on import: as exported ({@code absolute}), shifted by the time
 * since export ({@code relative}), or shifted by whole days ({@code relativeDaily}).
 */
public enum CmtDateMode {
    ABSOLUTE("absolute"),
    RELATIVE("relative"),
    RELATIVE_DAILY("relativeDaily");

    private final String schemaName;

    CmtDateMode(String schemaName) {
        this.schemaName = schemaName;
    }

    public String schemaName() {
        return schemaName;
    }

    public static Optional<CmtDateMode> fromSchemaName(String name) {
        return Arrays.stream(values()).filter(m -> m.schemaName.equalsIgnoreCase(name)).findFirst();
    }
}
