package io.dvbridge.cmt;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import javax.xml.stream.Location;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads a Configuration Migration tool data.zip (or a folder holding the same files) one item at a
 * time: the schema from {@code data_schema.xml} up front, then data.xml streamed, so memory does not
 * grow with the number of records.
 *
 * <p>Every value is checked against its schema field as it is read; a problem is a
 * {@link CmtFormatException} naming entity, record id, field and line. DTDs and external entities
 * are refused.
 *
 * <pre>
 * try (DataZipReader data = DataZipReader.open(path)) {
 *     data.accept((entity, record) -> ...);
 * }
 * </pre>
 */
public final class DataZipReader implements Closeable {

    private static final String DATA = "data.xml";
    private static final String SCHEMA = "data_schema.xml";
    private static final String LEGACY_SCHEMA = "schema.xml";

    private final Closeable source;
    private final InputStream dataStream;
    private final XMLStreamReader xml;
    private final CmtSchema schema;
    private final CmtLimits limits;
    private final Optional<Instant> timestamp;
    private long records;

    private CmtEntity current;
    private boolean inRecords;
    private boolean inAssociations;
    private boolean finished;

    private DataZipReader(Closeable source, InputStream dataStream, CmtSchema schema, CmtLimits limits) {
        this.source = source;
        this.dataStream = new BoundedXmlInput(dataStream, DATA, limits);
        this.schema = schema;
        this.limits = limits;
        try {
            this.xml = SecureXml.staxFactory().createXMLStreamReader(this.dataStream);
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        this.timestamp = readRoot();
    }

    /**
     * Opens a data.zip file or an unpacked folder containing {@code data.xml} and
     * {@code data_schema.xml} ({@code schema.xml} is accepted too), within the default {@link CmtLimits}.
     *
     * @throws CmtFormatException when a file is missing or the schema or data.xml root is unreadable
     */
    public static DataZipReader open(Path zipOrFolder) throws IOException {
        return open(zipOrFolder, Optional.empty(), CmtLimits.DEFAULTS);
    }

    /**
     * As {@link #open(Path)}, within {@code limits}: a package over a limit is refused with a message
     * naming the limit's configuration key, whenever the reader meets it.
     */
    public static DataZipReader open(Path zipOrFolder, CmtLimits limits) throws IOException {
        return open(zipOrFolder, Optional.empty(), limits);
    }

    /**
     * Opens the same package again with the schema an earlier reader of it already read, so a caller
     * walking data.xml several times parses data_schema.xml once.
     */
    public static DataZipReader open(Path zipOrFolder, CmtSchema schema, CmtLimits limits) throws IOException {
        return open(zipOrFolder, Optional.of(schema), limits);
    }

    private static DataZipReader open(Path zipOrFolder, Optional<CmtSchema> known, CmtLimits limits) throws IOException {
        if (Files.isDirectory(zipOrFolder)) {
            Path schemaFile = zipOrFolder.resolve(SCHEMA);
            if (!Files.exists(schemaFile)) {
                schemaFile = zipOrFolder.resolve(LEGACY_SCHEMA);
            }
            if (!Files.exists(schemaFile)) {
                throw new CmtFormatException(zipOrFolder.toString(), 0, 0, "no " + SCHEMA + " in the folder");
            }
            CmtSchema schema = known.isPresent() ? known.get() : new CmtSchemaReader().read(schemaFile);
            Path dataFile = zipOrFolder.resolve(DATA);
            if (Files.isRegularFile(dataFile) && Files.size(dataFile) > limits.maxDataBytes()) {
                throw BoundedXmlInput.tooLarge(DATA, limits);
            }
            InputStream data;
            try {
                data = Files.newInputStream(dataFile);
            } catch (NoSuchFileException e) {
                throw new CmtFormatException(zipOrFolder.toString(), 0, 0, "no " + DATA + " in the folder");
            }
            return openClosingOnFailure(data, data, schema, limits);
        }
        ZipFile zip;
        try {
            zip = new ZipFile(zipOrFolder.toFile());
        } catch (ZipException e) {
            throw new CmtFormatException(zipOrFolder.getFileName().toString(), 0, 0, "not a zip file: " + e.getMessage());
        }
        try {
            String zipName = zipOrFolder.getFileName().toString();
            ZipEntry dataEntry = ZipEntries.check(zip, zipName, limits).orElseThrow(() ->
                    new CmtFormatException(zipName, 0, 0, "no " + DATA + " in the zip"));
            ZipEntry schemaEntry = Optional.ofNullable(zip.getEntry(SCHEMA)).or(() -> Optional.ofNullable(zip.getEntry(LEGACY_SCHEMA)))
                    .orElseThrow(() -> new CmtFormatException(zipName, 0, 0, "no " + SCHEMA + " in the zip"));
            CmtSchema schema;
            if (known.isPresent()) {
                schema = known.get();
            } else {
                try (InputStream in = zip.getInputStream(schemaEntry)) {
                    schema = new CmtSchemaReader().read(in, schemaEntry.getName());
                }
            }
            return openClosingOnFailure(zip, zip.getInputStream(dataEntry), schema, limits);
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    private static DataZipReader openClosingOnFailure(Closeable source, InputStream data, CmtSchema schema, CmtLimits limits)
            throws IOException {
        try {
            return new DataZipReader(source, data, schema, limits);
        } catch (RuntimeException e) {
            data.close();
            source.close();
            throw e;
        }
    }

    /** The schema stored beside the data. */
    public CmtSchema schema() {
        return schema;
    }

    /** The export time from the data.xml root, used by relative date modes. */
    public Optional<Instant> timestamp() {
        return timestamp;
    }

    /** The next item of data.xml, or empty at the end. */
    public Optional<CmtDataEvent> next() {
        if (finished) {
            return Optional.empty();
        }
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        CmtDataEvent item = startElement(xml.getLocalName());
                        if (item != null) {
                            return Optional.of(item);
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        String name = xml.getLocalName();
                        switch (name) {
                            case "records" -> inRecords = false;
                            case "m2mrelationships" -> inAssociations = false;
                            case "entity" -> {
                                CmtEntity ended = current;
                                current = null;
                                return Optional.of(new CmtDataEvent.EntityEnd(ended));
                            }
                            case "entities" -> {
                                finished = true;
                                return Optional.empty();
                            }
                            default -> throw error("unexpected end of <" + name + ">", "", "");
                        }
                    }
                    case XMLStreamConstants.CHARACTERS -> requireWhitespace();
                    case XMLStreamConstants.DTD -> throw error("DOCTYPE declarations are not allowed in data.xml", "", "");
                    default -> {
                        // comments and processing instructions carry no data
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        finished = true;
        return Optional.empty();
    }

    /** Feeds every remaining item to {@code visitor}. */
    public void accept(CmtDataVisitor visitor) {
        for (Optional<CmtDataEvent> item = next(); item.isPresent(); item = next()) {
            CmtDataEvent event = item.get();
            if (event instanceof CmtDataEvent.EntityStart start) {
                visitor.entityStart(start.entity(), start.displayName());
            } else if (event instanceof CmtDataEvent.Record record) {
                visitor.record(record.entity(), record.record());
            } else if (event instanceof CmtDataEvent.ManyToMany m2m) {
                visitor.manyToMany(m2m.entity(), m2m.association());
            } else if (event instanceof CmtDataEvent.EntityEnd end) {
                visitor.entityEnd(end.entity());
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            xml.close();
        } catch (XMLStreamException e) {
            // closing a reader releases nothing that matters once the streams are closed below
        } finally {
            try {
                dataStream.close();
            } finally {
                source.close();
            }
        }
    }

    private Optional<Instant> readRoot() {
        try {
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.DTD) {
                    throw error("DOCTYPE declarations are not allowed in data.xml", "", "");
                }
                if (event == XMLStreamConstants.START_ELEMENT) {
                    if (!xml.getLocalName().equals("entities")) {
                        throw error("the root element must be <entities>, found <" + xml.getLocalName() + ">", "", "");
                    }
                    String stamp = xml.getAttributeValue(null, "timestamp");
                    if (stamp == null || stamp.isBlank()) {
                        return Optional.empty();
                    }
                    try {
                        return Optional.of(CmtValueFormat.instant(stamp));
                    } catch (CmtValueException e) {
                        throw error("timestamp: " + e.reason(), "", "");
                    }
                }
            }
        } catch (XMLStreamException e) {
            throw malformed(e);
        }
        throw new CmtFormatException(DATA, 0, 0, "empty document");
    }

    private CmtDataEvent startElement(String name) throws XMLStreamException {
        switch (name) {
            case "entity" -> {
                if (current != null) {
                    throw error("<entity> inside <entity>", current.name(), "");
                }
                String entityName = attribute("name");
                if (entityName.isEmpty()) {
                    throw error("<entity> has no 'name' attribute", "", "");
                }
                current = schema.entity(entityName).orElseThrow(() ->
                        error("entity is not in " + SCHEMA, entityName, ""));
                String displayName = attribute("displayname");
                return new CmtDataEvent.EntityStart(current, displayName.isEmpty() ? current.displayName() : displayName);
            }
            case "records" -> {
                requireEntity(name);
                inRecords = true;
                return null;
            }
            case "m2mrelationships" -> {
                requireEntity(name);
                inAssociations = true;
                return null;
            }
            case "record" -> {
                if (!inRecords) {
                    throw error("<record> outside <records>", current == null ? "" : current.name(), "");
                }
                if (++records > limits.maxRecords()) {
                    throw error("more than " + CmtLimits.MAX_RECORDS + " = " + limits.maxRecords()
                            + " records; raise that limit only if the file is genuine", current.name(), "");
                }
                return new CmtDataEvent.Record(current, readRecord());
            }
            case "m2mrelationship" -> {
                if (!inAssociations) {
                    throw error("<m2mrelationship> outside <m2mrelationships>", current == null ? "" : current.name(), "");
                }
                return new CmtDataEvent.ManyToMany(current, readAssociation());
            }
            default -> throw error("unknown element <" + name + ">", current == null ? "" : current.name(), "");
        }
    }

    private CmtRecord readRecord() throws XMLStreamException {
        int line = xml.getLocation().getLineNumber();
        String rawId = attribute("id");
        String id;
        try {
            id = CmtValueFormat.toCmt(CmtFieldType.GUID, rawId);
        } catch (CmtValueException e) {
            throw error("record id: " + e.reason(), current.name(), "");
        }
        List<CmtFieldValue> values = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                return new CmtRecord(current.name(), id, values, line);
            }
            if (event == XMLStreamConstants.CHARACTERS) {
                requireWhitespace();
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (!xml.getLocalName().equals("field")) {
                    throw error("unknown element <" + xml.getLocalName() + "> in a record", current.name(), id);
                }
                CmtFieldValue value = readField(id);
                if (!seen.add(value.name())) {
                    throw new CmtFormatException(DATA, xml.getLocation().getLineNumber(), 0,
                            "the field appears twice in the record", current.name(), id, value.name());
                }
                values.add(value);
            }
        }
    }

    private CmtFieldValue readField(String recordId) throws XMLStreamException {
        Location at = xml.getLocation();
        String name = attribute("name");
        if (name.isEmpty()) {
            throw error("<field> has no 'name' attribute", current.name(), recordId);
        }
        CmtField field = current.field(name).orElseThrow(() ->
                fieldError(at, "the field is not in " + SCHEMA, recordId, name));
        String value = xml.getAttributeValue(null, "value");
        if (value == null) {
            throw fieldError(at, "<field> has no 'value' attribute", recordId, name);
        }
        Optional<String> lookupEntity = optionalAttribute("lookupentity");
        Optional<String> lookupName = Optional.ofNullable(xml.getAttributeValue(null, "lookupentityname"));
        for (String text : List.of(value, lookupName.orElse(""))) {
            if (text.length() > limits.maxValueLength()) {
                throw fieldError(at, "the value is " + text.length() + " characters long, more than " + CmtLimits.MAX_VALUE_LENGTH
                        + " = " + limits.maxValueLength() + " allows (Dataverse's longest text column holds 1,048,576)", recordId, name);
            }
        }
        try {
            CmtValueFormat.toWebApi(field.type(), value);
        } catch (CmtValueException e) {
            throw fieldError(at, e.reason(), recordId, name);
        }
        if (field.type().isLookup()) {
            if (lookupEntity.isEmpty() && field.lookupTargets().size() == 1) {
                lookupEntity = Optional.of(field.lookupTargets().get(0));
            }
            if (lookupEntity.isEmpty()) {
                throw fieldError(at, "a lookup value needs a 'lookupentity' attribute (lookupType "
                        + field.lookupType().orElse("is not set") + ")", recordId, name);
            }
            value = CmtValueFormat.toCmt(CmtFieldType.GUID, value);
        } else {
            lookupEntity = Optional.empty();
            lookupName = Optional.empty();
        }
        if (xml.nextTag() != XMLStreamConstants.END_ELEMENT) {
            throw fieldError(xml.getLocation(), "nested content in <field> is not supported", recordId, name);
        }
        return new CmtFieldValue(name, value, lookupEntity, lookupName);
    }

    private CmtM2M readAssociation() throws XMLStreamException {
        String relationshipName = attribute("m2mrelationshipname");
        String rawSource = attribute("sourceid");
        if (relationshipName.isEmpty()) {
            throw error("<m2mrelationship> has no 'm2mrelationshipname' attribute", current.name(), rawSource);
        }
        String sourceId;
        try {
            sourceId = CmtValueFormat.toCmt(CmtFieldType.GUID, rawSource);
        } catch (CmtValueException e) {
            throw error("sourceid: " + e.reason(), current.name(), "");
        }
        Optional<CmtRelationship> relationship = current.relationship(relationshipName).filter(CmtRelationship::manyToMany);
        String targetEntity = optionalAttribute("targetentityname")
                .or(() -> relationship.flatMap(CmtRelationship::m2mTargetEntity))
                .orElseThrow(() -> error("relationship '" + relationshipName
                        + "' has no targetentityname here and no many-to-many relationship of that name in the schema",
                        current.name(), sourceId));
        String targetIdField = optionalAttribute("targetentitynameidfield")
                .or(() -> relationship.flatMap(CmtRelationship::m2mTargetEntityPrimaryKey))
                .orElse(targetEntity + "id");
        List<String> targets = new ArrayList<>();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
                String name = xml.getLocalName();
                if (name.equals("targetid")) {
                    String text = xml.getElementText();
                    depth--;
                    try {
                        targets.add(CmtValueFormat.toCmt(CmtFieldType.GUID, text));
                    } catch (CmtValueException e) {
                        throw error("targetid of relationship '" + relationshipName + "': " + e.reason(), current.name(), sourceId);
                    }
                } else if (!name.equals("targetids")) {
                    throw error("unknown element <" + name + "> in <m2mrelationship>", current.name(), sourceId);
                }
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.CHARACTERS) {
                requireWhitespace();
            }
        }
        return new CmtM2M(current.name(), relationshipName, sourceId, targetEntity, targetIdField, targets);
    }

    private void requireEntity(String element) {
        if (current == null) {
            throw error("<" + element + "> outside <entity>", "", "");
        }
    }

    private void requireWhitespace() {
        if (!xml.isWhiteSpace() && !xml.getText().isBlank()) {
            throw error("unexpected text '" + abbreviate(xml.getText().trim()) + "'", current == null ? "" : current.name(), "");
        }
    }

    private String attribute(String name) {
        String value = xml.getAttributeValue(null, name);
        return value == null ? "" : value.trim();
    }

    private Optional<String> optionalAttribute(String name) {
        String value = attribute(name);
        return value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    private CmtFormatException error(String problem, String entity, String recordId) {
        Location at = xml.getLocation();
        return new CmtFormatException(DATA, at.getLineNumber(), at.getColumnNumber(), problem, entity, recordId, "");
    }

    private CmtFormatException fieldError(Location at, String problem, String recordId, String field) {
        return new CmtFormatException(DATA, at.getLineNumber(), at.getColumnNumber(), problem, current.name(), recordId, field);
    }

    private static CmtFormatException malformed(XMLStreamException e) {
        Location at = e.getLocation();
        String message = e.getMessage() == null ? "malformed XML" : e.getMessage();
        int cut = message.indexOf("Message: ");
        String problem = "malformed XML: " + (cut >= 0 ? message.substring(cut + 9) : message);
        return new CmtFormatException(DATA, at == null ? 0 : at.getLineNumber(), at == null ? 0 : at.getColumnNumber(), problem);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
