package io.dvbridge.dataverse;

import io.dvbridge.http.UriText;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * "Column X is one of these values" as Dataverse's {@code Microsoft.Dynamics.CRM.In} query function, split
 * into as many queries as it takes to keep every first-page URL within a length. Values are written as
 * {@link ODataLiteral} writes collections: double-quoted JSON strings that no value can end early.
 */
final class KeySetFilter {

    private static final Pattern LOOKUP_VALUE = Pattern.compile("_(.+)_value");

    private final String column;
    private final List<String> values;

    /**
     * @param column a column's logical name; a lookup's {@code _name_value} form is accepted and named {@code name},
     *               because {@code PropertyName} takes the logical name only
     * @throws IllegalArgumentException naming the position of a value that has no OData form (null included)
     */
    KeySetFilter(String column, Collection<?> values) {
        Matcher lookup = LOOKUP_VALUE.matcher(column);
        this.column = lookup.matches() ? lookup.group(1) : column;
        DataverseClient.requireName(this.column, "key-set column");
        List<String> written = new ArrayList<>();
        int position = 0;
        for (Object value : new LinkedHashSet<>(values)) {
            try {
                String list = ODataLiteral.format(java.util.Collections.singletonList(value));
                written.add(list.substring(1, list.length() - 1));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(DataverseConstants.KEY_SET + " value " + position + ": " + e.getMessage(), e);
            }
            position++;
        }
        this.values = List.copyOf(written);
    }

    /**
     * One query per slice of the values, each the given query with the key-set condition added to its filter,
     * whose first-page URL (as {@code firstPageUrl} builds it) is at most {@code maxUrlLength} characters.
     * No values: no query, since no row can match.
     *
     * @throws IllegalArgumentException when a single value alone makes the URL too long
     */
    List<DataverseQuery> queries(DataverseQuery query, int maxUrlLength, Function<DataverseQuery, URI> firstPageUrl) {
        List<DataverseQuery> queries = new ArrayList<>();
        int emptyLength = firstPageUrl.apply(withValues(query, List.of())).toString().length();
        List<String> slice = new ArrayList<>();
        int length = emptyLength;
        for (String value : values) {
            int added = UriText.queryValue(slice.isEmpty() ? value : "," + value).length();
            if (!slice.isEmpty() && length + added > maxUrlLength) {
                queries.add(withValues(query, slice));
                slice = new ArrayList<>();
                length = emptyLength;
                added = UriText.queryValue(value).length();
            }
            if (emptyLength + added > maxUrlLength) {
                throw new IllegalArgumentException("A " + DataverseConstants.KEY_SET + " value of " + value.length()
                        + " characters makes the query URL longer than " + maxUrlLength + " characters");
            }
            slice.add(value);
            length += added;
        }
        if (!slice.isEmpty()) {
            queries.add(withValues(query, slice));
        }
        return queries;
    }

    private DataverseQuery withValues(DataverseQuery query, List<String> slice) {
        String condition = "Microsoft.Dynamics.CRM.In(PropertyName=" + ODataLiteral.quoted(column)
                + ",PropertyValues=[" + String.join(",", slice) + "])";
        Optional<String> filter = query.filter();
        return query.withFilter(filter.map(f -> "(" + f + ") and " + condition).orElse(condition));
    }
}
