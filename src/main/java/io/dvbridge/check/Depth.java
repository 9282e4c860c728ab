package io.dvbridge.check;

import java.util.Locale;

/** How far a privilege reaches: the user's own rows, its business unit, below it, or the whole organization. */
public enum Depth {
    BASIC, LOCAL, DEEP, GLOBAL;

    /** Dataverse answers the depth as a name ({@code Global}) or, in older shapes, a number (0..3). */
    public static Depth parse(String text) {
        String value = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        return switch (value) {
            case "0", "BASIC", "USER" -> BASIC;
            case "1", "LOCAL", "BUSINESSUNIT" -> LOCAL;
            case "2", "DEEP", "PARENTCHILD" -> DEEP;
            case "3", "GLOBAL", "ORGANIZATION" -> GLOBAL;
            default -> throw new IllegalArgumentException("Unknown privilege depth '" + text + "'");
        };
    }
}
