package io.dvbridge.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * UTF-8 text with or without a byte order mark; a byte sequence that is not UTF-8 fails with the line it is on
 * (counted from 1 over the bytes read), where a plain reader would replace it silently or fail without saying where.
 */
final class StrictUtf8Reader extends Reader {

    private final InputStream in;
    private final String name;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(8192);
    private long line = 1;
    private boolean first = true;
    private boolean eof;

    StrictUtf8Reader(InputStream in, String name) {
        this.in = in;
        this.name = name;
        bytes.flip();
    }

    @Override
    public int read(char[] target, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(target, offset, length);
        while (true) {
            int start = bytes.position();
            CoderResult result = decoder.decode(bytes, out, eof);
            countLines(start, bytes.position());
            if (result.isError()) {
                throw malformed();
            }
            if (out.position() > offset) {
                return out.position() - offset;
            }
            if (eof) {
                return -1;
            }
            fill();
        }
    }

    /** Reads more bytes after what is left; marks the end of the stream. */
    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
            bytes.flip();
            return;
        }
        bytes.position(bytes.position() + n);
        bytes.flip();
        if (first) {
            first = false;
            if (bytes.remaining() >= 3 && (bytes.get(0) & 0xff) == 0xEF && (bytes.get(1) & 0xff) == 0xBB && (bytes.get(2) & 0xff) == 0xBF) {
                bytes.position(3);
            }
        }
    }

    private void countLines(int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes.get(i) == '\n') {
                line++;
            }
        }
    }

    private IOException malformed() {
        return new MalformedTextException(name + ", line " + line + ": the bytes are not UTF-8 text (save the file as UTF-8)");
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The input is not UTF-8; the message names the file and line. */
    static final class MalformedTextException extends IOException {
        MalformedTextException(String message) {
            super(message);
        }
    }
}
