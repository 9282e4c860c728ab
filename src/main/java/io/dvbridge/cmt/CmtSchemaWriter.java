package io.dvbridge.cmt;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a {@link CmtSchema} in the Configuration Migration tool's schema layout: the file a user
 * edits, and the {@code data_schema.xml} inside data.zip. The FetchXML filter is written escaped,
 * as the tool does.
 */
public final class CmtSchemaWriter {

    public void write(CmtSchema schema, Path file) throws IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            write(schema, out);
        }
    }

    /** Writes UTF-8 XML to {@code out} and flushes; does not close {@code out}. */
    public void write(CmtSchema schema, OutputStream out) throws IOException {
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        try {
            write(schema, writer);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        writer.flush();
    }

    private void write(CmtSchema schema, Writer writer) {
        XmlOut xml = new XmlOut(writer);
        xml.declaration();
        xml.start("entities");
        schema.dateMode().ifPresent(mode -> xml.attribute("dateMode", mode.schemaName()));
        if (!schema.entityImportOrder().isEmpty()) {
            xml.start("entityImportOrder");
            schema.entityImportOrder().forEach(name -> xml.element("entityName", name));
            xml.end();
        }
        for (CmtEntity entity : schema.entities()) {
            writeEntity(xml, entity);
        }
        xml.end();
        xml.flush();
    }

    private static void writeEntity(XmlOut xml, CmtEntity entity) {
        xml.start("entity")
                .attribute("name", entity.name())
                .attribute("displayname", entity.displayName());
        entity.etc().ifPresent(etc -> xml.attribute("etc", Integer.toString(etc)));
        xml.attribute("primaryidfield", entity.primaryIdField());
        entity.primaryNameField().ifPresent(name -> xml.attribute("primarynamefield", name));
        xml.attribute("disableplugins", Boolean.toString(entity.disablePlugins()));
        if (entity.skipUpdate()) {
            xml.attribute("skipupdate", "true");
        }
        xml.start("fields");
        for (CmtField field : entity.fields()) {
            xml.start("field")
                    .attribute("displayname", field.displayName())
                    .attribute("name", field.name())
                    .attribute("type", field.type().schemaName());
            field.lookupType().ifPresent(t -> xml.attribute("lookupType", t));
            if (field.primaryKey()) {
                xml.attribute("primaryKey", "true");
            }
            if (field.customField()) {
                xml.attribute("customfield", "true");
            }
            if (field.updateCompare()) {
                xml.attribute("updateCompare", "true");
            }
            field.dateMode().ifPresent(mode -> xml.attribute("dateMode", mode.schemaName()));
            xml.end();
        }
        xml.end();
        if (!entity.relationships().isEmpty()) {
            xml.start("relationships");
            for (CmtRelationship relationship : entity.relationships()) {
                xml.start("relationship")
                        .attribute("name", relationship.name())
                        .attribute("manyToMany", Boolean.toString(relationship.manyToMany()))
                        .attribute("isreflexive", Boolean.toString(relationship.reflexive()));
                relationship.relatedEntityName().ifPresent(v -> xml.attribute("relatedEntityName", v));
                relationship.m2mTargetEntity().ifPresent(v -> xml.attribute("m2mTargetEntity", v));
                relationship.m2mTargetEntityPrimaryKey().ifPresent(v -> xml.attribute("m2mTargetEntityPrimaryKey", v));
                xml.end();
            }
            xml.end();
        }
        entity.filter().ifPresent(filter -> xml.element("filter", filter));
        xml.end();
    }
}
