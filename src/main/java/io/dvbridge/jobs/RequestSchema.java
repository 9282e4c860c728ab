package io.dvbridge.jobs;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The inputs of one job, read once from its request record: builds requests from JSON (REST, queue),
 * from text (CLI, schedule properties) or from values, and describes them as a JSON schema. Every way
 * in applies the same defaults, types, ranges and patterns, so a request means the same from every trigger.
 */
public final class RequestSchema<R extends Record> {

    /** Duplicate keys are an error, not "last one wins": a person and a proxy must read a body the same way. */
    private static final ObjectMapper STRICT_JSON = new ObjectMapper(JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final Class<R> type;
    private final List<RequestField> fields;
    private final Constructor<R> constructor;

    private RequestSchema(Class<R> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        this.fields = Arrays.stream(components).map(RequestField::of).toList();
        try {
            this.constructor = type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType).toArray(Class[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("A record always has its canonical constructor", e);
        }
    }

    public static <R extends Record> RequestSchema<R> of(Class<R> type) {
        return new RequestSchema<>(type);
    }

    public Class<R> type() {
        return type;
    }

    public List<RequestField> fields() {
        return fields;
    }

    public Optional<RequestField> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** A request from a JSON object; unknown fields, duplicate keys and wrong types are refused, naming the field. */
    public R fromJson(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("", "The request body is empty; send a JSON object (it may be {} when no field is required)");
        }
        JsonNode json;
        try {
            json = STRICT_JSON.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(duplicateField(e).orElse(""), jsonProblem(e));
        }
        if (!(json instanceof ObjectNode object)) {
            throw new InvalidRequestException("", "The request body must be a JSON object");
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> entries = object.fields(); entries.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = entries.next();
            values.put(entry.getKey(), known(entry.getKey()).fromJson(entry.getValue()));
        }
        return build(values);
    }

    /** A request from texts by field name (schedule properties, CLI arguments); blank texts count as absent. */
    public R fromText(Map<String, String> texts) {
        Map<String, Object> values = new LinkedHashMap<>();
        texts.forEach((name, text) -> {
            if (text != null && !text.isBlank()) {
                values.put(name, known(name).fromText(text));
            }
        });
        return build(values);
    }

    /** A request from typed values by field name; absent fields take their defaults. */
    public R build(Map<String, Object> values) {
        values.keySet().forEach(this::known);
        Object[] arguments = new Object[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            RequestField field = fields.get(i);
            Object value = values.get(field.name());
            if (field.isEmpty(value)) {
                if (field.required()) {
                    throw new InvalidRequestException(field.name(), "'" + field.name() + "' is required: " + field.description());
                }
                value = field.defaultValue();
            }
            arguments[i] = field.checked(value);
        }
        try {
            return constructor.newInstance(arguments);
        } catch (InvocationTargetException e) {
            // The record's own checks (e.g. two fields that must differ) speak for the request as a whole.
            if (e.getCause() instanceof InvalidRequestException invalid) {
                throw invalid;
            }
            if (e.getCause() instanceof IllegalArgumentException || e.getCause() instanceof NullPointerException) {
                throw new InvalidRequestException("", e.getCause().getMessage());
            }
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request's values by field name, as its record holds them. */
    public Map<String, Object> values(R request) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent component : type.getRecordComponents()) {
            try {
                values.put(component.getName(), component.getAccessor().invoke(request));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return values;
    }

    /** A JSON schema (draft 2020-12) of the request, for {@code GET /api/jobs} and forms. */
    public ObjectNode jsonSchema() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode schema = nodes.objectNode().put("type", "object").put("additionalProperties", false);
        ObjectNode properties = schema.putObject("properties");
        ArrayNode required = nodes.arrayNode();
        for (RequestField field : fields) {
            ObjectNode property = properties.putObject(field.name()).put("type", field.jsonType())
                    .put("description", field.description());
            ObjectNode valueSchema = property;
            if (field.isList()) {
                valueSchema = property.putObject("items").put("type", "string");
            }
            if (!field.enumNames().isEmpty()) {
                field.enumNames().forEach(valueSchema.putArray("enum")::add);
            }
            if (!field.param().pattern().isEmpty()) {
                valueSchema.put("pattern", field.param().pattern());
            }
            if (field.param().min() != Long.MIN_VALUE) {
                valueSchema.put("minimum", field.param().min());
            }
            if (field.param().max() != Long.MAX_VALUE) {
                valueSchema.put("maximum", field.param().max());
            }
            if (!field.param().defaultValue().isEmpty()) {
                property.set("default", defaultJson(field));
            }
            if (field.kind() != ParamKind.VALUE) {
                property.put("x-dvbridge-kind", field.kind().name().toLowerCase().replace('_', '-'));
            }
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            schema.set("required", required);
        }
        return schema;
    }

    private static JsonNode defaultJson(RequestField field) {
        Object value = field.defaultValue();
        value = value instanceof Optional<?> o ? o.orElse(null) : value;
        if (value instanceof Boolean b) {
            return JsonNodeFactory.instance.booleanNode(b);
        }
        if (value instanceof Number n) {
            return JsonNodeFactory.instance.numberNode(n.longValue());
        }
        return JsonNodeFactory.instance.textNode(field.param().defaultValue());
    }

    private RequestField known(String name) {
        return field(name).orElseThrow(() -> new InvalidRequestException(RequestField.printable(name), "Unknown field '"
                + RequestField.printable(name) + "'; known fields: " + String.join(", ", fields.stream().map(RequestField::name).toList())));
    }

    private static Optional<String> duplicateField(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Duplicate field '")) {
            int end = message.indexOf('\'', "Duplicate field '".length());
            if (end > 0) {
                return Optional.of(RequestField.printable(message.substring("Duplicate field '".length(), end)));
            }
        }
        return Optional.empty();
    }

    /** Jackson's own messages quote the input; the location and the kind of problem are enough. */
    private static String jsonProblem(JsonProcessingException e) {
        var at = e.getLocation();
        String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
        return duplicateField(e).map(f -> "The field '" + f + "' appears twice" + where + "; send each field once")
                .orElse("The request body is not valid JSON" + where);
    }
}
