package io.dvbridge.push;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.EnumMap;
import java.util.Map;

/**
 * The rejected rows of one push as CSV ({@code row,column,value,reason,message}), written under a temporary name
 * beside the target and moved into place when the push is done, so a reader never sees half a file. Counts the
 * rejected rows (not rejections: a row with two bad columns is one row) and the rejections by reason.
 */
public final class RejectsFile implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final CSVPrinter printer;
    private final Map<Rejection.Reason, Long> byReason = new EnumMap<>(Rejection.Reason.class);
    private long rows;
    private long lastRow = -1;

    public RejectsFile(Path target) {
        this.target = target.toAbsolutePath();
        this.temporary = this.target.resolveSibling("." + this.target.getFileName() + ".tmp");
        try {
            Files.createDirectories(this.target.getParent());
            BufferedWriter writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
            printer = CSVFormat.RFC4180.builder().setHeader("row", "column", "value", "reason", "message").get().print(writer);
        } catch (IOException e) {
            throw new PushSetupException("Cannot write the rejects file " + target + ": " + e.getMessage(), e);
        }
    }

    public synchronized void add(Rejection rejection) {
        try {
            printer.printRecord(rejection.rowNumber(), rejection.column(), rejection.value(), rejection.reason().label(), rejection.message());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the rejects file " + target + ": " + e.getMessage(), e);
        }
        byReason.merge(rejection.reason(), 1L, Long::sum);
        if (rejection.rowNumber() != lastRow) {
            lastRow = rejection.rowNumber();
            rows++;
        }
    }

    /** Rows with at least one rejection (rejections of one row are added together). */
    public synchronized long rows() {
        return rows;
    }

    public synchronized Map<Rejection.Reason, Long> byReason() {
        return Map.copyOf(byReason);
    }

    public Path path() {
        return target;
    }

    /** Finishes the file and moves it into place. */
    @Override
    public synchronized void close() {
        try {
            printer.close(true);
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot finish the rejects file " + target + ": " + e.getMessage(), e);
        }
    }
}
