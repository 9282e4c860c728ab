package io.dvbridge.push;

import java.util.Locale;

/**
 * Why a row is not written: its number in the source, the column (empty when the row as a whole is at
 * fault), the offending value (cut to {@link #MAX_VALUE} characters), the kind of fault and a message for
 * people.
 */
public record Rejection(long rowNumber, String column, String value, Reason reason, String message) {

    public static final int MAX_VALUE = 100;

    /** The kinds of fault, counted per kind in the report. */
    public enum Reason {
        UNKNOWN_COLUMN, NOT_WRITABLE, TYPE, MAX_LENGTH, RANGE, PRECISION, REQUIRED, CHOICE, LOOKUP, LOOKUP_NOT_FOUND,
        IDENTITY, DUPLICATE_KEY, STRICT_COLUMNS, UNREADABLE, WRITE_FAILED;

        /** e.g. {@code max-length}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    public Rejection {
        column = column == null ? "" : column;
        value = value == null ? "" : value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) + "..." : value;
    }

    static Rejection of(long row, String column, Object value, Reason reason, String message) {
        return new Rejection(row, column, value == null ? "" : String.valueOf(value), reason, message);
    }
}
