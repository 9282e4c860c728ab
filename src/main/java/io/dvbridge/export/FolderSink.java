package io.dvbridge.export;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A folder as an export target: one folder per table, part files (one per page) in CSV, JSON Lines or Parquet, and a
 * {@link Manifest} replaced atomically after each part with the position reached. Append-only, as Synapse Link's
 * append-only mode: an update is a newer line for the id, a delete a line with {@code isdelete} true; a reader
 * keeps the last line per id in manifest order. A part written but not yet in the manifest (a kill between the
 * two) is ignored by readers and overwritten by the next page.
 *
 * <p>Reconciliation replays the parts with the ids and versions in memory (about 100 bytes a row).
 */
public final class FolderSink implements ExportSink {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STAGED_KEYS = "staged-keys.txt";

    private final Path root;
    private final String prefix;
    private final FileFormat format;
    private final Clock clock;

    public FolderSink(Path root, String prefix, FileFormat format, Clock clock) {
        this.root = root;
        this.prefix = prefix;
        this.format = format;
        this.clock = clock;
    }

    @Override
    public String describe() {
        return format.extension() + " files in " + root;
    }

    @Override
    public List<String> housekeeping() {
        return Files.isDirectory(root) ? List.of() : List.of("create folder " + root);
    }

    private Path folder(TableLayout layout) {
        return root.resolve(layout.name());
    }

    private Manifest manifest(TableLayout layout) {
        return Manifest.read(folder(layout)).orElseGet(() -> Manifest.empty(layout.name(), format, layout.columnNames()));
    }

    @Override
    public SchemaChange prepare(TableLayout layout, boolean apply) {
        Optional<Manifest> existing = Manifest.read(folder(layout));
        List<String> statements = new ArrayList<>();
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> columns = new ArrayList<>(layout.columnNames());
        if (existing.isEmpty()) {
            statements.add("create folder " + folder(layout) + " with " + Manifest.FILE);
        } else {
            if (!existing.get().format().equals(format.extension())) {
                throw new SinkException("The folder " + folder(layout) + " holds " + existing.get().format() + " parts, not "
                        + format.extension() + ": export into another folder or with --format " + existing.get().format());
            }
            Set<String> had = new LinkedHashSet<>(existing.get().columns());
            layout.columnNames().stream().filter(c -> !had.contains(c)).forEach(added::add);
            had.stream().filter(c -> !layout.columnNames().contains(c)).forEach(removed::add);
            if (!added.isEmpty()) {
                statements.add("add columns " + String.join(", ", added) + " to " + Manifest.FILE + " (new parts carry them)");
            }
        }
        if (apply) {
            try {
                Files.createDirectories(folder(layout));
                Manifest manifest = existing.orElseGet(() -> Manifest.empty(layout.name(), format, columns));
                if (existing.isEmpty() || !added.isEmpty()) {
                    List<String> union = new ArrayList<>(manifest.columns());
                    added.forEach(union::add);
                    manifest.withColumns(existing.isEmpty() ? columns : union).write(folder(layout));
                }
                writeMetadata(layout);
            } catch (IOException e) {
                throw new SinkException("Cannot prepare " + folder(layout) + ": " + e.getMessage(), e);
            }
        }
        return new SchemaChange(existing.isEmpty(), added, removed, statements);
    }

    /** The table's columns, choice labels and lookup targets, as the SQL sinks keep them in their metadata tables. */
    private void writeMetadata(TableLayout layout) throws IOException {
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("entityname", layout.source().logicalName());
        metadata.put("attributes", layout.source().columns().stream().map(c -> Map.of("attributename", c.name(),
                "attributetype", c.attributeType(), "maxlength", c.maxLength(), "targets", c.targets())).toList());
        metadata.put("labels", layout.source().labels());
        Path temp = folder(layout).resolve("metadata.json.tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(temp.toFile(), metadata);
        Files.move(temp, folder(layout).resolve("metadata.json"), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public Optional<String> checkpoint(String key) {
        try (Stream<Path> folders = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            return folders.map(Manifest::read).flatMap(Optional::stream).map(m -> m.checkpoints().get(key))
                    .filter(java.util.Objects::nonNull).findFirst();
        } catch (IOException e) {
            throw new SinkException("Cannot read the manifests in " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void clearCheckpoint(String key) {
        try (Stream<Path> folders = Files.isDirectory(root) ? Files.list(root) : Stream.empty()) {
            for (Path folder : folders.toList()) {
                Optional<Manifest> manifest = Manifest.read(folder);
                if (manifest.isPresent() && manifest.get().checkpoints().containsKey(key)) {
                    manifest.get().withCheckpoint(key, Optional.empty()).write(folder);
                }
            }
        } catch (IOException e) {
            throw new SinkException("Cannot clear the checkpoint " + key + " in " + root + ": " + e.getMessage(), e);
        }
    }

    @Override
    public PageOutcome write(TableLayout layout, ExportPage page, String checkpointKey, RetryRule retry, boolean fullRead,
                             boolean lastOfFullRead) {
        Instant now = clock.instant();
        Manifest manifest = manifest(layout);
        RowValues values = new RowValues(layout);
        List<ExportFailure> failures = new ArrayList<>();
        TableChecksum read = new TableChecksum();
        String name = String.format(Locale.ROOT, "part-%05d-%06d.%s", manifest.generation() + (fullRead ? 1 : 0),
                manifest.nextPartNumber(), format.extension());
        Path part = folder(layout).resolve(name);
        Path temp = folder(layout).resolve(name + ".tmp");
        long rows = 0;
        long deletes = 0;
        try {
            Files.createDirectories(folder(layout));
            try (PartOutput writer = open(temp, layout)) {
                for (Map<String, Object> row : page.upserts()) {
                    try {
                        SinkRow sinkRow = values.of(row, now);
                        writer.row(sinkRow.values(), false);
                        read.add(sinkRow.id(), sinkRow.version());
                        rows++;
                    } catch (RecordRejectedException e) {
                        failures.add(new ExportFailure(layout.source().logicalName(), e.recordId(), now, ExportFailure.UPSERT,
                                e.getMessage(), row));
                    }
                }
                for (String id : page.deletedIds()) {
                    Object[] line = new Object[layout.columns().size()];
                    line[0] = id.toLowerCase(Locale.ROOT);
                    writer.row(line, true);
                    deletes++;
                }
            }
            if (rows + deletes == 0 && page.position().isEmpty()) {
                Files.delete(temp);
                return new PageOutcome(0, 0, failures, read);
            }
            Files.move(temp, part, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            manifest.withPart(new Manifest.Part(name, layout.columnNames(), rows, deletes), fullRead, page.position(), checkpointKey)
                    .write(folder(layout));
            // the manifest that promotes the full read is the one step that makes it the table: its position comes with it
            Optional<KeyRepair> finished = lastOfFullRead ? Optional.of(finishFullRead(layout)) : Optional.empty();
            return new PageOutcome(rows, deletes, failures, read, finished);
        } catch (IOException e) {
            throw new SinkException("Cannot write " + part + ": " + e.getMessage(), e);
        }
    }

    /** Parquet's classes load here, on the first Parquet part, never for the text formats. */
    private PartOutput open(Path temp, TableLayout layout) throws IOException {
        return format == FileFormat.PARQUET ? new ParquetPartWriter(temp, layout.columns())
                : new PartWriter(temp, format, layout.columnNames());
    }

    @Override
    public void stageKeys(TableLayout layout, List<Map<String, Object>> keyRows) {
        StringBuilder lines = new StringBuilder();
        for (Map<String, Object> row : keyRows) {
            lines.append(String.valueOf(row.get(layout.source().primaryId())).toLowerCase(Locale.ROOT)).append(' ')
                    .append(row.get(TableLayout.VERSION)).append('\n');
        }
        try {
            Files.createDirectories(folder(layout));
            Files.writeString(folder(layout).resolve(STAGED_KEYS), lines, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new SinkException("Cannot stage the keys of " + layout.name() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public boolean fullReadPending(TableLayout layout) {
        return !manifest(layout).pending().isEmpty() || Files.exists(folder(layout).resolve(STAGED_KEYS));
    }

    @Override
    public KeyRepair finishFullRead(TableLayout layout) {
        Manifest manifest = manifest(layout);
        try {
            Path staged = folder(layout).resolve(STAGED_KEYS);
            if (!manifest.pending().isEmpty()) {
                Set<String> before = state(layout, manifest.parts()).keySet();
                Set<String> after = state(layout, manifest.pending()).keySet();
                long deleted = before.stream().filter(id -> !after.contains(id)).count();
                Manifest promoted = manifest.promoted();
                promoted.write(folder(layout));
                for (Manifest.Part old : manifest.parts()) {
                    Files.deleteIfExists(folder(layout).resolve(old.file()));
                }
                Files.deleteIfExists(staged);
                return new KeyRepair(deleted, 0);
            }
            if (!Files.exists(staged)) {
                return new KeyRepair(0, 0);
            }
            Map<String, Long> source = new HashMap<>();
            for (String line : Files.readAllLines(staged, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ");
                source.put(parts[0], parts[1].equals("null") ? 0 : Long.parseLong(parts[1]));
            }
            Map<String, Long> sink = state(layout, manifest.parts());
            List<String> gone = sink.keySet().stream().filter(id -> !source.containsKey(id)).toList();
            long missing = source.entrySet().stream().filter(e -> !sink.containsKey(e.getKey()) || sink.get(e.getKey()) < e.getValue()).count();
            if (!gone.isEmpty()) {
                write(layout, new ExportPage(List.of(), gone, Optional.empty()), "", new RetryRule(1, java.time.Duration.ZERO), false);
            }
            Files.deleteIfExists(staged);
            return new KeyRepair(gone.size(), missing);
        } catch (IOException e) {
            throw new SinkException("Cannot reconcile the keys of " + folder(layout) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void abandonFullRead(TableLayout layout) {
        Manifest manifest = manifest(layout);
        try {
            for (Manifest.Part part : manifest.pending()) {
                Files.deleteIfExists(folder(layout).resolve(part.file()));
            }
            if (!manifest.pending().isEmpty()) {
                manifest.withoutPending().write(folder(layout));
            }
            Files.deleteIfExists(folder(layout).resolve(STAGED_KEYS));
        } catch (IOException e) {
            throw new SinkException("Cannot clear the unfinished read of " + folder(layout) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public TableChecksum contents(TableLayout layout) {
        TableChecksum checksum = new TableChecksum();
        try {
            state(layout, manifest(layout).parts()).forEach((id, version) -> checksum.add(UUID.fromString(id), version));
        } catch (IOException e) {
            throw new SinkException("Cannot read the parts of " + folder(layout) + ": " + e.getMessage(), e);
        }
        return checksum;
    }

    /** The table the parts add up to: the last version per id, without the deleted ones. */
    private Map<String, Long> state(TableLayout layout, List<Manifest.Part> parts) throws IOException {
        Map<String, Long> ids = new HashMap<>();
        for (Manifest.Part part : parts) {
            if (format == FileFormat.PARQUET) {
                ParquetPartReader.keys(folder(layout).resolve(part.file()),
                        (id, version, delete) -> apply(ids, id, String.valueOf(version), String.valueOf(delete)));
                continue;
            }
            try (Reader reader = Files.newBufferedReader(folder(layout).resolve(part.file()), StandardCharsets.UTF_8)) {
                if (format == FileFormat.CSV) {
                    try (CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(reader)) {
                        for (CSVRecord record : csv) {
                            apply(ids, record.get(TableLayout.ID), record.get(TableLayout.VERSION), record.get(PartWriter.IS_DELETE));
                        }
                    }
                } else {
                    BufferedReader lines = new BufferedReader(reader);
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        Map<?, ?> record = JSON.readValue(line, Map.class);
                        apply(ids, String.valueOf(record.get(TableLayout.ID)), String.valueOf(record.get(TableLayout.VERSION)),
                                String.valueOf(record.get(PartWriter.IS_DELETE)));
                    }
                }
            }
        }
        return ids;
    }

    private static void apply(Map<String, Long> ids, String id, String version, String delete) {
        if (Boolean.parseBoolean(delete)) {
            ids.remove(id.toLowerCase(Locale.ROOT));
        } else {
            ids.put(id.toLowerCase(Locale.ROOT), Long.parseLong(version));
        }
    }

    @Override
    public void close() {
        // every part and manifest is complete on disk when write returns
    }

}
