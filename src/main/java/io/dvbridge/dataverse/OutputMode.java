package io.dvbridge.dataverse;

/** What a {@code dataverse:query} endpoint puts in the message body. */
public enum OutputMode {
    /** A lazy {@code Iterator<List<Map<String,Object>>>}, one element per page (split with streaming). */
    pages,
    /** A lazy {@code Iterator<Map<String,Object>>} over all rows of all pages. */
    rows,
    /** A {@code List<Map<String,Object>>} holding every row (reads all pages before the route continues). */
    list
}
