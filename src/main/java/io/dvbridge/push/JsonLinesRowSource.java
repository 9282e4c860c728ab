package io.dvbridge.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A JSON Lines file: one JSON object per line, UTF-8; blank lines are skipped and the row number is the line
 * number. A line that is not a JSON object becomes a row with no values and an {@link #UNREADABLE} marker the
 * validator rejects, so one bad line does not stop the others.
 */
public final class JsonLinesRowSource implements RowSource {

    /** The column under which an unreadable line carries its fault. */
    public static final String UNREADABLE = "\u0000unreadable";

    // Decimals stay exact: a double would round away the places a precision check looks at.
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(com.fasterxml.jackson.databind.node.JsonNodeFactory.withExactBigDecimals(true));

    private final Path file;
    private final BufferedReader reader;
    private String nextLine;
    private long lineNumber;
    private long nextNumber;

    public JsonLinesRowSource(Path file) {
        this.file = file;
        try {
            reader = new BufferedReader(new StrictUtf8Reader(Files.newInputStream(file), file.getFileName().toString()));
        } catch (IOException e) {
            throw new PushSetupException("Cannot read " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean hasNext() {
        try {
            while (nextLine == null) {
                String line = reader.readLine();
                if (line == null) {
                    return false;
                }
                lineNumber++;
                if (!line.isBlank()) {
                    nextLine = line;
                    nextNumber = lineNumber;
                }
            }
            return true;
        } catch (IOException e) {
            throw new PushSetupException(e.getMessage(), e);
        }
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        String line = nextLine;
        nextLine = null;
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            JsonNode node = JSON.readTree(line);
            if (!node.isObject()) {
                values.put(UNREADABLE, "the line is JSON but not an object");
            } else {
                values.putAll(objectValues(node));
            }
        } catch (JsonProcessingException e) {
            values.put(UNREADABLE, "the line is not JSON: " + e.getOriginalMessage());
        }
        return new SourceRow(nextNumber, values);
    }

    /**
     * A JSON object's fields as row values, in their order: numbers kept exact (BigInteger, BigDecimal), text as
     * text, anything else as its JSON text. Shared by every source whose rows arrive as JSON objects.
     */
    public static Map<String, Object> objectValues(JsonNode object) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            values.put(field.getKey(), value(field.getValue()));
        }
        return values;
    }

    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.isTextual() ? node.textValue() : node.toString();
    }

    @Override
    public List<String> columns() {
        return List.of();
    }

    @Override
    public boolean typed() {
        return true;
    }

    @Override
    public String fingerprint() {
        return Fingerprints.ofFile(file);
    }

    @Override
    public String description() {
        return file.getFileName().toString();
    }

    @Override
    public void close() {
        try {
            reader.close();
        } catch (IOException e) {
            // read only
        }
    }
}
