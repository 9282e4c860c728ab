package io.dvbridge.export;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;

/**
 * An order-independent checksum of a table's (id, versionnumber) pairs: the sum (mod 2^64) of a 64-bit hash of
 * each pair, so the source side can add rows page by page as they arrive and the sink side in whatever order
 * its database returns them, and both come to the same number when they hold the same rows in the same versions.
 */
public final class TableChecksum {

    private long sum;
    private long count;

    public void add(UUID id, long version) {
        sum += hash(id.toString().toLowerCase(Locale.ROOT) + ":" + version);
        count++;
    }

    public void add(TableChecksum other) {
        sum += other.sum;
        count += other.count;
    }

    /** Forgets what was added (a read that starts over). */
    public void reset() {
        sum = 0;
        count = 0;
    }

    public long count() {
        return count;
    }

    /** The checksum as 16 hex digits. */
    public String value() {
        return String.format(Locale.ROOT, "%016x", sum);
    }

    /** FNV-1a over the UTF-8 bytes, then MurmurHash3's finalizer so that close inputs spread over all 64 bits. */
    static long hash(String text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            h ^= b & 0xff;
            h *= 0x100000001b3L;
        }
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }
}
