package io.dvbridge.cmt;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a Configuration Migration tool data.zip while records arrive: {@code [Content_Types].xml},
 * then {@code data.xml} streamed entity by entity, then {@code data_schema.xml} on {@link #close()}.
 *
 * <p>Memory does not grow with records: each record goes straight through the XML writer into the
 * zip stream. The writer remembers only the schema, the current entity and the names of entities
 * already written (to refuse writing one twice).
 *
 * <pre>
 * try (DataZipWriter zip = DataZipWriter.create(path, schema, Instant.now())) {
 *     zip.beginEntity(account);
 *     rows.forEach(zip::writeRecord);          // Web API rows
 *     zip.writeM2M("accountleads_association", accountId, leadIds);
 *     zip.endEntity();
 * }
 * </pre>
 *
 * Not thread-safe: one exporting route feeds one writer.
 */
public final class DataZipWriter implements Closeable {

    /**
     * The content-types part the tool puts in every data.zip, with the UTF-8 byte order mark the tool's
     * files carry (a .NET XmlWriter over Encoding.UTF8 writes one).
     */
    public static final String CONTENT_TYPES = "\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>"
            + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"xml\" ContentType=\"application/octet-stream\" /></Types>";

    private enum Section { NONE, RECORDS, M2M }

    private final ZipOutputStream zip;
    private final Writer dataWriter;
    private final XmlOut xml;
    private final CmtSchema schema;
    private final Set<String> writtenEntities = new HashSet<>();
    private CmtEntity current;
    private Section section = Section.NONE;
    private long records;
    private boolean closed;

    private DataZipWriter(OutputStream out, CmtSchema schema, Instant timestamp) throws IOException {
        this.schema = schema;
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.putNextEntry(new ZipEntry("[Content_Types].xml"));
        zip.write(CONTENT_TYPES.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
        zip.putNextEntry(new ZipEntry("data.xml"));
        this.dataWriter = new BufferedWriter(new OutputStreamWriter(new KeepOpen(zip), StandardCharsets.UTF_8), 64 * 1024);
        this.xml = new XmlOut(dataWriter);
        xml.declaration();
        xml.start("entities")
                .attribute("xmlns:xsd", "http://www.w3.org/2001/XMLSchema")
                .attribute("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
                .attribute("timestamp", CmtValueFormat.timestamp(timestamp));
    }

    /** A writer into {@code out}, which {@link #close()} closes. */
    public static DataZipWriter create(OutputStream out, CmtSchema schema, Instant timestamp) throws IOException {
        return new DataZipWriter(out, schema, timestamp);
    }

    /** A writer creating (or replacing) {@code file}. */
    public static DataZipWriter create(Path file, CmtSchema schema, Instant timestamp) throws IOException {
        return new DataZipWriter(new BufferedOutputStream(Files.newOutputStream(file), 64 * 1024), schema, timestamp);
    }

    /** Starts the {@code <entity>} element of a schema entity. */
    public void beginEntity(CmtEntity entity) {
        requireOpen();
        if (current != null) {
            throw new IllegalStateException("entity '" + current.name() + "' is still open; call endEntity() first");
        }
        CmtEntity known = schema.entity(entity.name()).orElseThrow(() -> new IllegalArgumentException(
                "entity '" + entity.name() + "' is not in the schema this data.zip is written with"));
        if (!writtenEntities.add(known.name())) {
            throw new IllegalStateException("entity '" + known.name() + "' was already written; data.xml holds each entity once");
        }
        current = known;
        xml.start("entity").attribute("name", known.name()).attribute("displayname", known.displayName());
        xml.start("records");
        section = Section.RECORDS;
    }

    /**
     * Writes one Web API row of the current entity (see {@link WebApiRecords#toRecord}).
     *
     * @throws CmtValueException naming entity, record and field when a value does not fit; nothing
     *                           of that record has been written then
     */
    public void writeRecord(Map<String, Object> webApiRow) {
        requireEntity("writeRecord");
        writeRecord(WebApiRecords.toRecord(current, webApiRow));
    }

    /** Writes one record already in data.xml form (for example one read from another data.zip). */
    public void writeRecord(CmtRecord record) {
        requireEntity("writeRecord");
        if (section != Section.RECORDS) {
            throw new IllegalStateException("records of '" + current.name() + "' must come before its many-to-many associations");
        }
        if (!record.entity().equals(current.name())) {
            throw new IllegalArgumentException("record of '" + record.entity() + "' written while '" + current.name() + "' is open");
        }
        for (CmtFieldValue value : record.fields()) {
            CmtField field = current.field(value.name()).orElseThrow(() ->
                    new CmtValueException("field is not in the schema").at(current.name(), record.id(), value.name()));
            try {
                CmtValueFormat.toWebApi(field.type(), value.value());
            } catch (CmtValueException e) {
                throw e.at(current.name(), record.id(), value.name());
            }
            if (field.type().isLookup() && value.lookupEntity().isEmpty()) {
                throw new CmtValueException("a lookup value needs its lookupentity").at(current.name(), record.id(), value.name());
            }
            checkWritable(record, value.name(), value.value());
            value.lookupEntity().ifPresent(v -> checkWritable(record, value.name(), v));
            value.lookupEntityName().ifPresent(v -> checkWritable(record, value.name(), v));
        }
        xml.start("record").attribute("id", record.id());
        for (CmtFieldValue value : record.fields()) {
            xml.start("field").attribute("name", value.name()).attribute("value", value.value());
            value.lookupEntity().ifPresent(v -> xml.attribute("lookupentity", v));
            value.lookupEntityName().ifPresent(v -> xml.attribute("lookupentityname", v));
            xml.end();
        }
        xml.end();
        records++;
    }

    /**
     * Writes the associations of one source record through a many-to-many relationship of the
     * current entity. Call after the entity's records.
     */
    public void writeM2M(String relationshipName, String sourceId, Collection<String> targetIds) {
        requireEntity("writeM2M");
        CmtRelationship relationship = current.relationship(relationshipName)
                .filter(CmtRelationship::manyToMany)
                .orElseThrow(() -> new IllegalArgumentException("entity '" + current.name()
                        + "' has no many-to-many relationship '" + relationshipName + "' in the schema"));
        if (section == Section.RECORDS) {
            xml.end();
            xml.start("m2mrelationships");
            section = Section.M2M;
        }
        xml.start("m2mrelationship")
                .attribute("sourceid", CmtValueFormat.toCmt(CmtFieldType.GUID, sourceId))
                .attribute("targetentityname", relationship.m2mTargetEntity().orElseThrow())
                .attribute("targetentitynameidfield", relationship.m2mTargetEntityPrimaryKey().orElseThrow())
                .attribute("m2mrelationshipname", relationship.name());
        xml.start("targetids");
        for (String target : targetIds) {
            xml.element("targetid", CmtValueFormat.toCmt(CmtFieldType.GUID, target));
        }
        xml.end();
        xml.end();
    }

    /** Ends the current {@code <entity>} element. */
    public void endEntity() {
        requireEntity("endEntity");
        if (section == Section.RECORDS) {
            xml.end();
            xml.start("m2mrelationships");
        }
        xml.end();
        xml.end();
        current = null;
        section = Section.NONE;
    }

    /** Records written so far, over all entities. */
    public long recordCount() {
        return records;
    }

    /**
     * Ends data.xml, writes data_schema.xml and finishes the zip.
     *
     * @throws IllegalStateException when an entity is still open (the file would be truncated)
     */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            if (current != null) {
                throw new IllegalStateException("entity '" + current.name() + "' was not ended; the data.zip is incomplete");
            }
            xml.end();
            xml.flush();
            dataWriter.flush();
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("data_schema.xml"));
            new CmtSchemaWriter().write(schema, new KeepOpen(zip));
            zip.closeEntry();
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            zip.close();
        }
    }

    private void checkWritable(CmtRecord record, String field, String text) {
        try {
            XmlOut.escapeAttribute(new StringBuilder(0), text);
        } catch (CmtValueException e) {
            throw e.at(current.name(), record.id(), field);
        }
    }

    private void requireEntity(String operation) {
        requireOpen();
        if (current == null) {
            throw new IllegalStateException(operation + "() needs beginEntity() first");
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the data.zip writer is closed");
        }
    }

    /** Lets the XML writers flush into the zip entry without closing the zip. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            out.flush();
        }
    }
}
