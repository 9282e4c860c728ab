package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.Column;
import io.dvbridge.sandbox.dataverse.TableSchema;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A FetchXML {@code <filter type="and|or">} with its conditions and nested filters, in document order.
 * Attributes are logical names: a lookup {@code parentaccountid} is read from the row's
 * {@code _parentaccountid_value}. Evaluation follows SQL: a condition on a missing value is unknown, so
 * {@code ne}, {@code not-like} and {@code not-in} do not return rows without a value.
 */
public record FetchFilter(String type, List<FetchCondition> conditions, List<FetchFilter> filters) {

    public FetchFilter {
        Objects.requireNonNull(type, "type");
        conditions = List.copyOf(conditions);
        filters = List.copyOf(filters);
    }

    /** True for {@code type="or"}; FetchXML's default is and. */
    public boolean isOr() {
        return type.equals("or");
    }

    /**
     * Checks attribute names, operators and values against {@code schema} and returns the row test.
     *
     * @throws ODataQueryException for an unknown attribute, operator or a value of the wrong type
     */
    public Predicate<Map<String, Object>> toPredicate(TableSchema schema) {
        return toPredicate(schema, alias -> Optional.empty());
    }

    /**
     * As {@link #toPredicate(TableSchema)}, where conditions with {@code entityname} test the linked row of that
     * link-entity alias: the row map then holds a joined row, its linked values under {@code <alias>.<property>}
     * (see {@link FetchJoin#merged}).
     *
     * @param aliases the table schema behind each link-entity alias of the query
     */
    public Predicate<Map<String, Object>> toPredicate(TableSchema schema, Function<String, Optional<TableSchema>> aliases) {
        Rule rule = compile(schema, aliases);
        return row -> Boolean.TRUE.equals(rule.apply(row));
    }

    /** A compiled test answering TRUE, FALSE or null (unknown). */
    interface Rule extends Function<Map<String, Object>, Boolean> {
    }

    Rule compile(TableSchema schema, Function<String, Optional<TableSchema>> aliases) {
        List<Rule> parts = new ArrayList<>();
        conditions.forEach(c -> parts.add(condition(c, schema, aliases)));
        filters.forEach(f -> parts.add(f.compile(schema, aliases)));
        boolean or = isOr();
        return row -> {
            boolean unknown = false;
            for (Rule part : parts) {
                Boolean outcome = part.apply(row);
                if (outcome == null) {
                    unknown = true;
                } else if (outcome == or) {
                    return or;
                }
            }
            return unknown ? null : !or;
        };
    }

    static FetchFilter fromElement(Element element) {
        String type = SafeXml.attribute(element, "type").map(t -> t.trim().toLowerCase(Locale.ROOT)).orElse("and");
        if (!type.equals("and") && !type.equals("or")) {
            throw Errors.invalidArgument("The filter type '" + type + "' is not valid; use 'and' or 'or'.");
        }
        List<FetchCondition> conditions = new ArrayList<>();
        List<FetchFilter> filters = new ArrayList<>();
        for (Element child : SafeXml.children(element)) {
            switch (child.getTagName()) {
                case "condition" -> conditions.add(condition(child));
                case "filter" -> filters.add(fromElement(child));
                default -> throw Errors.invalidArgument("The element '" + child.getTagName()
                        + "' is not valid inside a filter.");
            }
        }
        return new FetchFilter(type, conditions, filters);
    }

    private static FetchCondition condition(Element element) {
        Optional<String> entityName = SafeXml.attribute(element, "entityname").map(String::trim).filter(n -> !n.isEmpty());
        String attribute = SafeXml.attribute(element, "attribute")
                .orElseThrow(() -> Errors.invalidArgument("A condition needs an attribute."));
        String operator = SafeXml.attribute(element, "operator")
                .orElseThrow(() -> Errors.invalidArgument("The condition on '" + attribute + "' needs an operator."));
        List<String> values = new ArrayList<>();
        SafeXml.attribute(element, "value").ifPresent(values::add);
        SafeXml.children(element, "value").forEach(v -> values.add(v.getTextContent()));
        return new FetchCondition(entityName, attribute.trim(), operator.trim(), values);
    }

    private static Rule condition(FetchCondition condition, TableSchema base, Function<String, Optional<TableSchema>> aliases) {
        TableSchema schema = condition.entityName().map(alias -> aliases.apply(alias).orElseThrow(() -> Errors.invalidArgument(
                "The condition on '" + condition.attribute() + "' names entityname '" + alias
                        + "', which is not the alias of a link-entity of this query."))).orElse(base);
        String entity = schema.logicalName();
        Column column = schema.column(condition.attribute())
                .orElseThrow(() -> Errors.noAttribute(entity, condition.attribute()));
        EdmType type = EdmType.of(column.type());
        String property = condition.entityName().map(alias -> alias + ".").orElse("") + column.valueProperty();
        Function<Map<String, Object>, Object> read = row -> Values.read(row.get(property), type);
        String op = condition.operator();
        switch (op) {
            case "null":
                return row -> read.apply(row) == null;
            case "not-null":
                return row -> read.apply(row) != null;
            case "eq", "ne", "neq", "gt", "ge", "lt", "le": {
                Object wanted = Values.fromText(column, single(condition, entity), entity);
                return row -> {
                    Object value = read.apply(row);
                    if (value == null) {
                        return null;
                    }
                    int order = Values.compare(value, wanted);
                    return switch (op) {
                        case "eq" -> order == 0;
                        case "ne", "neq" -> order != 0;
                        case "gt" -> order > 0;
                        case "ge" -> order >= 0;
                        case "lt" -> order < 0;
                        default -> order <= 0;
                    };
                };
            }
            case "in", "not-in": {
                List<Object> wanted = converted(condition, column, entity, 1);
                boolean negate = op.equals("not-in");
                java.util.function.Function<Object, Boolean> member = FilterBinder.membership(wanted);
                return row -> {
                    Boolean in = member.apply(read.apply(row));
                    return in == null ? null : in != negate;
                };
            }
            case "between", "not-between": {
                List<Object> bounds = converted(condition, column, entity, 2);
                if (bounds.size() != 2) {
                    throw Errors.invalidArgument("Condition for attribute '" + entity + "." + condition.attribute()
                            + "': operator '" + op + "' needs 2 values, found " + bounds.size() + ".");
                }
                boolean negate = op.equals("not-between");
                return row -> {
                    Object value = read.apply(row);
                    if (value == null) {
                        return null;
                    }
                    boolean inside = Values.compare(value, bounds.get(0)) >= 0
                            && Values.compare(value, bounds.get(1)) <= 0;
                    return inside != negate;
                };
            }
            case "like", "not-like", "begins-with", "not-begin-with", "ends-with", "not-end-with": {
                if (type != EdmType.STRING) {
                    throw Errors.wrongValueType(entity, condition.attribute(), "System.String");
                }
                String value = single(condition, entity);
                String pattern = switch (op) {
                    case "begins-with", "not-begin-with" -> value + "%";
                    case "ends-with", "not-end-with" -> "%" + value;
                    default -> value;
                };
                Pattern compiled = Collation.like(pattern);
                boolean negate = op.startsWith("not-");
                return row -> {
                    Object text = read.apply(row);
                    if (text == null) {
                        return null;
                    }
                    return Collation.like(compiled, (String) text) != negate;
                };
            }
            default:
                throw Errors.invalidArgument("The operator '" + op + "' in the condition on attribute '"
                        + condition.attribute() + "' is not valid.");
        }
    }

    private static String single(FetchCondition condition, String entity) {
        if (condition.values().size() != 1) {
            throw Errors.invalidArgument("Condition for attribute '" + entity + "." + condition.attribute()
                    + "': operator '" + condition.operator() + "' needs 1 value, found "
                    + condition.values().size() + ".");
        }
        return condition.values().get(0);
    }

    private static List<Object> converted(FetchCondition condition, Column column, String entity, int atLeast) {
        if (condition.values().size() < atLeast) {
            throw Errors.invalidArgument("Condition for attribute '" + entity + "." + condition.attribute()
                    + "': operator '" + condition.operator() + "' needs at least " + atLeast + " value(s).");
        }
        return condition.values().stream().map(v -> Values.fromText(column, v, entity)).toList();
    }
}
