package io.dvbridge.push;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Name-based UUIDs, version 5 (RFC 4122 §4.3: SHA-1 over the namespace's 16 bytes and the name's UTF-8 bytes),
 * in dvbridge's namespace: the same identifier always gives the same row id, so a re-run updates rather than
 * duplicates. The namespace is the one the Customer Insights export uses for its {@code Identifier} ids.
 */
public final class Uuid5 {

    /** dvbridge's namespace for row ids derived from identifiers (docs/push.md). */
    public static final UUID NAMESPACE = UUID.fromString("d9b2c5e4-6a57-4f6e-9d2c-3b1e8f0a7c41");

    private Uuid5() {
    }

    public static UUID of(String name) {
        return of(NAMESPACE, name);
    }

    public static UUID of(UUID namespace, String name) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                    .putLong(namespace.getLeastSignificantBits()).array());
            byte[] hash = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
            ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
            return new UUID(bytes.getLong(), bytes.getLong());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
    }
}
