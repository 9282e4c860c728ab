package io.dvbridge.jobs;

import com.fasterxml.jackson.databind.JsonNode;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One field of a job request, read from its record component and {@link Param}: how to read it from
 * text (CLI, schedule properties) or JSON (REST, queue), how to check it, how to describe it.
 * A value that cannot be read or is out of range is an {@link InvalidRequestException} naming the field.
 */
public final class RequestField {

    private static final int MAX_TEXT = 4096;

    private final String name;
    private final Class<?> declared;
    private final Class<?> scalar;
    private final boolean list;
    private final boolean optional;
    private final Param param;
    private final Pattern pattern;

    private RequestField(String name, Class<?> declared, Class<?> scalar, boolean list, boolean optional, Param param) {
        this.name = name;
        this.declared = declared;
        this.scalar = scalar;
        this.list = list;
        this.optional = optional;
        this.param = param;
        this.pattern = param.pattern().isEmpty() ? null : Pattern.compile(param.pattern());
    }

    static RequestField of(RecordComponent component) {
        Param param = component.getAnnotation(Param.class);
        if (param == null) {
            throw new IllegalStateException(component.getDeclaringRecord().getSimpleName() + "." + component.getName()
                    + " has no @Param: every request field is declared with its description");
        }
        Class<?> declared = component.getType();
        Class<?> scalar = declared;
        boolean list = declared == List.class;
        boolean optional = declared == Optional.class;
        if (list || optional) {
            Type generic = component.getGenericType();
            Type argument = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[0] : String.class;
            scalar = argument instanceof Class<?> c ? c : String.class;
        }
        RequestField field = new RequestField(component.getName(), declared, scalar, list, optional, param);
        field.fromText(param.defaultValue().isEmpty() ? null : param.defaultValue()); // a wrong default fails at start, not at a request
        return field;
    }

    public String name() {
        return name;
    }

    public Param param() {
        return param;
    }

    public ParamKind kind() {
        return param.kind();
    }

    public boolean required() {
        return param.required();
    }

    public String description() {
        return param.description();
    }

    /** {@code dryRun} -> {@code dry-run}: CLI options and schedule keys. */
    public String kebabName() {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    public List<String> cliNames() {
        return param.cli().length > 0 ? List.of(param.cli()) : List.of("--" + kebabName());
    }

    public String label() {
        if (!param.label().isEmpty()) {
            return param.label();
        }
        if (scalar.isEnum()) {
            return String.join("|", enumNames());
        }
        return isBoolean() ? "" : kebabName().toUpperCase(Locale.ROOT).replace('-', '_');
    }

    public boolean isBoolean() {
        return scalar == boolean.class || scalar == Boolean.class;
    }

    public boolean isList() {
        return list;
    }

    /** The type of one value: the item type of a list or the content of an Optional. */
    public Class<?> scalarType() {
        return scalar;
    }

    /** The JSON schema type of the field. */
    public String jsonType() {
        if (list) {
            return "array";
        }
        if (isBoolean()) {
            return "boolean";
        }
        if (isInteger()) {
            return "integer";
        }
        return "string";
    }

    public List<String> enumNames() {
        if (!scalar.isEnum()) {
            return List.of();
        }
        return Arrays.stream(scalar.getEnumConstants()).map(e -> ((Enum<?>) e).name().toLowerCase(Locale.ROOT).replace('_', '-')).toList();
    }

    /** The value when the caller gives none. */
    Object defaultValue() {
        return fromText(param.defaultValue().isEmpty() ? null : param.defaultValue());
    }

    /** The value of a text (CLI argument, schedule property); a list is comma separated. */
    public Object fromText(String text) {
        if (text == null) {
            return empty();
        }
        if (list) {
            List<Object> items = new ArrayList<>();
            for (String item : text.split(",")) {
                if (!item.isBlank()) {
                    items.add(scalarFromText(item.strip()));
                }
            }
            return wrap(items);
        }
        return wrap(scalarFromText(text.strip()));
    }

    /** The value of a JSON node, strictly: a number is not a string, "true" is not a boolean. */
    public Object fromJson(JsonNode node) {
        if (node == null || node.isNull()) {
            return empty();
        }
        if (list) {
            if (!node.isArray()) {
                throw invalid("must be a list of " + itemWord());
            }
            List<Object> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(scalarFromJson(item));
            }
            return wrap(items);
        }
        return wrap(scalarFromJson(node));
    }

    /** Checks a value's range and pattern; the value as the record component wants it. */
    Object checked(Object value) {
        Object content = value instanceof Optional<?> o ? o.orElse(null) : value;
        if (content instanceof List<?> items) {
            items.forEach(this::checkScalar);
        } else if (content != null) {
            checkScalar(content);
        }
        return value;
    }

    boolean isEmpty(Object value) {
        return value == null || (value instanceof Optional<?> o && o.isEmpty()) || (value instanceof List<?> l && l.isEmpty());
    }

    private void checkScalar(Object value) {
        if (value instanceof Number number && (number.longValue() < param.min() || number.longValue() > param.max())) {
            throw invalid("must be " + range() + ", not " + number);
        }
        if (value instanceof String text && pattern != null && !pattern.matcher(text).matches()) {
            throw invalid("must be " + (param.patternName().isEmpty() ? "of the form " + param.pattern() : param.patternName())
                    + ", not '" + printable(text) + "'");
        }
    }

    private Object scalarFromText(String text) {
        if (text.length() > MAX_TEXT) {
            throw invalid("is longer than " + MAX_TEXT + " characters");
        }
        if (isBoolean()) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
            throw invalid("must be true or false, not '" + printable(text) + "'");
        }
        if (isInteger()) {
            try {
                long value = Long.parseLong(text);
                return isLong() ? (Object) value : (Object) Math.toIntExact(value);
            } catch (NumberFormatException | ArithmeticException e) {
                throw invalid("must be a whole number" + (hasRange() ? " " + range() : "") + ", not '" + printable(text) + "'");
            }
        }
        if (scalar.isEnum()) {
            return enumValue(text);
        }
        if (scalar == Path.class) {
            try {
                return Path.of(text);
            } catch (InvalidPathException e) {
                throw invalid("is not a valid path");
            }
        }
        return text;
    }

    private Object scalarFromJson(JsonNode node) {
        if (isBoolean()) {
            if (!node.isBoolean()) {
                throw invalid("must be true or false (a JSON boolean)");
            }
            return node.booleanValue();
        }
        if (isInteger()) {
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                throw invalid("must be a whole number (a JSON number)" + (hasRange() ? " " + range() : ""));
            }
            long value = node.longValue();
            checkScalar(value);
            return isLong() ? (Object) value : (Object) (int) value;
        }
        if (!node.isTextual()) {
            throw invalid("must be " + itemWord() + " (a JSON string)");
        }
        return scalarFromText(node.textValue());
    }

    private Object enumValue(String text) {
        try {
            Method parse = scalar.getMethod("parse", String.class);
            if (Modifier.isStatic(parse.getModifiers()) && parse.getReturnType() == scalar) {
                return parse.invoke(null, text);
            }
        } catch (NoSuchMethodException e) {
            // no parse method of its own: names, any case, dashes for underscores
        } catch (ReflectiveOperationException e) {
            throw invalid("must be one of " + String.join(", ", enumNames()) + ", not '" + printable(text) + "'");
        }
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (Object constant : scalar.getEnumConstants()) {
            if (((Enum<?>) constant).name().equals(wanted)) {
                return constant;
            }
        }
        throw invalid("must be one of " + String.join(", ", enumNames()) + ", not '" + printable(text) + "'");
    }

    private Object empty() {
        if (optional) {
            return Optional.empty();
        }
        if (list) {
            return List.of();
        }
        if (declared == boolean.class) {
            return false;
        }
        return null;
    }

    private Object wrap(Object value) {
        return optional ? Optional.ofNullable(value) : value;
    }

    private boolean isInteger() {
        return scalar == int.class || scalar == Integer.class || isLong();
    }

    private boolean isLong() {
        return scalar == long.class || scalar == Long.class;
    }

    private boolean hasRange() {
        return param.min() != Long.MIN_VALUE || param.max() != Long.MAX_VALUE;
    }

    private String range() {
        if (param.min() != Long.MIN_VALUE && param.max() != Long.MAX_VALUE) {
            return "between " + param.min() + " and " + param.max();
        }
        return param.min() != Long.MIN_VALUE ? "at least " + param.min() : "at most " + param.max();
    }

    private String itemWord() {
        if (scalar.isEnum()) {
            return "one of " + String.join(", ", enumNames());
        }
        return scalar == Path.class ? "a file name" : "a string";
    }

    private InvalidRequestException invalid(String what) {
        return new InvalidRequestException(name, "'" + name + "' " + what);
    }

    /** User text quoted in a message: bounded, one line. */
    public static String printable(String text) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
