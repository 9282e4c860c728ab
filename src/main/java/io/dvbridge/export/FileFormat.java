package io.dvbridge.export;

import java.util.Locale;

/** The file formats a folder sink writes. */
public enum FileFormat {
    CSV("csv"), JSONL("jsonl");

    private final String extension;

    FileFormat(String extension) {
        this.extension = extension;
    }

    public String extension() {
        return extension;
    }

    /** csv or jsonl (any case); parquet is named as not available here. */
    public static FileFormat parse(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        return switch (value) {
            case "csv" -> CSV;
            case "jsonl" -> JSONL;
            default -> throw new IllegalArgumentException("'" + text + "' is not a folder format: csv or jsonl"
                    + (value.equals("parquet") ? " (parquet is not available in this build, see docs/export.md)" : ""));
        };
    }
}
