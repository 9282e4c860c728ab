package io.dvbridge.cmt;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The bytes of data.xml as the parser reads them, refused as soon as they pass a limit: the total size,
 * or a stretch without {@code <} longer than any value within the limits can be. The parser buffers a
 * whole attribute value or run of text in memory, so this is what keeps a 2 GiB run of whitespace
 * (a few MB as a zip) or one gigantic attribute from exhausting the heap: the stream stops it first.
 */
final class BoundedXmlInput extends FilterInputStream {

    private final String file;
    private final CmtLimits limits;
    private long total;
    private long sinceMarkup;
    private int line = 1;

    BoundedXmlInput(InputStream in, String file, CmtLimits limits) {
        super(in);
        this.file = file;
        this.limits = limits;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count((byte) b);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + n; i++) {
            count(buffer[i]);
        }
        return n;
    }

    @Override
    public long skip(long n) {
        // Every byte must pass through read() to be counted; skipping none is within skip's contract.
        return 0;
    }

    private void count(byte b) {
        total++;
        if (b == '<') {
            sinceMarkup = 0;
        } else if (++sinceMarkup > limits.maxBytesBetweenMarkup()) {
            throw new CmtFormatException(file, line, 0, "more than " + limits.maxBytesBetweenMarkup()
                    + " bytes without markup: a value or a run of text longer than " + CmtLimits.MAX_VALUE_LENGTH + " = "
                    + limits.maxValueLength() + " characters allows; raise that limit only if the file is genuine");
        }
        if (b == '\n') {
            line++;
        }
        if (total > limits.maxDataBytes()) {
            throw tooLarge(file, limits);
        }
    }

    static CmtFormatException tooLarge(String file, CmtLimits limits) {
        return new CmtFormatException(file, 0, 0, "larger than " + CmtLimits.MAX_DATA_BYTES + " = " + limits.maxDataBytes()
                + " bytes uncompressed; raise that limit only if the file is genuine");
    }
}
