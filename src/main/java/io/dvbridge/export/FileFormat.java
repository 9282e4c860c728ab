package io.dvbridge.export;

import java.util.Locale;

/** The file formats a folder sink writes. */
public enum FileFormat {
    CSV("csv"), JSONL("jsonl"), PARQUET("parquet");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** csv, jsonl or parquet (any case). */
    public static FileFormat parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "csv" -> CSV;
            case "jsonl" -> JSONL;
            case "parquet" -> PARQUET;
            default -> throw new IllegalArgumentException("'" + text + "' is not a folder format: csv, jsonl or parquet");
        };
    }
}
