package io.dvbridge.export;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A table folder's {@code manifest.json}: the part files that make up the table, in order, and the positions
 * reached. Readers take the parts it lists and nothing else; it is replaced atomically after each part, so a part
 * and the position it reached appear together or not at all.
 *
 * @param pending     parts of a read of the whole table not yet finished: they replace {@code parts} when it ends
 * @param checkpoints position per checkpoint key
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Manifest(String table, String format, List<String> columns, int generation, List<Part> parts, List<Part> pending,
                       Map<String, String> checkpoints) {

    public static final String FILE = "manifest.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** One part file: its name in the table's folder, its columns, and how many upserts and deletes it holds. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Part(String file, List<String> columns, long rows, long deletes) {
    }

    public Manifest {
        columns = List.copyOf(columns);
        parts = List.copyOf(parts);
        pending = List.copyOf(pending == null ? List.of() : pending);
        checkpoints = Map.copyOf(checkpoints == null ? Map.of() : checkpoints);
    }

    static Manifest empty(String table, FileFormat format, List<String> columns) {
        return new Manifest(table, format.extension(), columns, 1, List.of(), List.of(), Map.of());
    }

    static Optional<Manifest> read(Path folder) {
        Path file = folder.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(file.toFile(), Manifest.class));
        } catch (IOException e) {
            throw new SinkException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Written beside itself and moved over the old one in one step. */
    void write(Path folder) throws IOException {
        Path temp = folder.resolve(FILE + ".tmp");
        JSON.writeValue(temp.toFile(), this);
        Files.move(temp, folder.resolve(FILE), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Manifest withPart(Part part, boolean fullRead, Optional<String> checkpoint, String key) {
        List<Part> newParts = new ArrayList<>(parts);
        List<Part> newPending = new ArrayList<>(pending);
        (fullRead ? newPending : newParts).add(part);
        return new Manifest(table, format, columns, generation, newParts, newPending, checkpoint.isPresent() ? with(key, checkpoint) : checkpoints);
    }

    Manifest withColumns(List<String> newColumns) {
        return new Manifest(table, format, newColumns, generation, parts, pending, checkpoints);
    }

    Manifest withCheckpoint(String key, Optional<String> link) {
        return new Manifest(table, format, columns, generation, parts, pending, with(key, link));
    }

    /** The finished full read's parts become the table; the generation moves on. */
    Manifest promoted() {
        return new Manifest(table, format, columns, generation + 1, pending, List.of(), checkpoints);
    }

    Manifest withoutPending() {
        return new Manifest(table, format, columns, generation, parts, List.of(), checkpoints);
    }

    /** The checkpoints with {@code key} set to {@code link}, or removed when it is empty. */
    private Map<String, String> with(String key, Optional<String> link) {
        Map<String, String> copy = new LinkedHashMap<>(checkpoints);
        link.ifPresentOrElse(l -> copy.put(key, l), () -> copy.remove(key));
        return copy;
    }

    int nextPartNumber() {
        return parts.size() + pending.size() + 1;
    }
}
