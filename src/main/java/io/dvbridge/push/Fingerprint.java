package io.dvbridge.push;

/** The identity of a push for its checkpoints: the same push of the same source content resumes; anything else starts afresh. */
public final class Fingerprint {

    private Fingerprint() {
    }

    public static String runIdentity(String environment, String table, String mode, String key, String sourceFingerprint) {
        return Fingerprints.ofText(String.join("\n", environment, table, mode, key, sourceFingerprint));
    }
}
