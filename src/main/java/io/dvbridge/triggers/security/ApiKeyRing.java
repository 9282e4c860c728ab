package io.dvbridge.triggers.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The API keys this server accepts, held as SHA-256 digests only. A presented key is hashed and
 * compared with every digest by {@link MessageDigest#isEqual} (constant time), and the loop never
 * stops early, so the time taken says nothing about which key or how much of one matched.
 */
final class ApiKeyRing {

    private record Entry(String name, byte[] digest, Set<Permission> permissions) {
    }

    private final List<Entry> entries;

    private ApiKeyRing(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    static ApiKeyRing of(List<SecuritySettings.ApiKeySetting> keys) {
        return new ApiKeyRing(keys.stream().map(k -> new Entry(k.name(), sha256(k.key()), k.permissions())).toList());
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    List<String> names() {
        return entries.stream().map(Entry::name).toList();
    }

    /** The caller holding this key, if it is one of ours. */
    Optional<Caller> caller(String presentedKey) {
        byte[] presented = sha256(presentedKey);
        Entry match = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(entry.digest(), presented) && match == null) {
                match = entry;
            }
        }
        return Optional.ofNullable(match).map(e -> new Caller(e.name(), Caller.API_KEY, e.permissions()));
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
