package io.dvbridge.push;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * A CSV file (RFC 4180 with a header row, UTF-8 with or without a byte order mark): row 1 is the first record
 * after the header. A record with more or fewer fields than the header, or bytes that are not UTF-8, stop the
 * read with an error naming the line.
 */
public final class CsvRowSource implements RowSource {

    private final Path file;
    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final List<String> columns;
    private long rowNumber;

    public CsvRowSource(Path file) {
        this.file = file;
        try {
            parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true)
                    .setTrim(false).get().parse(new StrictUtf8Reader(Files.newInputStream(file), file.getFileName().toString()));
        } catch (IOException | UncheckedIOException | IllegalArgumentException e) {
            throw new PushSetupException("Cannot read the header of " + file.getFileName() + ": " + message(e), e);
        }
        columns = parser.getHeaderNames().stream().map(String::strip).toList();
        Set<String> seen = new HashSet<>();
        for (String column : columns) {
            if (column.isEmpty() || !seen.add(column)) {
                close();
                throw new PushSetupException(file.getFileName() + ", line 1: " + (column.isEmpty() ? "a column has no name"
                        : "column '" + column + "' appears twice") + " in the header");
            }
        }
        records = parser.iterator();
    }

    @Override
    public boolean hasNext() {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw new PushSetupException(message(e), e);
        }
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        CSVRecord record = records.next();
        rowNumber++;
        if (record.size() != columns.size()) {
            throw new PushSetupException(file.getFileName() + ", line " + (parser.getCurrentLineNumber()) + " (row " + rowNumber + "): "
                    + record.size() + " fields where the header has " + columns.size());
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            values.put(columns.get(i), record.get(i));
        }
        return new SourceRow(rowNumber, values);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean typed() {
        return false;
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
            parser.close();
        } catch (IOException e) {
            // nothing was written through it
        }
    }

    private static String message(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof StrictUtf8Reader.MalformedTextException)) {
            cause = cause.getCause();
        }
        return cause.getMessage();
    }
}
