package io.dvbridge.cmt;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Writes zips that {@link java.util.zip.ZipOutputStream} refuses to write (two entries of one name) and
 * zip bombs whose huge content never exists on disk or in memory: the deflated form of one MiB of filler
 * is repeated, so a few MB of zip inflate to GiBs. Only what the JDK's ZipFile reads is written.
 */
final class HandMadeZip {

    private static final int MIB = 1 << 20;

    private record Entry(String name, byte[] deflated, long crc, long size) {
    }

    private final List<Entry> entries = new ArrayList<>();

    HandMadeZip add(String name, String content) {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        entries.add(new Entry(name, deflate(deflater, bytes, true), crc.getValue(), bytes.length));
        deflater.end();
        return this;
    }

    /**
     * An entry of {@code prefix}, then {@code mebibytes} MiB of {@code filler}, then {@code suffix}; its
     * directory entry declares {@code declaredSize} bytes (a bomb need not tell the truth).
     */
    HandMadeZip addHuge(String name, String prefix, char filler, int mebibytes, String suffix, long declaredSize) {
        byte[] head = prefix.getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[MIB];
        Arrays.fill(block, (byte) filler);
        byte[] tail = suffix.getBytes(StandardCharsets.UTF_8);
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CRC32 crc = new CRC32();
        out.writeBytes(deflate(deflater, head, false));
        crc.update(head);
        // The first block may refer back into the prefix; from the second on, the window holds only filler,
        // so that block's deflated bytes decode to the same MiB wherever they are repeated.
        if (mebibytes > 0) {
            out.writeBytes(deflate(deflater, block, false));
            crc.update(block);
            byte[] steady = deflate(deflater, block, false);
            for (int i = 1; i < mebibytes; i++) {
                out.writeBytes(steady);
                crc.update(block);
            }
        }
        out.writeBytes(deflate(deflater, tail, true));
        crc.update(tail);
        deflater.end();
        entries.add(new Entry(name, out.toByteArray(), crc.getValue(), declaredSize));
        return this;
    }

    Path write(Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            ByteArrayOutputStream central = new ByteArrayOutputStream();
            long offset = 0;
            for (Entry e : entries) {
                byte[] name = e.name().getBytes(StandardCharsets.UTF_8);
                ByteArrayOutputStream local = new ByteArrayOutputStream();
                int32(local, 0x04034b50);
                header(local, e, name);
                local.writeBytes(name);
                out.write(local.toByteArray());
                out.write(e.deflated());
                int32(central, 0x02014b50);
                int16(central, 20);
                header(central, e, name);
                int16(central, 0);
                int16(central, 0);
                int16(central, 0);
                int32(central, 0);
                int32(central, offset);
                central.writeBytes(name);
                offset += local.size() + e.deflated().length;
            }
            byte[] directory = central.toByteArray();
            out.write(directory);
            ByteArrayOutputStream end = new ByteArrayOutputStream();
            int32(end, 0x06054b50);
            int16(end, 0);
            int16(end, 0);
            int16(end, entries.size());
            int16(end, entries.size());
            int32(end, directory.length);
            int32(end, offset);
            int16(end, 0);
            out.write(end.toByteArray());
        }
        return file;
    }

    private static void header(ByteArrayOutputStream out, Entry e, byte[] name) {
        int16(out, 20);
        int16(out, 0x0800);
        int16(out, 8);
        int16(out, 0);
        int16(out, 0x21);
        int32(out, e.crc());
        int32(out, e.deflated().length);
        int32(out, e.size());
        int16(out, name.length);
        int16(out, 0);
    }

    /** Deflates {@code input}: the last piece finishes the stream, the others end on a byte boundary (sync flush). */
    private static byte[] deflate(Deflater deflater, byte[] input, boolean last) {
        deflater.setInput(input);
        if (last) {
            deflater.finish();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        while (true) {
            int n = deflater.deflate(buffer, 0, buffer.length, last ? Deflater.NO_FLUSH : Deflater.SYNC_FLUSH);
            out.write(buffer, 0, n);
            if (last ? deflater.finished() : n < buffer.length) {
                return out.toByteArray();
            }
        }
    }

    private static void int16(ByteArrayOutputStream out, int value) {
        out.write(value & 0xFF);
        out.write((value >>> 8) & 0xFF);
    }

    private static void int32(ByteArrayOutputStream out, long value) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (value >>> (8 * i)) & 0xFF);
        }
    }
}
