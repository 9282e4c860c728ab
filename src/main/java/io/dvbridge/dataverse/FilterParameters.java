package io.dvbridge.dataverse;

import java.util.Map;
import java.util.Set;

/**
 * Substitutes named parameters ({@code @name}) in a {@code $filter} with OData literals. Text inside
 * string literals is left alone, so {@code 'mail@example.com'} is not mistaken for a parameter.
 * <p>
 * Values are substituted into the filter text (rather than sent as OData parameter aliases) because
 * every Dataverse-compatible filter parser understands literals, not every one understands aliases.
 */
public final class FilterParameters {

    private FilterParameters() {
    }

    /**
     * @param filter         filter text written by the route author, e.g. {@code lastname eq @name}
     * @param values         parameter values by name (without the '@')
     * @param guidParameters names whose String values must be GUIDs and are written unquoted
     * @throws IllegalArgumentException naming the parameter when one is used but has no value, or a value cannot be formatted
     */
    public static String substitute(String filter, Map<String, ?> values, Set<String> guidParameters) {
        StringBuilder out = new StringBuilder(filter.length() + 32);
        int i = 0;
        while (i < filter.length()) {
            char c = filter.charAt(i);
            if (c == '\'') {
                int end = endOfStringLiteral(filter, i);
                out.append(filter, i, end);
                i = end;
            } else if (c == '@' && i + 1 < filter.length() && isNameStart(filter.charAt(i + 1))) {
                int end = i + 1;
                while (end < filter.length() && isNamePart(filter.charAt(end))) {
                    end++;
                }
                String name = filter.substring(i + 1, end);
                if (!values.containsKey(name)) {
                    throw new IllegalArgumentException("Filter parameter @" + name + " has no value (given: "
                            + String.join(", ", new java.util.TreeSet<>(values.keySet())) + ")");
                }
                out.append(literal(name, values.get(name), guidParameters.contains(name)));
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private static String literal(String name, Object value, boolean mustBeGuid) {
        try {
            if (mustBeGuid && value instanceof String text) {
                return ODataLiteral.guid(text);
            }
            return ODataLiteral.format(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Filter parameter @" + name + ": " + e.getMessage(), e);
        }
    }

    /** Index just past the closing quote of the literal starting at {@code start}; '' inside is an escaped quote. */
    private static int endOfStringLiteral(String filter, int start) {
        int i = start + 1;
        while (i < filter.length()) {
            if (filter.charAt(i) == '\'') {
                if (i + 1 < filter.length() && filter.charAt(i + 1) == '\'') {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("The filter has an unterminated string literal starting at position " + start);
    }

    private static boolean isNameStart(char c) {
        return Character.isLetter(c) || c == '_';
    }

    private static boolean isNamePart(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }
}
