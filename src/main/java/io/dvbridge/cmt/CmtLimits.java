package io.dvbridge.cmt;

/**
 * How much of a data.zip dvbridge agrees to read, so that a hostile or broken file (a zip bomb, one
 * gigantic value, millions of entries) is refused with a message naming the limit instead of
 * exhausting memory or reaching Dataverse. Each limit is a configuration key (see {@link #KEY_PREFIX}).
 *
 * @param maxDataBytes   uncompressed size of data.xml ({@code dvbridge.cmt.max-data-bytes})
 * @param maxEntries     entries in the zip ({@code dvbridge.cmt.max-entries})
 * @param maxValueLength characters of one field value ({@code dvbridge.cmt.max-value-length}); Dataverse's
 *                       longest text column (Multiline text) holds 1,048,576 characters
 * @param maxRecords     records in data.xml over all entities ({@code dvbridge.cmt.max-records})
 */
public record CmtLimits(long maxDataBytes, int maxEntries, int maxValueLength, long maxRecords) {

    public static final String KEY_PREFIX = "dvbridge.cmt.";
    public static final String MAX_DATA_BYTES = KEY_PREFIX + "max-data-bytes";
    public static final String MAX_ENTRIES = KEY_PREFIX + "max-entries";
    public static final String MAX_VALUE_LENGTH = KEY_PREFIX + "max-value-length";
    public static final String MAX_RECORDS = KEY_PREFIX + "max-records";

    /** The documented defaults (config/application.properties repeats them). */
    public static final CmtLimits DEFAULTS = new CmtLimits(1L << 30, 100, 1_048_576, 1_000_000);

    /**
     * XML escaping can make one character up to 10 bytes ({@code &#x10FFFF;}) and CMT encodes values twice
     * ({@code &amp;amp;}), so a stretch of data.xml between two {@code <} (one element with its attributes,
     * or the text between elements) longer than this many bytes per allowed character holds a value over
     * the limit, or is no CMT file at all.
     */
    static final int BYTES_PER_CHARACTER_AT_MOST = 12;

    /** Markup around the longest value: the other attributes of a {@code <field>} element and indentation. */
    static final int MARKUP_SLACK_BYTES = 64 * 1024;

    public CmtLimits {
        if (maxDataBytes < 1 || maxEntries < 3 || maxValueLength < 1 || maxRecords < 1) {
            throw new IllegalArgumentException("limits must be positive (and the zip needs at least its 3 entries)");
        }
    }

    /** The longest stretch of data.xml bytes without a {@code <} that a file within these limits can have. */
    long maxBytesBetweenMarkup() {
        return (long) maxValueLength * BYTES_PER_CHARACTER_AT_MOST + MARKUP_SLACK_BYTES;
    }
}
