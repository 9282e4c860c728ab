package io.dvbridge.runs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * An output file being written: a hidden temporary file beside its target ({@code .report.json.<16 hex>.tmp}),
 * moved over the target by {@link #commit()} and deleted by {@link #close()} when it was never committed.
 * A reader of the target therefore sees the old file or the complete new one, never half of one, and a
 * failed run leaves an existing target untouched. The name is recognisable so that files a killed
 * process left behind can be swept ({@link #isStale}).
 */
public final class PendingFile implements AutoCloseable {

    /** Only files of exactly this shape are ever swept. */
    static final Pattern NAME = Pattern.compile("\\.[A-Za-z0-9._\\[\\]-]+\\.[0-9a-f]{16}\\.tmp");

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temp;
    private boolean committed;

    private PendingFile(Path target, Path temp) {
        this.target = target;
        this.temp = temp;
    }

    /** Creates the (empty, owner-only) temporary file beside {@code target}, and the target's folder when missing. */
    public static PendingFile beside(Path target) {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        try {
            Files.createDirectories(folder);
            byte[] suffix = new byte[8];
            RANDOM.nextBytes(suffix);
            Path temp = folder.resolve("." + absolute.getFileName() + "." + HexFormat.of().formatHex(suffix) + ".tmp");
            // Owner-only, as Files.createTempFile makes them: results and data files hold business data.
            FileAttribute<?>[] ownerOnly = folder.getFileSystem().supportedFileAttributeViews().contains("posix")
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
                    : new FileAttribute<?>[0];
            return new PendingFile(absolute, Files.createFile(temp, ownerOnly));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a file beside " + target + ": " + e.getMessage(), e);
        }
    }

    /** Where to write. */
    public Path path() {
        return temp;
    }

    public Path target() {
        return target;
    }

    /** Moves the written file over the target in one step (where the file system allows) and returns the target. */
    public Path commit() {
        try {
            try {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot move the finished file into place at " + target + ": " + e.getMessage(), e);
        }
    }

    /** Deletes the temporary file unless it was committed; the target is never touched here. */
    @Override
    public void close() {
        if (!committed) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // a leftover hidden .tmp is swept later; the failure that brought us here matters more
            }
        }
    }

    /** Whether {@code file} is a temporary file of this shape last written more than {@code age} before {@code now}. */
    static boolean isStale(Path file, Instant now, Duration age) {
        if (!NAME.matcher(file.getFileName().toString()).matches()) {
            return false;
        }
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return modified.toInstant().isBefore(now.minus(age));
        } catch (IOException gone) {
            return false;
        }
    }
}
