package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.Column;
import io.dvbridge.sandbox.dataverse.TableSchema;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Checks a syntax tree against a table (names, types, function signatures) the way OData's MetadataBinder
 * and Dataverse's query translation do, and turns it into an evaluable {@link Bound}.
 */
final class FilterBinder {

    /** Dataverse refuses queries with more conditions than this (TooManyConditionsInQuery). */
    static final int MAX_CONDITIONS = 500;

    private static final String CRM = "Microsoft.Dynamics.CRM.";
    private static final Set<String> STRING_FUNCTIONS = Set.of("contains", "startswith", "endswith");

    private final TableSchema schema;
    private final String text;
    private int conditions;

    /** {@code text} is the expression as the client wrote it, for the messages that quote it. */
    FilterBinder(TableSchema schema, String text) {
        this.schema = schema;
        this.text = text;
    }

    Bound bind(Syntax syntax) {
        if (syntax instanceof Syntax.Binary binary) {
            return binary.operator().equals("and") || binary.operator().equals("or") ? logical(binary)
                    : comparison(binary);
        }
        if (syntax instanceof Syntax.Not not) {
            return not(bind(not.operand()));
        }
        if (syntax instanceof Syntax.Negate) {
            throw Errors.unsupportedNode("Negate");
        }
        if (syntax instanceof Syntax.Literal literal) {
            return constant(literal.token());
        }
        if (syntax instanceof Syntax.Property property) {
            return property(property);
        }
        if (syntax instanceof Syntax.Call call) {
            return call(call);
        }
        throw new IllegalStateException("unexpected syntax " + syntax);
    }

    Bound.PropertyRef property(Syntax.Property property) {
        String name = property.path().get(0);
        Optional<Column> column = schema.property(name);
        if (column.isEmpty() || property.path().size() > 1) {
            // The sandbox has no navigation properties: a path's first segment is never one.
            throw Errors.propertyNotFound(name, schema.logicalName());
        }
        return new Bound.PropertyRef(column.get(), name, EdmType.of(column.get().type()));
    }

    private Bound logical(Syntax.Binary binary) {
        Bound left = bind(binary.left());
        Bound right = bind(binary.right());
        boolean and = binary.operator().equals("and");
        if (!isBoolean(left) || !isBoolean(right)) {
            throw Errors.incompatibleOperands(left.type().odataName(), right.type().odataName(), and ? "And" : "Or");
        }
        return and ? predicate(row -> andOf(left.eval(row), right, row))
                : predicate(row -> orOf(left.eval(row), right, row));
    }

    private static Boolean andOf(Object first, Bound second, Map<String, Object> row) {
        if (Boolean.FALSE.equals(first)) {
            return Boolean.FALSE;
        }
        Object other = second.eval(row);
        if (Boolean.FALSE.equals(other)) {
            return Boolean.FALSE;
        }
        return first == null || other == null ? null : Boolean.TRUE;
    }

    private static Boolean orOf(Object first, Bound second, Map<String, Object> row) {
        if (Boolean.TRUE.equals(first)) {
            return Boolean.TRUE;
        }
        Object other = second.eval(row);
        if (Boolean.TRUE.equals(other)) {
            return Boolean.TRUE;
        }
        return first == null || other == null ? null : Boolean.FALSE;
    }

    private static Bound not(Bound operand) {
        if (!isBoolean(operand)) {
            throw Errors.incompatibleOperand(operand.type().odataName(), "Not");
        }
        return predicate(row -> {
            Object value = operand.eval(row);
            return value == null ? null : !((Boolean) value);
        });
    }

    static boolean isBoolean(Bound bound) {
        return bound.type() == EdmType.BOOLEAN || bound.type() == EdmType.NULL;
    }

    private Bound comparison(Syntax.Binary binary) {
        Bound left = bind(binary.left());
        Bound right = bind(binary.right());
        countCondition();
        String op = binary.operator();
        String kind = operatorKind(op);
        if (right instanceof Bound.Constant c && !c.isNull() && c.type() == EdmType.STRING && left.type() == EdmType.GUID) {
            right = guidFromString(c);
        } else if (left instanceof Bound.Constant c && !c.isNull() && c.type() == EdmType.STRING
                && right.type() == EdmType.GUID) {
            left = guidFromString(c);
        }
        requireComparable(left, right, kind);
        if (left instanceof Bound.Constant c && c.isNull()) {
            return nullTest(op, right);
        }
        if (right instanceof Bound.Constant c && c.isNull()) {
            return nullTest(op, left);
        }
        Bound l = left;
        Bound r = right;
        return predicate(row -> {
            Object a = l.eval(row);
            Object b = r.eval(row);
            if (a == null || b == null) {
                return null;
            }
            int order = Values.compare(a, b);
            return switch (op) {
                case "eq" -> order == 0;
                case "ne" -> order != 0;
                case "gt" -> order > 0;
                case "ge" -> order >= 0;
                case "lt" -> order < 0;
                default -> order <= 0;
            };
        });
    }

    /**
     * {@code eq null} and {@code ne null} are IS NULL and IS NOT NULL; an ordering against null is unknown.
     */
    private static Bound nullTest(String op, Bound operand) {
        return predicate(row -> switch (op) {
            case "eq" -> operand.eval(row) == null;
            case "ne" -> operand.eval(row) != null;
            default -> null;
        });
    }

    /** A quoted GUID compared with a GUID column: Dataverse takes both forms (the seed scripts quote it). */
    private Bound.Constant guidFromString(Bound.Constant literal) {
        UUID id = Values.parseGuid((String) literal.value());
        if (id == null) {
            throw Errors.unrecognizedLiteral("Edm.Guid", literal.token().text(), literal.token().position(), text);
        }
        return new Bound.Constant(EdmType.GUID, id, literal.token());
    }

    private static void requireComparable(Bound left, Bound right, String kind) {
        EdmType l = left.type();
        EdmType r = right.type();
        boolean ok = l == EdmType.NULL || r == EdmType.NULL
                || (l.isNumeric() && r.isNumeric())
                || (l == r && l != EdmType.COLLECTION)
                || (l == EdmType.DATETIMEOFFSET && r == EdmType.DATE)
                || (l == EdmType.DATE && r == EdmType.DATETIMEOFFSET);
        if (!ok) {
            throw Errors.incompatibleOperands(l.odataName(), r.odataName(), kind);
        }
    }

    private static String operatorKind(String op) {
        return switch (op) {
            case "eq" -> "Equal";
            case "ne" -> "NotEqual";
            case "gt" -> "GreaterThan";
            case "ge" -> "GreaterThanOrEqual";
            case "lt" -> "LessThan";
            default -> "LessThanOrEqual";
        };
    }

    private Bound call(Syntax.Call call) {
        String name = call.name();
        if (STRING_FUNCTIONS.contains(name)) {
            return stringFunction(call);
        }
        if (name.startsWith(CRM)) {
            return dataverseFunction(call, name.substring(CRM.length()));
        }
        throw Errors.unknownFunction(name);
    }

    private Bound stringFunction(Syntax.Call call) {
        String name = call.name();
        List<Bound> args = new ArrayList<>();
        for (Syntax.Argument argument : call.arguments()) {
            if (argument.name().isPresent()) {
                throw noStringSignature(name);
            }
            args.add(bind(argument.value()));
        }
        if (args.size() != 2 || !isText(args.get(0)) || !isText(args.get(1))) {
            throw noStringSignature(name);
        }
        countCondition();
        Bound subject = args.get(0);
        Bound search = args.get(1);
        Function<String, String> shape = switch (name) {
            case "contains" -> v -> "%" + v + "%";
            case "startswith" -> v -> v + "%";
            default -> v -> "%" + v;
        };
        Pattern fixed = search instanceof Bound.Constant c && c.value() instanceof String s
                ? Collation.like(shape.apply(s)) : null;
        return predicate(row -> {
            Object value = subject.eval(row);
            Object wanted = search.eval(row);
            if (value == null || wanted == null) {
                return null;
            }
            Pattern pattern = fixed != null ? fixed : Collation.like(shape.apply((String) wanted));
            return Collation.like(pattern, (String) value);
        });
    }

    private static boolean isText(Bound bound) {
        return bound.type() == EdmType.STRING || bound.type() == EdmType.NULL;
    }

    private static ODataQueryException noStringSignature(String name) {
        return Errors.noApplicableFunction(name, name + "(Edm.String Nullable=true, Edm.String Nullable=true)");
    }

    /** {@code Microsoft.Dynamics.CRM.In/NotIn/Between/NotBetween/Null/NotNull}, named by logical name. */
    private Bound dataverseFunction(Syntax.Call call, String function) {
        boolean takesValues = switch (function) {
            case "In", "NotIn", "Between", "NotBetween" -> true;
            case "Null", "NotNull" -> false;
            default -> throw Errors.unknownFunction(call.name());
        };
        List<String> given = call.arguments().stream().map(a -> a.name().orElse("")).toList();
        List<String> expected = takesValues ? List.of("PropertyName", "PropertyValues") : List.of("PropertyName");
        if (given.size() != expected.size() || !given.containsAll(expected)) {
            throw Errors.functionWithParametersNotDeclared(call.name(), String.join(",", given));
        }
        String propertyName = stringArgument(call, "PropertyName");
        Column column = schema.column(propertyName)
                .orElseThrow(() -> Errors.noAttribute(schema.logicalName(), propertyName));
        Bound.PropertyRef subject = new Bound.PropertyRef(column, column.valueProperty(), EdmType.of(column.type()));
        countCondition();
        if (!takesValues) {
            boolean wantNull = function.equals("Null");
            return predicate(row -> (subject.eval(row) == null) == wantNull);
        }
        List<Object> values = collectionArgument(call).stream()
                .map(text -> Values.fromText(column, text, schema.logicalName())).toList();
        java.util.function.Function<Object, Boolean> member = membership(values);
        return switch (function) {
            case "In" -> predicate(row -> member.apply(subject.eval(row)));
            case "NotIn" -> predicate(row -> {
                Boolean in = member.apply(subject.eval(row));
                return in == null ? null : !in;
            });
            default -> between(call, function.equals("NotBetween"), subject, values);
        };
    }

    /**
     * Membership in an In list. GUID lists (ids, lookups: the common case, often hundreds of values) and
     * text lists (names, codes) are answered from a hash set so that a query costs rows + values, not
     * rows x values; text is compared by its collation key (case, accents and trailing spaces folded),
     * exactly as '=' compares it. FetchXML's in/not-in use it too. Null for a missing value (unknown).
     */
    static java.util.function.Function<Object, Boolean> membership(List<Object> values) {
        if (!values.isEmpty() && values.stream().allMatch(v -> v instanceof java.util.UUID)) {
            java.util.Set<Object> ids = new java.util.HashSet<>(values);
            return value -> value == null ? null : ids.contains(value);
        }
        if (!values.isEmpty() && values.stream().allMatch(v -> v instanceof String)) {
            java.util.Set<String> keys = new java.util.HashSet<>();
            values.forEach(v -> keys.add(Collation.key((String) v)));
            return value -> value == null ? null : value instanceof String text ? keys.contains(Collation.key(text)) : in(value, values);
        }
        return value -> in(value, values);
    }

    private static Boolean in(Object value, List<Object> values) {
        if (value == null) {
            return null;
        }
        return values.stream().anyMatch(v -> Values.equal(value, v));
    }

    private static Bound between(Syntax.Call call, boolean negate, Bound subject, List<Object> values) {
        if (values.size() != 2) {
            throw Errors.invalidArgument("The function " + call.name() + " needs exactly 2 PropertyValues, "
                    + values.size() + " were given.");
        }
        Object low = values.get(0);
        Object high = values.get(1);
        return predicate(row -> {
            Object value = subject.eval(row);
            if (value == null) {
                return null;
            }
            boolean inside = Values.compare(value, low) >= 0 && Values.compare(value, high) <= 0;
            return inside != negate;
        });
    }

    private static String stringArgument(Syntax.Call call, String parameter) {
        Syntax value = argument(call, parameter);
        if (value instanceof Syntax.Literal literal && literal.token().is(Token.Kind.STRING)) {
            return unquote(literal.token().text());
        }
        throw Errors.functionWithParametersNotDeclared(call.name(),
                call.arguments().stream().map(a -> a.name().orElse("")).collect(Collectors.joining(",")));
    }

    private static List<String> collectionArgument(Syntax.Call call) {
        Syntax value = argument(call, "PropertyValues");
        if (value instanceof Syntax.Literal literal && literal.token().is(Token.Kind.BRACKETED)) {
            return JsonArrayText.parse(literal.token().text());
        }
        throw Errors.invalidJsonArray();
    }

    private static Syntax argument(Syntax.Call call, String parameter) {
        return call.arguments().stream().filter(a -> a.name().orElse("").equals(parameter)).findFirst()
                .orElseThrow().value();
    }

    private void countCondition() {
        conditions++;
        if (conditions > MAX_CONDITIONS) {
            throw Errors.tooManyConditions();
        }
    }

    /** The value a literal token stands for, typed as OData types it. */
    static Bound.Constant constant(Token token) {
        String text = token.text();
        return switch (token.kind()) {
            case STRING -> new Bound.Constant(EdmType.STRING, unquote(text), token);
            case INT32 -> new Bound.Constant(EdmType.INT32, number(text), token);
            case INT64 -> new Bound.Constant(EdmType.INT64, number(text), token);
            case DECIMAL -> new Bound.Constant(EdmType.DECIMAL, number(text), token);
            case DOUBLE -> new Bound.Constant(EdmType.DOUBLE, number(text), token);
            case SINGLE -> new Bound.Constant(EdmType.SINGLE, number(text), token);
            case BOOLEAN -> new Bound.Constant(EdmType.BOOLEAN, Boolean.valueOf(text), token);
            case NULL -> new Bound.Constant(EdmType.NULL, null, token);
            case GUID -> new Bound.Constant(EdmType.GUID, UUID.fromString(text), token);
            case DATE -> new Bound.Constant(EdmType.DATE,
                    LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant(), token);
            case DATETIMEOFFSET -> new Bound.Constant(EdmType.DATETIMEOFFSET,
                    ExpressionLexer.parseDateTimeOffset(text).toInstant(), token);
            case TIMEOFDAY -> new Bound.Constant(EdmType.TIMEOFDAY, ExpressionLexer.parseTimeOfDay(text), token);
            case BRACKETED, BRACED -> new Bound.Constant(EdmType.COLLECTION, text, token);
            default -> throw new IllegalStateException("not a literal: " + token);
        };
    }

    static String unquote(String quoted) {
        return quoted.substring(1, quoted.length() - 1).replace("''", "'");
    }

    private static BigDecimal number(String text) {
        String digits = Character.isLetter(text.charAt(text.length() - 1)) ? text.substring(0, text.length() - 1)
                : text;
        return new BigDecimal(digits);
    }

    private static Bound predicate(Function<Map<String, Object>, Boolean> test) {
        return new Bound() {
            @Override
            public EdmType type() {
                return EdmType.BOOLEAN;
            }

            @Override
            public Object eval(Map<String, Object> row) {
                return test.apply(row);
            }
        };
    }
}
