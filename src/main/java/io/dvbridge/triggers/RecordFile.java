package io.dvbridge.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A run's file of records read as a stream, one page at a time: JSON Lines (one object a line) or CSV with a header
 * row (RFC 4180, values may hold line breaks). Records are numbered from 0 in file order; a page starts at a record
 * number and keeps the records whose fields equal every filter.
 */
abstract class RecordFile {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param columns the fields of the records on the page (CSV: the header), in order of first appearance
     * @param next    the record number the following page starts at; -1 at the end of the file
     */
    record Page(List<String> columns, List<JsonNode> records, long next) {
    }

    protected final Path file;

    private RecordFile(Path file) {
        this.file = file;
    }

    static RecordFile of(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? new Csv(file) : new JsonLines(file);
    }

    Page page(long from, int limit, Map<String, String> filters) throws IOException {
        try (Records records = open()) {
            Set<String> columns = new LinkedHashSet<>(records.header());
            List<JsonNode> page = new ArrayList<>();
            long number = 0;
            while (records.hasNext()) {
                ObjectNode record = records.next();
                if (number++ < from) {
                    continue;
                }
                if (page.size() == limit) {
                    return new Page(List.copyOf(columns), page, number - 1);
                }
                if (matches(record, filters)) {
                    record.fieldNames().forEachRemaining(columns::add);
                    page.add(record);
                }
            }
            return new Page(List.copyOf(columns), page, -1);
        }
    }

    private static boolean matches(ObjectNode record, Map<String, String> filters) {
        for (Map.Entry<String, String> filter : filters.entrySet()) {
            JsonNode value = record.get(filter.getKey());
            if (value == null || value.isNull() || value.isContainerNode() || !value.asText().equals(filter.getValue())) {
                return false;
            }
        }
        return true;
    }

    protected abstract Records open() throws IOException;

    /** The records of an open file, in order. */
    protected interface Records extends Iterator<ObjectNode>, AutoCloseable {
        List<String> header();

        @Override
        void close() throws IOException;
    }

    private static final class JsonLines extends RecordFile {

        JsonLines(Path file) {
            super(file);
        }

        @Override
        protected Records open() throws IOException {
            BufferedReader lines = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            return new Records() {
                private String line = advance();
                private long number = line == null ? 0 : 1;

                private String advance() throws IOException {
                    String next;
                    do {
                        next = lines.readLine();
                    } while (next != null && next.isBlank());
                    return next;
                }

                @Override
                public List<String> header() {
                    return List.of();
                }

                @Override
                public boolean hasNext() {
                    return line != null;
                }

                @Override
                public ObjectNode next() {
                    try {
                        JsonNode node = JSON.readTree(line);
                        ObjectNode record = node instanceof ObjectNode object ? object
                                : JsonNodeFactory.instance.objectNode().set("value", node);
                        line = advance();
                        number++;
                        return record;
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException("Record " + number + " of " + file.getFileName() + " is not JSON", e);
                    }
                }

                @Override
                public void close() throws IOException {
                    lines.close();
                }
            };
        }
    }

    private static final class Csv extends RecordFile {

        Csv(Path file) {
            super(file);
        }

        @Override
        protected Records open() throws IOException {
            CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreSurroundingSpaces(false).get()
                    .parse(Files.newBufferedReader(file, StandardCharsets.UTF_8));
            Iterator<CSVRecord> rows = parser.iterator();
            List<String> header = parser.getHeaderNames().stream().map(h -> h.startsWith("\uFEFF") ? h.substring(1) : h).toList();
            return new Records() {
                @Override
                public List<String> header() {
                    return header;
                }

                @Override
                public boolean hasNext() {
                    return rows.hasNext();
                }

                @Override
                public ObjectNode next() {
                    CSVRecord row = rows.next();
                    ObjectNode record = JsonNodeFactory.instance.objectNode();
                    for (int i = 0; i < header.size() && i < row.size(); i++) {
                        record.put(header.get(i), row.get(i));
                    }
                    return record;
                }

                @Override
                public void close() throws IOException {
                    parser.close();
                }
            };
        }
    }
}
