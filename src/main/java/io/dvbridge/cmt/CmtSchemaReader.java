package io.dvbridge.cmt;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.parsers.SAXParser;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Reads a Configuration Migration tool schema ({@code data_schema.xml}, or a hand-written schema
 * file) into a {@link CmtSchema}.
 *
 * <p>DTDs and external entities are refused. Unknown elements and attributes are ignored, so that
 * schemas from newer tool versions still load; unknown field <em>types</em> are refused, because a
 * guessed type would convert values wrongly.
 *
 * <p>One leniency: Microsoft's published sample schemas put placeholders such as
 * {@code '<<Feature ID>>'} straight into the escaped FetchXML of {@code <filter>}, which is not
 * well-formed XML. When a {@code <filter>} body is the escaped form (it contains {@code &lt;}),
 * raw angle brackets inside it are read as the literal characters they were meant to be.
 */
public final class CmtSchemaReader {

    private static final Pattern FILTER_START = Pattern.compile("<filter(\\s[^<>]*)?>");
    private static final String FILTER_END = "</filter>";

    public CmtSchema read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.getFileName().toString());
        }
    }

    /** Reads a schema from a stream; {@code fileName} only names the source in error messages. */
    public CmtSchema read(InputStream in, String fileName) throws IOException {
        return parse(SecureXml.readBounded(in, fileName), fileName);
    }

    /** Reads a schema held in a string; {@code fileName} only names the source in error messages. */
    public CmtSchema parse(String xml, String fileName) {
        String repaired = literalAngleBracketsInEscapedFilters(xml);
        SchemaHandler handler = new SchemaHandler(fileName);
        try {
            SAXParser parser = SecureXml.saxFactory().newSAXParser();
            parser.parse(new InputSource(new StringReader(repaired)), handler);
        } catch (SAXParseException e) {
            throw new CmtFormatException(fileName, e.getLineNumber(), e.getColumnNumber(), explain(e.getMessage()));
        } catch (SAXException e) {
            if (e.getCause() instanceof CmtFormatException format) {
                throw format;
            }
            throw new CmtFormatException(fileName, 0, 0, "not a readable schema: " + e.getMessage());
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("SAX parser unavailable", e);
        } catch (IOException e) {
            throw new IllegalStateException("reading from memory failed", e);
        }
        return handler.schema();
    }

    private static String explain(String parserMessage) {
        String message = parserMessage == null ? "malformed XML" : parserMessage;
        if (message.contains("DOCTYPE")) {
            return "DOCTYPE declarations are not allowed in a schema file (" + message + ")";
        }
        return "malformed XML: " + message;
    }

    static String literalAngleBracketsInEscapedFilters(String xml) {
        StringBuilder out = new StringBuilder(xml.length() + 64);
        Matcher start = FILTER_START.matcher(xml);
        int copied = 0;
        int from = 0;
        while (start.find(from)) {
            int bodyStart = start.end();
            int bodyEnd = xml.indexOf(FILTER_END, bodyStart);
            if (bodyEnd < 0) {
                break;
            }
            String body = xml.substring(bodyStart, bodyEnd);
            if (body.contains("&lt;") && (body.indexOf('<') >= 0 || body.indexOf('>') >= 0)) {
                out.append(xml, copied, bodyStart).append(body.replace("<", "&lt;").replace(">", "&gt;"));
                copied = bodyEnd;
            }
            from = bodyEnd + FILTER_END.length();
        }
        return copied == 0 ? xml : out.append(xml, copied, xml.length()).toString();
    }

    /** Builds the schema from SAX events; one instance per document. */
    private static final class SchemaHandler extends DefaultHandler {
        private final String fileName;
        private final Deque<String> path = new ArrayDeque<>();
        private Locator locator;

        private final List<CmtEntity> entities = new ArrayList<>();
        private final Set<String> entityNames = new HashSet<>();
        private final List<String> importOrder = new ArrayList<>();
        private Optional<CmtDateMode> dateMode = Optional.empty();

        private EntityBuilder entity;
        private StringBuilder text;
        private int filterDepth;
        private boolean filterHasOpenTag;

        SchemaHandler(String fileName) {
            this.fileName = fileName;
        }

        CmtSchema schema() {
            return new CmtSchema(entities, importOrder, dateMode);
        }

        @Override
        public void setDocumentLocator(Locator documentLocator) {
            this.locator = documentLocator;
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            if (filterDepth > 0) {
                serializeStart(qName, attributes);
                filterDepth++;
                return;
            }
            String parent = path.isEmpty() ? "" : path.peek();
            path.push(qName);
            switch (qName) {
                case "entities" -> {
                    if (!parent.isEmpty()) {
                        throw error("<entities> may only be the root element");
                    }
                    dateMode = optional(attributes, "dateMode").map(this::dateMode);
                }
                case "entity" -> {
                    if (parent.equals("entities")) {
                        startEntity(attributes);
                    }
                }
                case "entityName" -> {
                    if (parent.equals("entityImportOrder")) {
                        text = new StringBuilder();
                    }
                }
                case "field" -> {
                    if (parent.equals("fields") && entity != null && path.size() == 4) {
                        entity.fields.add(field(attributes));
                    }
                }
                case "relationship" -> {
                    if (parent.equals("relationships") && entity != null) {
                        entity.relationships.add(relationship(attributes));
                    }
                }
                case "filter" -> {
                    if (parent.equals("entity") && entity != null) {
                        text = new StringBuilder();
                        filterDepth = 1;
                    }
                }
                default -> {
                    if (path.size() == 1) {
                        throw error("the root element must be <entities>, found <" + qName + ">");
                    }
                }
            }
        }

        @Override
        public void endElement(String uri, String localName, String qName) {
            if (filterDepth > 1) {
                filterDepth--;
                serializeEnd(qName);
                return;
            }
            if (filterDepth == 1) {
                filterDepth = 0;
                String filter = text.toString();
                entity.filter = filter.isBlank() ? Optional.empty() : Optional.of(filter);
                text = null;
            } else if (qName.equals("entityName") && text != null) {
                String name = text.toString().trim();
                if (name.isEmpty()) {
                    throw error("<entityName> in <entityImportOrder> is empty");
                }
                importOrder.add(name);
                text = null;
            } else if (qName.equals("entity") && entity != null && path.size() == 2) {
                entities.add(entity.build());
                entity = null;
            }
            path.pop();
        }

        @Override
        public void characters(char[] ch, int start, int length) {
            if (text != null) {
                if (filterHasOpenTag) {
                    text.append('>');
                    filterHasOpenTag = false;
                }
                if (filterDepth > 1) {
                    XmlOut.escapeText(text, new String(ch, start, length));
                } else {
                    text.append(ch, start, length);
                }
            }
        }

        // A filter written as raw FetchXML elements (some tools do this) is turned back into text.
        private void serializeStart(String qName, Attributes attributes) {
            if (filterHasOpenTag) {
                text.append('>');
            }
            text.append('<').append(qName);
            for (int i = 0; i < attributes.getLength(); i++) {
                text.append(' ').append(attributes.getQName(i)).append("=\"");
                XmlOut.escapeAttribute(text, attributes.getValue(i));
                text.append('"');
            }
            filterHasOpenTag = true;
        }

        private void serializeEnd(String qName) {
            if (filterHasOpenTag) {
                text.append(" />");
                filterHasOpenTag = false;
            } else {
                text.append("</").append(qName).append('>');
            }
        }

        private void startEntity(Attributes attributes) {
            String name = required(attributes, "name", "entity");
            if (!entityNames.add(name)) {
                throw error("entity '" + name + "' appears twice");
            }
            EntityBuilder builder = new EntityBuilder();
            builder.name = name;
            builder.displayName = optional(attributes, "displayname").orElse(name);
            builder.etc = optional(attributes, "etc").map(v -> integer(v, "etc", name));
            builder.primaryIdField = required(attributes, "primaryidfield", "entity '" + name + "'");
            builder.primaryNameField = optional(attributes, "primarynamefield");
            builder.disablePlugins = bool(attributes, "disableplugins", "entity '" + name + "'");
            builder.skipUpdate = bool(attributes, "skipupdate", "entity '" + name + "'");
            entity = builder;
        }

        private CmtField field(Attributes attributes) {
            String owner = "entity '" + entity.name + "'";
            String name = required(attributes, "name", "field of " + owner);
            String where = "field '" + name + "' of " + owner;
            if (entity.fields.stream().anyMatch(f -> f.name().equals(name))) {
                throw error(where + " appears twice");
            }
            String typeName = required(attributes, "type", where);
            CmtFieldType type = CmtFieldType.fromSchemaName(typeName).orElseThrow(() -> error(
                    where + " has unknown type '" + typeName + "'; known types: " + CmtFieldType.knownNames()));
            return new CmtField(name, optional(attributes, "displayname").orElse(name), type,
                    bool(attributes, "primaryKey", where), optional(attributes, "lookupType"),
                    bool(attributes, "customfield", where), bool(attributes, "updateCompare", where),
                    optional(attributes, "dateMode").map(this::dateMode));
        }

        private CmtRelationship relationship(Attributes attributes) {
            String owner = "entity '" + entity.name + "'";
            String name = required(attributes, "name", "relationship of " + owner);
            String where = "relationship '" + name + "' of " + owner;
            boolean manyToMany = bool(attributes, "manyToMany", where);
            Optional<String> target = optional(attributes, "m2mTargetEntity");
            Optional<String> targetKey = optional(attributes, "m2mTargetEntityPrimaryKey");
            if (manyToMany && target.isEmpty()) {
                throw error(where + " is many-to-many but has no m2mTargetEntity attribute");
            }
            if (manyToMany && targetKey.isEmpty()) {
                throw error(where + " is many-to-many but has no m2mTargetEntityPrimaryKey attribute");
            }
            return new CmtRelationship(name, manyToMany, bool(attributes, "isreflexive", where),
                    optional(attributes, "relatedEntityName"), target, targetKey);
        }

        private CmtDateMode dateMode(String value) {
            return CmtDateMode.fromSchemaName(value).orElseThrow(() -> error(
                    "unknown dateMode '" + value + "'; known: absolute, relative, relativeDaily"));
        }

        private String required(Attributes attributes, String name, String where) {
            return optional(attributes, name).orElseThrow(() -> error(where + " has no '" + name + "' attribute"));
        }

        private static Optional<String> optional(Attributes attributes, String name) {
            String value = attributes.getValue(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
        }

        private boolean bool(Attributes attributes, String name, String where) {
            Optional<String> value = optional(attributes, name);
            if (value.isEmpty()) {
                return false;
            }
            return switch (value.get().toLowerCase(Locale.ROOT)) {
                case "true", "1" -> true;
                case "false", "0" -> false;
                default -> throw error(where + ": attribute '" + name + "' must be true or false, found '" + value.get() + "'");
            };
        }

        private int integer(String value, String name, String where) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw error("entity '" + where + "': attribute '" + name + "' must be a whole number, found '" + value + "'");
            }
        }

        private int line() {
            return locator == null ? 0 : locator.getLineNumber();
        }

        private CmtFormatException error(String problem) {
            return new CmtFormatException(fileName, line(), locator == null ? 0 : locator.getColumnNumber(), problem);
        }
    }

    private static final class EntityBuilder {
        String name;
        String displayName;
        Optional<Integer> etc;
        String primaryIdField;
        Optional<String> primaryNameField;
        boolean disablePlugins;
        boolean skipUpdate;
        final List<CmtField> fields = new ArrayList<>();
        Optional<String> filter = Optional.empty();
        final List<CmtRelationship> relationships = new ArrayList<>();

        CmtEntity build() {
            return new CmtEntity(name, displayName, etc, primaryIdField, primaryNameField, disablePlugins, skipUpdate,
                    fields, filter, relationships);
        }
    }
}
