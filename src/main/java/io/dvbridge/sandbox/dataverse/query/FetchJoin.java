package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.Column;
import io.dvbridge.sandbox.dataverse.TableSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Runs the link-entities of a FetchXML query over rows, as SQL joins in document order: each base row is
 * repeated once per matching linked row; an inner link drops a row without a match, an outer link keeps it
 * with that alias (and the aliases nested in it) absent. A link-entity's filter decides which linked rows take
 * part, as the ON clause of the join does. Rows are of any type {@code R} the caller stores, read through
 * {@code values} (property name to value, lookups as {@code _x_value}).
 */
public final class FetchJoin<R> {

    /** A table a link-entity may name: its schema and its rows. */
    public record Source<R>(TableSchema schema, List<R> rows) {
    }

    /** One result row: the base row and, per alias, the linked row it joined (missing for an outer link without a match). */
    public record Joined<R>(R base, Map<String, R> linked) {
    }

    /** One link ready to run: the parent's property it joins on, and the rows passing its filter indexed by their {@code from} value. */
    private record Compiled<R>(FetchLink link, String toProperty, Map<Object, List<R>> byFrom, List<Compiled<R>> nested) {
    }

    private final Function<R, Map<String, Object>> values;
    private final Function<String, Optional<Source<R>>> tables;

    public FetchJoin(Function<R, Map<String, Object>> values, Function<String, Optional<Source<R>>> tables) {
        this.values = values;
        this.tables = tables;
    }

    /**
     * @throws ODataQueryException for an unknown table, an attribute a table does not have or a bad filter
     */
    public List<Joined<R>> join(TableSchema base, List<R> rows, List<FetchLink> links) {
        List<Compiled<R>> compiled = links.stream().map(link -> compile(base, link)).toList();
        List<Joined<R>> out = new ArrayList<>();
        for (R row : rows) {
            Map<String, Object> baseValues = values.apply(row);
            List<Map<String, R>> partials = List.of(Map.of());
            for (Compiled<R> link : compiled) {
                partials = expand(partials, link, baseValues);
            }
            partials.forEach(linked -> out.add(new Joined<>(row, linked)));
        }
        return out;
    }

    /**
     * A joined row as one map for the entity's filter: the base row's values as they are, each linked row's
     * under {@code <alias>.<property>} (absent for an outer link without a match).
     */
    public static <R> Map<String, Object> merged(Joined<R> joined, Function<R, Map<String, Object>> values) {
        Map<String, Object> out = new HashMap<>(values.apply(joined.base()));
        joined.linked().forEach((alias, row) -> values.apply(row).forEach((property, value) -> out.put(alias + "." + property, value)));
        return out;
    }

    /** The columns the link-entities return, each as {@code <alias>.<attribute>}, in document order. */
    public static List<Selected> selected(TableSchema base, List<FetchLink> links, Function<String, Optional<TableSchema>> schemas) {
        List<Selected> out = new ArrayList<>();
        for (FetchLink link : links) {
            TableSchema schema = schemas.apply(link.name()).orElseThrow(() -> Errors.unknownEntity(link.name()));
            List<Column> columns = link.allAttributes() ? List.copyOf(schema.columns())
                    : link.attributes().stream().map(a -> schema.column(a).orElseThrow(() -> Errors.noAttribute(link.name(), a))).toList();
            columns.forEach(column -> out.add(new Selected(link.alias(), column)));
            out.addAll(selected(schema, link.links(), schemas));
        }
        return out;
    }

    /** One returned linked column: {@code column} of the row joined under {@code alias}. */
    public record Selected(String alias, Column column) {

        public String property() {
            return alias + "." + column.name();
        }
    }

    /** Join values compare as Dataverse compares them: ids by value, text case-insensitively. */
    private static Object joinKey(Object value) {
        return value instanceof String text ? text.toLowerCase(java.util.Locale.ROOT) : value;
    }

    private Compiled<R> compile(TableSchema parent, FetchLink link) {
        Source<R> source = tables.apply(link.name()).orElseThrow(() -> Errors.unknownEntity(link.name()));
        TableSchema schema = source.schema();
        Column from = schema.column(link.from()).orElseThrow(() -> Errors.noAttribute(link.name(), link.from()));
        Column to = parent.column(link.to()).orElseThrow(() -> Errors.noAttribute(parent.logicalName(), link.to()));
        Predicate<Map<String, Object>> filter = link.filter().map(f -> f.toPredicate(schema)).orElse(r -> true);
        Map<Object, List<R>> byFrom = new HashMap<>();
        for (R row : source.rows()) {
            Map<String, Object> v = values.apply(row);
            Object key = v.get(from.valueProperty());
            if (key != null && filter.test(v)) {
                byFrom.computeIfAbsent(joinKey(key), k -> new ArrayList<>()).add(row);
            }
        }
        List<Compiled<R>> nested = link.links().stream().map(child -> compile(schema, child)).toList();
        return new Compiled<>(link, to.valueProperty(), byFrom, nested);
    }

    /**
     * Joins one link onto every partial result. A link's nested links join from its matched row and narrow its
     * matches, like a parenthesised join: an outer link whose matches all fail their nested inner links keeps the
     * row without its alias; an inner one drops it.
     *
     * @param parent the values of the row this link joins from
     */
    private List<Map<String, R>> expand(List<Map<String, R>> partials, Compiled<R> link, Map<String, Object> parent) {
        Object to = parent.get(link.toProperty());
        List<R> matches = to == null ? List.of() : link.byFrom().getOrDefault(joinKey(to), List.of());
        List<Map<String, R>> out = new ArrayList<>();
        for (Map<String, R> partial : partials) {
            List<Map<String, R>> joined = new ArrayList<>();
            for (R match : matches) {
                Map<String, R> withMatch = new LinkedHashMap<>(partial);
                withMatch.put(link.link().alias(), match);
                List<Map<String, R>> below = List.of(withMatch);
                for (Compiled<R> child : link.nested()) {
                    below = expand(below, child, values.apply(match));
                }
                joined.addAll(below);
            }
            if (!joined.isEmpty()) {
                out.addAll(joined);
            } else if (link.link().outer()) {
                out.add(partial);
            }
        }
        return out;
    }
}
