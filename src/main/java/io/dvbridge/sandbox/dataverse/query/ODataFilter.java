package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.TableSchema;

import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * An OData {@code $filter} as Dataverse reads it, checked against one table and ready to test rows.
 * <p>
 * Rows are maps keyed by Web API property name (lookups under {@code _<name>_value}), values typed as
 * {@link io.dvbridge.sandbox.dataverse.AttributeType} documents. Supported: {@code eq ne gt ge lt le},
 * {@code and or not}, parentheses, {@code contains startswith endswith}, the literals of OData (strings with
 * {@code ''} escaping, integers, decimals, negatives, true/false, null, unquoted GUIDs, dates and date-times
 * with offset), parameter aliases, and {@code Microsoft.Dynamics.CRM.In/NotIn/Between/NotBetween/Null/NotNull}.
 * Text compares case- and accent-insensitively; a comparison with a missing value is unknown, so
 * {@code ne} does not return rows without a value (use {@code eq null} / {@code ne null} for that).
 */
public final class ODataFilter implements Predicate<Map<String, Object>> {

    private final String text;
    private final Bound root;

    private ODataFilter(String text, Bound root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses and checks {@code filter} against {@code schema}.
     *
     * @throws ODataQueryException worded as Dataverse words it (syntax, unknown property, type mismatch)
     */
    public static ODataFilter parse(String filter, TableSchema schema) {
        return parse(filter, schema, Map.of());
    }

    /**
     * As {@link #parse(String, TableSchema)}, with the parameter aliases of the request ({@code @p1='name'}):
     * keys with or without the leading {@code @}, values as written in the query string (URL-decoded).
     */
    public static ODataFilter parse(String filter, TableSchema schema, Map<String, String> parameterAliases) {
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(schema, "schema");
        Syntax syntax = new ExpressionParser(filter, parameterAliases).parseFilter();
        Bound root = new FilterBinder(schema, filter).bind(syntax);
        if (!FilterBinder.isBoolean(root)) {
            throw Errors.filterNotBoolean();
        }
        return new ODataFilter(filter, root);
    }

    /** True when the row satisfies the filter; false when it does not or the outcome is unknown. */
    @Override
    public boolean test(Map<String, Object> row) {
        return Boolean.TRUE.equals(root.eval(row));
    }

    /** The filter text as given. */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return "$filter=" + text;
    }
}
