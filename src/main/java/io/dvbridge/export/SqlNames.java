package io.dvbridge.export;

import java.util.Locale;
import java.util.regex.Pattern;

/** Names that reach SQL text: only lower-case letters, digits and underscores, so quoting is all they need. */
public final class SqlNames {

    private static final Pattern SAFE = Pattern.compile("[a-z][a-z0-9_]{0,127}");
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9]{0,14}");

    private SqlNames() {
    }

    static String requireSafe(String name, String what) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException("The " + what + " name '" + name + "' cannot be exported: names are lower-case letters,"
                    + " digits and underscores, at most 128");
        }
        return name;
    }

    /** The Data Export Service's rule: fewer than 15 alphanumerics; empty means no prefix. */
    public static boolean validPrefix(String prefix) {
        return prefix != null && PREFIX.matcher(prefix).matches();
    }

    /** {@code <prefix>_<table>} in lower case, or the table's name when there is no prefix. */
    public static String tableName(String prefix, String table) {
        return prefix.isEmpty() ? table : prefix.toLowerCase(Locale.ROOT) + "_" + table;
    }
}
