package io.dvbridge.runs;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps each run's files (report, undo journal, results) in a folder of its own under one directory:
 * {@code <dir>/<run id>/<file>}. Run ids sort by time and are safe as path segments; ids coming from
 * users are checked before they touch the file system.
 */
public final class RunStore {

    private static final Pattern RUN_ID = Pattern.compile("[a-z]+-\\d{8}-\\d{6}-[0-9a-f]{6}");
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    public static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    /** Temporary files untouched for this long belong to no live run. */
    static final Duration STALE_AFTER = Duration.ofMinutes(1);

    private final Path directory;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /** Opens the store and sweeps temporary files that a killed process left in run folders. */
    public RunStore(Path directory, Clock clock) {
        this.directory = directory;
        this.clock = clock;
        sweepStaleTemporaryFiles();
    }

    /**
     * Deletes {@code .<file>.<random>.tmp} files in run folders older than {@link #STALE_AFTER}: a run writing
     * one right now touches it far more often, and nothing else is ever deleted.
     */
    private void sweepStaleTemporaryFiles() {
        for (String runId : runs()) {
            try (Stream<Path> files = Files.list(directory.resolve(runId))) {
                for (Path file : files.filter(f -> PendingFile.isStale(f, clock.instant(), STALE_AFTER)).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                // a folder that cannot be listed or cleaned now is tried again next time; the run itself is unaffected
            }
        }
    }

    public Path directory() {
        return directory;
    }

    /** A new run id such as {@code rebind-20261122-010203-4f2a9c}. */
    public String newRunId(String job) {
        byte[] suffix = new byte[3];
        random.nextBytes(suffix);
        return job.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]", "") + "-" + STAMP.format(clock.instant()) + "-"
                + HexFormat.of().formatHex(suffix);
    }

    /** Writes {@code value} as JSON to the run's file, atomically (a crash never leaves half a file). */
    public Path write(String runId, String fileName, Object value) {
        return replace(runId, fileName, temp -> JSON.writeValue(temp.toFile(), value));
    }

    /** Writes a text file (e.g. an HTML report) to the run's folder, atomically. */
    public Path writeText(String runId, String fileName, String text) {
        return replace(runId, fileName, temp -> Files.writeString(temp, text));
    }

    private interface Writer {
        void writeTo(Path temp) throws IOException;
    }

    private Path replace(String runId, String fileName, Writer writer) {
        Path file = file(runId, fileName);
        try (PendingFile pending = PendingFile.beside(file)) {
            writer.writeTo(pending.path());
            return pending.commit();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    public <T> T read(String runId, String fileName, Class<T> type) {
        Path file = file(runId, fileName);
        if (!Files.isRegularFile(file)) {
            throw new RunNotFoundException("No " + fileName + " for run " + runId + " in " + directory.toAbsolutePath());
        }
        try {
            return JSON.readValue(file.toFile(), type);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    public boolean exists(String runId, String fileName) {
        return Files.isRegularFile(file(runId, fileName));
    }

    /** Run ids present, oldest first. */
    public List<String> runs() {
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> children = Files.list(directory)) {
            return children.map(p -> p.getFileName().toString()).filter(n -> RUN_ID.matcher(n).matches()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file(String runId, String fileName) {
        if (!RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("'" + runId + "' is not a run id (expected e.g. rebind-20261122-010203-4f2a9c)");
        }
        if (!FILE_NAME.matcher(fileName).matches()) {
            throw new IllegalArgumentException("'" + fileName + "' is not a plain file name");
        }
        return directory.resolve(runId).resolve(fileName);
    }
}
