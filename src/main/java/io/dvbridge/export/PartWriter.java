package io.dvbridge.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes one CSV or JSON Lines part file (Parquet: {@link ParquetPartWriter}): a header (CSV) and one line per
 * record, the layout's columns plus {@code isdelete}
 * (Synapse Link's append-only style: a delete is a line with the id, {@code isdelete} true and nothing else).
 */
final class PartWriter implements PartOutput {

    static final String IS_DELETE = "isdelete";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FileFormat format;
    private final List<String> columns;
    private final Writer out;
    private final CSVPrinter csv;

    PartWriter(Path file, FileFormat format, List<String> columns) throws IOException {
        this.format = format;
        this.columns = columns;
        this.out = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
        List<String> header = new java.util.ArrayList<>(columns);
        header.add(IS_DELETE);
        this.csv = format == FileFormat.CSV
                ? new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get()) : null;
    }

    @Override
    public void row(Object[] values, boolean delete) throws IOException {
        if (csv != null) {
            for (Object value : values) {
                csv.print(text(value));
            }
            csv.print(delete);
            csv.println();
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            line.put(columns.get(i), json(values[i]));
        }
        line.put(IS_DELETE, delete);
        out.write(JSON.writeValueAsString(line));
        out.write('\n');
    }

    private static Object text(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value == null ? null : value.toString();
    }

    private static Object json(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        return value.toString();
    }

    @Override
    public void close() throws IOException {
        if (csv != null) {
            csv.close();
        } else {
            out.close();
        }
    }

    FileFormat format() {
        return format;
    }
}
