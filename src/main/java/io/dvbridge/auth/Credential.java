package io.dvbridge.auth;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * How an app proves itself to Entra ID. {@link #toString()} of every kind hides secrets and passwords.
 */
public sealed interface Credential permits Credential.ClientSecret, Credential.CertificateFile, Credential.ManagedIdentity {

    /** A short word for messages and logs: {@code secret}, {@code certificate} or {@code managed-identity}. */
    String kind();

    /** A client secret of the app registration. */
    record ClientSecret(String secret) implements Credential {
        public ClientSecret {
            Objects.requireNonNull(secret, "secret");
            if (secret.isBlank()) {
                throw new IllegalArgumentException("A client secret must not be blank");
            }
        }

        @Override
        public String kind() {
            return "secret";
        }

        @Override
        public String toString() {
            return "ClientSecret[<redacted>]";
        }
    }

    /**
     * A certificate with its private key: a PKCS#12 file ({@code .p12}/{@code .pfx}), or PEM holding the
     * certificate (chain) and, unless {@code privateKeyFile} names another PEM file, the private key
     * (PKCS#8, PKCS#1 or encrypted PKCS#8). {@code password} opens the PKCS#12 file or an encrypted key.
     */
    record CertificateFile(Path file, Optional<Path> privateKeyFile, Optional<String> password) implements Credential {
        public CertificateFile {
            Objects.requireNonNull(file, "file");
            privateKeyFile = privateKeyFile == null ? Optional.empty() : privateKeyFile;
            password = password == null ? Optional.empty() : password;
        }

        @Override
        public String kind() {
            return "certificate";
        }

        @Override
        public String toString() {
            return "CertificateFile[file=" + file + ", privateKeyFile=" + privateKeyFile.map(Path::toString).orElse("-")
                    + ", password=" + (password.isPresent() ? "<redacted>" : "-") + "]";
        }
    }

    /** The managed identity of the Azure host: system-assigned, or user-assigned when a client id is given. */
    record ManagedIdentity(Optional<String> userAssignedClientId) implements Credential {
        public ManagedIdentity {
            userAssignedClientId = userAssignedClientId == null ? Optional.empty() : userAssignedClientId;
        }

        @Override
        public String kind() {
            return "managed-identity";
        }
    }
}
