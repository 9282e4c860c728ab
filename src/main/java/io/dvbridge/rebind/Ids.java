package io.dvbridge.rebind;

import java.util.List;
import java.util.Locale;

/** Id hygiene shared by the records of this package (see package docs: trimmed, blank = absent, case-insensitive). */
final class Ids {

    private Ids() {
    }

    /** The trimmed id, or null when the id is null or blank. */
    static String clean(String id) {
        if (id == null) {
            return null;
        }
        String trimmed = id.strip();
        return trimmed.isEmpty() ? null : trimmed;
    }

    /** The trimmed id; fails naming {@code what} when it is absent. */
    static String required(String id, String what) {
        String cleaned = clean(id);
        if (cleaned == null) {
            throw new IllegalArgumentException(what + " is required");
        }
        return cleaned;
    }

    /** GUIDs are compared without regard to case; two absent ids are the same. */
    static boolean same(String a, String b) {
        String left = clean(a);
        String right = clean(b);
        if (left == null || right == null) {
            return left == right;
        }
        return left.equalsIgnoreCase(right);
    }

    /** A lookup key for an id: lower case under {@link Locale#ROOT}. */
    static String key(String id) {
        String cleaned = clean(id);
        return cleaned == null ? null : cleaned.toLowerCase(Locale.ROOT);
    }

    /** The first 8 characters of an id for tables, "-" when absent. */
    static String shortId(String id) {
        String cleaned = clean(id);
        if (cleaned == null) {
            return "-";
        }
        return cleaned.length() <= 8 ? cleaned : cleaned.substring(0, 8);
    }

    static <T> List<T> list(List<T> items) {
        return items == null ? List.of() : List.copyOf(items);
    }
}
