package io.dvbridge.push;

import java.util.Iterator;
import java.util.List;

/**
 * Rows read one at a time from a file, a query or a queue, in an order that is the same on every read (the
 * row number is the position a resumed run skips to). Closing releases the file or connection.
 */
public interface RowSource extends Iterator<SourceRow>, AutoCloseable {

    /** The source's columns when it declares them up front (a CSV header, a query's result columns); else empty. */
    List<String> columns();

    /** Whether values come with their kinds (numbers, booleans), so a strict push can check them. */
    boolean typed();

    /**
     * Identifies the source's content (a file's SHA-256) or definition (a query and its database), never with
     * credentials: with the environment and table it names a run for checkpoints.
     */
    String fingerprint();

    /** For people: the file or the database (without credentials). */
    String description();

    @Override
    void close();
}
