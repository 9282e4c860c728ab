package io.dvbridge.cmt;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a data.zip (or unpacked folder) in import order, at most {@code chunkSize} records of one
 * entity at a time. The file is walked once per entity (skipping the others), so entities follow
 * {@link ImportOrder} whatever their order in data.xml, and memory holds one chunk, never the file.
 * Before the first chunk the whole file is walked once within the {@link CmtLimits}: a malformed
 * record or a value over a limit anywhere in it stops the import before anything is sent.
 */
public final class ImportChunks implements Closeable {

    /** Up to {@code chunkSize} records of one entity, in file order. */
    public record Chunk(CmtEntity entity, List<CmtRecord> records, int number) {
        public Chunk {
            records = List.copyOf(records);
        }
    }

    private final Path data;
    private final int chunkSize;
    private final CmtLimits limits;
    private final long records;
    private final CmtSchema schema;
    private final Optional<Instant> timestamp;
    private final Iterator<CmtEntity> entities;
    private DataZipReader reader;
    private CmtEntity current;
    private int chunkNumber;
    private final List<CmtM2M> associations = new ArrayList<>();

    private ImportChunks(Path data, int chunkSize, CmtLimits limits) throws IOException {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, not " + chunkSize);
        }
        this.data = data;
        this.chunkSize = chunkSize;
        this.limits = limits;
        try (DataZipReader first = DataZipReader.open(data, limits)) {
            this.schema = first.schema();
            this.timestamp = first.timestamp();
            long count = 0;
            for (Optional<CmtDataEvent> event = first.next(); event.isPresent(); event = first.next()) {
                if (event.get() instanceof CmtDataEvent.Record) {
                    count++;
                } else if (event.get() instanceof CmtDataEvent.ManyToMany m) {
                    associations.add(m.association());
                }
            }
            this.records = count;
        }
        this.entities = ImportOrder.of(schema).iterator();
    }

    /**
     * Opens {@code data}, reads its schema and checks the whole of data.xml.
     *
     * @throws CmtFormatException when the package, its schema or a record is malformed, or it passes a limit
     */
    public static ImportChunks open(Path data, int chunkSize, CmtLimits limits) throws IOException {
        return new ImportChunks(data, chunkSize, limits);
    }

    /** Records in the file, over all entities. */
    public long records() {
        return records;
    }

    public CmtSchema schema() {
        return schema;
    }

    public Optional<Instant> timestamp() {
        return timestamp;
    }

    /** The file's many-to-many association groups (one per source record and relationship), in file order. */
    public List<CmtM2M> associations() {
        return List.copyOf(associations);
    }

    /**
     * The next chunk, or empty when every entity was read.
     *
     * @throws CmtFormatException when data.xml is malformed (with line and column)
     */
    public Optional<Chunk> next() {
        try {
            while (true) {
                if (reader == null) {
                    if (!entities.hasNext()) {
                        return Optional.empty();
                    }
                    current = entities.next();
                    reader = DataZipReader.open(data, schema, limits);
                }
                List<CmtRecord> records = new ArrayList<>();
                while (records.size() < chunkSize) {
                    Optional<CmtDataEvent> event = reader.next();
                    if (event.isEmpty()) {
                        break;
                    }
                    if (event.get() instanceof CmtDataEvent.Record r && r.entity().name().equals(current.name())) {
                        records.add(r.record());
                    }
                }
                if (records.size() < chunkSize) {
                    reader.close();
                    reader = null;
                }
                if (!records.isEmpty()) {
                    return Optional.of(new Chunk(current, records, ++chunkNumber));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Reading " + data + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
