package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.TableSchema;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * An OData {@code $orderby} ({@code col [asc|desc], ...}) as an ordering of rows: SQL Server's order, so
 * rows without a value come first ascending and last descending, text is case- and accent-insensitive and
 * GUIDs follow uniqueidentifier order. Rows equal on every term keep no particular order: add the primary
 * id ({@code thenComparing}) for a stable page order.
 */
public final class ODataOrderBy {

    private ODataOrderBy() {
    }

    /**
     * @throws ODataQueryException for a syntax error, an unknown property or a term that is not a property
     */
    public static Comparator<Map<String, Object>> parse(String orderBy, TableSchema schema) {
        Objects.requireNonNull(orderBy, "orderBy");
        Objects.requireNonNull(schema, "schema");
        List<ExpressionParser.OrderTerm> terms = new ExpressionParser(orderBy, Map.of()).parseOrderBy();
        FilterBinder binder = new FilterBinder(schema, orderBy);
        Comparator<Map<String, Object>> result = null;
        for (ExpressionParser.OrderTerm term : terms) {
            if (!(term.expression() instanceof Syntax.Property property)) {
                throw Errors.orderByNotSingleValue();
            }
            Bound.PropertyRef ref = binder.property(property);
            Comparator<Map<String, Object>> one = byValue(ref::eval);
            if (term.descending()) {
                one = one.reversed();
            }
            result = result == null ? one : result.thenComparing(one);
        }
        return result;
    }

    /** Nulls first, then {@link Values#compare}. Shared with FetchXML's {@code <order>}. */
    static Comparator<Map<String, Object>> byValue(Function<Map<String, Object>, Object> read) {
        return (a, b) -> {
            Object x = read.apply(a);
            Object y = read.apply(b);
            if (x == null || y == null) {
                return x == null ? (y == null ? 0 : -1) : 1;
            }
            return Values.compare(x, y);
        };
    }
}
