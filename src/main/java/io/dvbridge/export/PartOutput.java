package io.dvbridge.export;

import java.io.IOException;

/** One part file being written: a line per record in the layout's column order, then closed complete. */
interface PartOutput extends AutoCloseable {

    void row(Object[] values, boolean delete) throws IOException;

    @Override
    void close() throws IOException;
}
