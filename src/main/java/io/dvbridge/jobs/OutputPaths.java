package io.dvbridge.jobs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Refuses a request whose output would overwrite one of its inputs, before any work: the same path, the
 * same file under another name (symbolic links followed, also when the output does not exist yet, hard
 * links compared by identity), or a file inside an input folder. An output that is a folder is refused
 * too: the finished file could not be moved over it, and only the end of the run would tell.
 */
final class OutputPaths {

    /** Symbolic links followed at most this deep, as the operating system does (ELOOP). */
    private static final int MAX_LINKS = 40;

    private OutputPaths() {
    }

    /**
     * @throws InvalidRequestException naming {@code outputField} when {@code output} is {@code input} or lies inside it
     */
    static void requireApart(String outputField, Path output, String inputField, Path input) {
        if (Files.isDirectory(output)) {
            throw new InvalidRequestException(outputField, "'" + outputField + "' (" + output + ") is a folder; name the file to write");
        }
        Path out = resolved(output);
        Path in = resolved(input);
        if (out.equals(in) || sameExistingFile(out, in)) {
            throw new InvalidRequestException(outputField, "'" + outputField + "' (" + output + ") is the same file as '" + inputField
                    + "' (" + input + "): an output never overwrites an input; write it elsewhere");
        }
        if (out.startsWith(in)) {
            throw new InvalidRequestException(outputField, "'" + outputField + "' (" + output + ") is inside the '" + inputField
                    + "' folder (" + input + "), which is read as input; write it elsewhere");
        }
    }

    private static boolean sameExistingFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException unreadable) {
            return false;
        }
    }

    /** The real path of {@code path}, or of what it will be once created: existing parts and links resolved. */
    static Path resolved(Path path) {
        Path current = path.toAbsolutePath();
        for (int links = 0; links < MAX_LINKS; links++) {
            try {
                if (Files.exists(current)) {
                    return current.toRealPath();
                }
                if (Files.isSymbolicLink(current)) {
                    // A dangling link: writing the output would create the file it points at.
                    current = current.resolveSibling(Files.readSymbolicLink(current)).toAbsolutePath();
                    continue;
                }
            } catch (IOException unreadable) {
                return current.normalize();
            }
            Path parent = current.getParent();
            return parent == null ? current.normalize() : resolved(parent).resolve(current.getFileName()).normalize();
        }
        return current.normalize();
    }
}
