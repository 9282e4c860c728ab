package io.dvbridge.sandbox.dataverse;

import java.util.Optional;
import java.util.UUID;

/** GUIDs as the sandbox reads them from URLs, bodies, fixtures and queries: bare or in braces, surrounding spaces ignored. */
public final class Guids {

    private Guids() {
    }

    public static Optional<UUID> parse(String text) {
        String t = text.trim();
        if (t.length() == 38 && t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, 37);
        }
        if (t.length() != 36) {
            return Optional.empty();
        }
        for (int i = 0; i < 36; i++) {
            char c = t.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (dash ? c != '-' : !hex) {
                return Optional.empty();
            }
        }
        return Optional.of(UUID.fromString(t));
    }
}
