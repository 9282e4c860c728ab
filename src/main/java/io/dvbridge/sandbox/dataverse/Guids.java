package io.dvbridge.sandbox.dataverse;

import java.util.Optional;
import java.util.UUID;

/** GUIDs as the sandbox reads them from URLs, bodies, fixtures and queries: bare or in braces, surrounding spaces ignored. */
public final class Guids {

    /**
     * The namespace of the sandbox's deterministic ids: a Customer Insights output row's id is the UUID v5 of its
     * {@code Identifier} under this namespace (dvbridge push's {@code --key uuid5:<column>} uses the same one).
     */
    public static final UUID IDENTIFIER_NAMESPACE = UUID.fromString("d9b2c5e4-6a57-4f6e-9d2c-3b1e8f0a7c41");

    private Guids() {
    }

    public static Optional<UUID> parse(String text) {
        String t = text.trim();
        if (t.length() == 38 && t.startsWith("{") && t.endsWith("}")) {
            t = t.substring(1, 37);
        }
        if (t.length() != 36) {
            return Optional.empty();
        }
        for (int i = 0; i < 36; i++) {
            char c = t.charAt(i);
            boolean dash = i == 8 || i == 13 || i == 18 || i == 23;
            boolean hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (dash ? c != '-' : !hex) {
                return Optional.empty();
            }
        }
        return Optional.of(UUID.fromString(t));
    }

    /** The name-based UUID, version 5 (SHA-1), of {@code name} (UTF-8) in {@code namespace}: RFC 4122 section 4.3. */
    public static UUID nameBased(UUID namespace, String name) {
        java.security.MessageDigest sha1;
        try {
            sha1 = java.security.MessageDigest.getInstance("SHA-1");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is part of every Java runtime", e);
        }
        sha1.update(java.nio.ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
                .putLong(namespace.getLeastSignificantBits()).array());
        byte[] hash = sha1.digest(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong());
    }
}
