package io.dvbridge.sandbox.entra;

import com.nimbusds.jose.jwk.RSAKey;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The sandbox's first token signing key, kept in the file that system property {@value #PROPERTY} names.
 * Making a 2,048-bit RSA key costs a short command-line run of the embedded sandbox more CPU than anything else it
 * does at start, so the launcher ({@code bin/dvbridge}) names a file under {@code ~/.dvbridge} and every run after
 * the first reads the key instead. Without the property (tests, {@code dvbridge sandbox}) each sandbox makes its
 * own key, as before. The file is the sandbox's own fake tenant key: written owner-only and atomically; one that
 * cannot be read as an RSA private key is replaced.
 */
final class SigningKeyFile {

    static final String PROPERTY = "dvbridge.sandbox.signing-key-file";

    private SigningKeyFile() {
    }

    static RSAKey firstKey(Supplier<RSAKey> generate) {
        Optional<Path> file = Optional.ofNullable(System.getProperty(PROPERTY)).filter(p -> !p.isBlank()).map(Path::of);
        if (file.isEmpty()) {
            return generate.get();
        }
        Optional<RSAKey> kept = read(file.get());
        if (kept.isPresent()) {
            return kept.get();
        }
        RSAKey key = generate.get();
        write(file.get(), key);
        return key;
    }

    private static Optional<RSAKey> read(Path file) {
        try {
            RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            return key.isPrivate() && key.size() >= 2048 ? Optional.of(key) : Optional.empty();
        } catch (IOException | java.text.ParseException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Best effort: a folder that cannot be written only means the next run makes a key again. */
    private static void write(Path file, RSAKey key) {
        Path temporary = null;
        try {
            Path folder = file.toAbsolutePath().getParent();
            Files.createDirectories(folder);
            temporary = Files.createTempFile(folder, "." + file.getFileName(), ".tmp");
            try {
                Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the folder's own permissions apply
            }
            Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // nothing more to do
                }
            }
        }
    }
}
