package io.dvbridge.triggers.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The API key made when no credential is configured, kept in a file only its owner can read (as
 * Jupyter keeps its token): created with mode 600 from the first byte (never chmod-ed afterwards),
 * in a directory created with mode 700, written under a temporary name and moved into place. The
 * next start reuses the file, after checking that it is a regular file no one else may read or
 * write and that it holds a key; a file others may read is refused, never repaired or replaced, as
 * its key must be taken as known.
 */
final class GeneratedKeyFile {

    private static final Set<PosixFilePermission> OWNER_ONLY_FILE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final int KEY_BYTES = 32;
    private static final long MAX_FILE_BYTES = 1024;

    private GeneratedKeyFile() {
    }

    /**
     * The key in {@code file}, generated first if the file does not exist.
     *
     * @throws SecurityConfigurationException when the file may be read by others, holds no key, or cannot be made
     */
    static String loadOrCreate(Path file) {
        Path target = file.toAbsolutePath();
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return read(target);
        }
        try {
            return create(target);
        } catch (FileAlreadyExistsException e) {
            // Another instance made it between our check and our move: use theirs.
            return read(target);
        } catch (UnsupportedOperationException e) {
            throw new SecurityConfigurationException("Cannot keep a generated API key in " + target + ": its file system has no "
                    + "owner-only (POSIX) permissions. Configure " + SecuritySettings.KEYS + " or Entra ID instead.");
        } catch (IOException e) {
            throw new SecurityConfigurationException("Cannot create the generated API key file " + target + " (" + e.getMessage()
                    + "). Set " + SecuritySettings.GENERATED_KEY_FILE + " to a writable place, or configure "
                    + SecuritySettings.KEYS + " or Entra ID.", e);
        }
    }

    private static String create(Path target) throws IOException {
        Path directory = target.getParent();
        if (!Files.isDirectory(directory)) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIRECTORY));
        }
        byte[] random = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(random);
        String key = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp",
                PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE));
        try {
            Files.writeString(temporary, key + "\n", StandardCharsets.US_ASCII);
            // Without REPLACE_EXISTING the move fails rather than overwrite a key another instance just wrote.
            Files.move(temporary, target);
        } finally {
            Files.deleteIfExists(temporary);
        }
        return key;
    }

    private static String read(Path target) {
        try {
            if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
                throw new SecurityConfigurationException("The generated API key file " + target + " is not a regular file "
                        + "(a link or a directory). Remove it, or set " + SecuritySettings.GENERATED_KEY_FILE + " elsewhere.");
            }
            PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
            if (view == null) {
                throw new SecurityConfigurationException("Cannot check who may read " + target + ": its file system has no POSIX "
                        + "permissions. Configure " + SecuritySettings.KEYS + " or Entra ID instead.");
            }
            Set<PosixFilePermission> permissions = view.readAttributes().permissions();
            if (permissions.stream().anyMatch(GROUP_OR_OTHERS::contains)) {
                throw new SecurityConfigurationException("Refusing the API key in " + target + ": its permissions are "
                        + PosixFilePermissions.toString(permissions) + ", so other users may know it. Delete the file to have a "
                        + "new key made at the next start (chmod 600 would keep a key others may have read).");
            }
            if (Files.size(target) > MAX_FILE_BYTES) {
                throw invalid(target);
            }
            String key = Files.readString(target, StandardCharsets.US_ASCII).trim();
            if (key.length() < SecuritySettings.MIN_KEY_LENGTH || !key.matches("[A-Za-z0-9_-]+")) {
                throw invalid(target);
            }
            return key;
        } catch (IOException e) {
            throw new SecurityConfigurationException("Cannot read the generated API key file " + target + ": " + e.getMessage(), e);
        }
    }

    private static SecurityConfigurationException invalid(Path target) {
        return new SecurityConfigurationException("The generated API key file " + target + " holds no API key (one line of at "
                + "least " + SecuritySettings.MIN_KEY_LENGTH + " base64url characters). Delete it to have a new key made at the "
                + "next start, or set " + SecuritySettings.GENERATED_KEY_FILE + " elsewhere.");
    }
}
