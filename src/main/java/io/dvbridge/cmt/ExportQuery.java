package io.dvbridge.cmt;

import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.StringReader;
import java.util.Optional;

/**
 * The FetchXML that selects what the Configuration Migration tool exports for one schema entity:
 * every schema field (lookups by their logical name), the schema's filter, and an order by primary id
 * so paging is stable.
 *
 * <p>The schema's {@code <filter>} comes in two forms. The tool's own is a FetchXML {@code <filter>}
 * element, which goes inside the entity. Microsoft's sample schemas put a whole {@code <fetch>} query
 * there instead (link-entities, orders and all); that query is used as it is, with its attribute list
 * replaced by the schema's fields and the order by primary id added; paging is added by the
 * {@code dataverse:fetch} operation as for any query.
 */
public final class ExportQuery {

    private ExportQuery() {
    }

    public static String fetchXml(CmtEntity entity) {
        Optional<String> filter = entity.filter().filter(f -> !f.isBlank());
        if (filter.isPresent() && filter.get().stripLeading().startsWith("<fetch")) {
            return fromFetch(entity, filter.get());
        }
        StringBuilder xml = new StringBuilder("<fetch mapping=\"logical\"><entity name=\"").append(attr(entity.name())).append("\">");
        appendFieldsAndOrder(xml, entity);
        // The schema's filter is FetchXML already (the reader unescaped it); it goes in as it is.
        filter.ifPresent(xml::append);
        return xml.append("</entity></fetch>").toString();
    }

    private static void appendFieldsAndOrder(StringBuilder xml, CmtEntity entity) {
        entity.fields().stream().map(CmtField::name).distinct()
                .forEach(f -> xml.append("<attribute name=\"").append(attr(f)).append("\"/>"));
        xml.append("<order attribute=\"").append(attr(entity.primaryIdField())).append("\"/>");
    }

    /** Re-writes a whole {@code <fetch>} from the schema: the main entity's attributes become the schema's fields. */
    private static String fromFetch(CmtEntity entity, String fetch) {
        StringBuilder xml = new StringBuilder();
        try {
            XMLStreamReader in = SecureXml.staxFactory().createXMLStreamReader(new StringReader(fetch));
            int depth = 0;
            int skipping = 0;
            while (in.hasNext()) {
                int event = in.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    depth++;
                    String name = in.getLocalName();
                    if (skipping > 0 || depth == 3 && (name.equals("attribute") || name.equals("all-attributes") || name.equals("order"))) {
                        skipping++;
                        continue;
                    }
                    if (depth == 1 && !name.equals("fetch")) {
                        throw invalid(entity, "its root element is <" + name + ">, not <fetch>");
                    }
                    if (depth == 2 && name.equals("entity") && !entity.name().equals(in.getAttributeValue(null, "name"))) {
                        throw invalid(entity, "it queries '" + in.getAttributeValue(null, "name") + "', not '" + entity.name() + "'");
                    }
                    xml.append('<').append(name);
                    for (int i = 0; i < in.getAttributeCount(); i++) {
                        xml.append(' ').append(in.getAttributeLocalName(i)).append("=\"").append(attr(in.getAttributeValue(i))).append('"');
                    }
                    xml.append('>');
                    if (depth == 2 && name.equals("entity")) {
                        appendFieldsAndOrder(xml, entity);
                    }
                } else if (event == XMLStreamConstants.END_ELEMENT) {
                    depth--;
                    if (skipping > 0) {
                        skipping--;
                        continue;
                    }
                    xml.append("</").append(in.getLocalName()).append('>');
                } else if ((event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) && skipping == 0
                        && !in.isWhiteSpace()) {
                    xml.append(attr(in.getText()).replace(">", "&gt;"));
                }
            }
        } catch (XMLStreamException e) {
            throw invalid(entity, "it is not well-formed XML: " + e.getMessage());
        }
        return xml.toString();
    }

    private static CmtFormatException invalid(CmtEntity entity, String problem) {
        return new CmtFormatException("data_schema.xml", 0, 0, "the <filter> of entity '" + entity.name()
                + "' holds a <fetch> query dvbridge cannot use: " + problem);
    }

    private static String attr(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
