package io.dvbridge.cmt;

/**
 * The FetchXML that selects what the Configuration Migration tool exports for one schema entity:
 * every schema field (lookups by their logical name), the schema's {@code <filter>} as written, and
 * an order by primary id so paging is stable.
 */
public final class ExportQuery {

    private ExportQuery() {
    }

    public static String fetchXml(CmtEntity entity) {
        StringBuilder xml = new StringBuilder("<fetch mapping=\"logical\"><entity name=\"").append(attr(entity.name())).append("\">");
        entity.fields().stream().map(CmtField::name).distinct()
                .forEach(f -> xml.append("<attribute name=\"").append(attr(f)).append("\"/>"));
        xml.append("<order attribute=\"").append(attr(entity.primaryIdField())).append("\"/>");
        // The schema's filter is FetchXML already (the reader unescaped it); it goes in as it is.
        entity.filter().filter(f -> !f.isBlank()).ifPresent(xml::append);
        return xml.append("</entity></fetch>").toString();
    }

    private static String attr(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }
}
