package io.dvbridge.sandbox.dataverse.query;

import java.text.Normalizer;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * String and GUID comparison as Dataverse's SQL Server database does it with its default collation
 * (Latin1_General_CI_AI): case- and accent-insensitive, trailing spaces ignored by '=' and ordering but
 * not by LIKE; uniqueidentifier values ordered by SQL Server's byte order, not by their text.
 */
final class Collation {

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    /** SQL Server compares the .NET byte layout of a GUID in this order, most significant first. */
    private static final int[] GUID_ORDER = {10, 11, 12, 13, 14, 15, 8, 9, 6, 7, 4, 5, 0, 1, 2, 3};

    private Collation() {
    }

    static boolean equal(String a, String b) {
        return key(a).equals(key(b));
    }

    static int compare(String a, String b) {
        return key(a).compareTo(key(b));
    }

    /** The value '=' and ORDER BY see: trailing spaces dropped, case and accents folded. */
    static String key(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ') {
            end--;
        }
        return fold(s.substring(0, end));
    }

    static String fold(String s) {
        // ASCII has no decompositions and no combining marks: folding it is lower-casing (the common case,
        // on every comparison of every sort and filter).
        if (s.chars().allMatch(c -> c < 0x80)) {
            return s.toLowerCase(Locale.ROOT);
        }
        String decomposed = Normalizer.normalize(s, Normalizer.Form.NFD);
        return MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
    }

    /**
     * A T-SQL LIKE pattern: {@code %} any run, {@code _} any one character, {@code [abc]}, {@code [a-f]} and
     * {@code [^abc]} sets; an unclosed {@code [} is literal. Dataverse passes the values of like, begins-with,
     * contains and startswith through to LIKE, so these wildcards work in all of them.
     */
    static Pattern like(String pattern) {
        String p = fold(pattern);
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < p.length(); i++) {
            char c = p.charAt(i);
            if (c == '%') {
                regex.append(".*");
            } else if (c == '_') {
                regex.append('.');
            } else if (c == '[' && p.indexOf(']', i + 1) > i + 1) {
                int close = p.indexOf(']', i + 1);
                regex.append(characterSet(p.substring(i + 1, close)));
                i = close;
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL);
    }

    static boolean like(Pattern compiled, String value) {
        return compiled.matcher(fold(value)).matches();
    }

    private static String characterSet(String body) {
        StringBuilder set = new StringBuilder("[");
        int start = 0;
        if (body.startsWith("^") && body.length() > 1) {
            set.append('^');
            start = 1;
        }
        for (int i = start; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean range = c == '-' && i > start && i < body.length() - 1;
            set.append(range ? "-" : inSet(c));
        }
        return set.append(']').toString();
    }

    private static String inSet(char c) {
        return Character.isLetterOrDigit(c) ? String.valueOf(c) : String.format("\\x{%x}", (int) c);
    }

    static int compare(UUID a, UUID b) {
        byte[] x = sqlBytes(a);
        byte[] y = sqlBytes(b);
        for (int i : GUID_ORDER) {
            int c = Integer.compare(x[i] & 0xff, y[i] & 0xff);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    /** The .NET Guid byte layout: the first three groups little-endian, the rest as written. */
    private static byte[] sqlBytes(UUID id) {
        byte[] be = new byte[16];
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            be[i] = (byte) (msb >>> (56 - 8 * i));
            be[8 + i] = (byte) (lsb >>> (56 - 8 * i));
        }
        byte[] net = be.clone();
        net[0] = be[3];
        net[1] = be[2];
        net[2] = be[1];
        net[3] = be[0];
        net[4] = be[5];
        net[5] = be[4];
        net[6] = be[7];
        net[7] = be[6];
        return net;
    }
}
