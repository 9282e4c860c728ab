package io.dvbridge.cmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataZipRoundTripTest {

    private static final String ACCOUNT_ID = "A1B2C3D4-E5F6-7890-ABCD-EF1234567890";
    private static final String PARENT_ID = "22222222-2222-2222-2222-222222222222";
    private static final String CONTACT_ID = "33333333-3333-3333-3333-333333333333";
    private static final String USER_ID = "44444444-4444-4444-4444-444444444444";

    @TempDir
    Path dir;

    private static Map<String, Object> accountRow() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("@odata.etag", "W/\"468026\"");
        row.put("accountid", ACCOUNT_ID);
        row.put("name", "Contoso \"Ltd\" <&> 'quoted'\nsecond line\ttabbed\r\nthird — ünïcødé 😀");
        row.put("accountnumber", "ACC-001");
        row.put("_parentaccountid_value", PARENT_ID);
        row.put("_parentaccountid_value" + WebApiRecords.LOOKUP_LOGICAL_NAME, "account");
        row.put("_parentaccountid_value" + WebApiRecords.FORMATTED_VALUE, "Parent & Co");
        row.put("_primarycontactid_value", CONTACT_ID);
        row.put("industrycode", 7);
        row.put("dvb_regions", "100000000,100000001");
        row.put("revenue", new BigDecimal("1500000.50"));
        row.put("creditlimit", new BigDecimal("0.0000000001"));
        row.put("dvb_score", 3.14159);
        row.put("numberofemployees", 250);
        row.put("dvb_bignumber", 9_999_999_999L);
        row.put("donotemail", false);
        row.put("lastonholdtime", "2024-06-15T14:30:00.1234567Z");
        row.put("description", null);
        row.put("entityimage", "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
        row.put("dvb_externalid", UUID.fromString("55555555-5555-5555-5555-555555555555"));
        row.put("_ownerid_value", USER_ID);
        row.put("_ownerid_value" + WebApiRecords.LOOKUP_LOGICAL_NAME, "systemuser");
        row.put("_ownerid_value" + WebApiRecords.FORMATTED_VALUE, "Ada Lovelace");
        row.put("statecode", 1);
        row.put("statuscode", 2);
        row.put("notinschema", "ignored");
        return row;
    }

    private Path writeSample(CmtSchema schema) throws IOException {
        Path file = dir.resolve("data.zip");
        try (DataZipWriter zip = DataZipWriter.create(file, schema, Instant.parse("2024-06-15T14:30:00Z"))) {
            zip.beginEntity(schema.entity("account").orElseThrow());
            zip.writeRecord(accountRow());
            zip.writeM2M("accountleads_association", ACCOUNT_ID,
                    List.of("AAAAAAAA-BBBB-CCCC-DDDD-EEEEEEEEEEEE", "ffffffff-0000-1111-2222-333333333333"));
            zip.endEntity();
            zip.beginEntity(schema.entity("contact").orElseThrow());
            zip.writeRecord(Map.of("contactid", CONTACT_ID, "fullname", "Ann Smith",
                    "_parentcustomerid_value", ACCOUNT_ID,
                    "_parentcustomerid_value" + WebApiRecords.LOOKUP_LOGICAL_NAME, "account",
                    "birthdate", "1990-02-03"));
            zip.endEntity();
        }
        return file;
    }

    private static List<CmtDataEvent> readAll(DataZipReader reader) {
        List<CmtDataEvent> events = new ArrayList<>();
        for (Optional<CmtDataEvent> e = reader.next(); e.isPresent(); e = reader.next()) {
            events.add(e.get());
        }
        return events;
    }

    @Test
    void every_type_reads_back_with_the_value_it_was_written_with() throws IOException {
        CmtSchema schema = CmtSchemaReaderTest.resource("full-schema.xml");
        Path file = writeSample(schema);

        try (DataZipReader reader = DataZipReader.open(file)) {
            assertThat(reader.schema()).isEqualTo(schema);
            assertThat(reader.timestamp()).contains(Instant.parse("2024-06-15T14:30:00Z"));
            List<CmtDataEvent> events = readAll(reader);
            assertThat(events).hasSize(7);
            CmtRecord account = ((CmtDataEvent.Record) events.get(1)).record();
            Map<String, Object> row = WebApiRecords.toRow(schema.entity("account").orElseThrow(), account);

            Map<String, Object> expected = new LinkedHashMap<>(accountRow());
            expected.remove("@odata.etag");
            expected.remove("description");
            expected.remove("notinschema");
            expected.put("accountid", ACCOUNT_ID.toLowerCase());
            expected.put("_primarycontactid_value" + WebApiRecords.LOOKUP_LOGICAL_NAME, "contact");
            expected.put("dvb_externalid", "55555555-5555-5555-5555-555555555555");
            expected.put("lastonholdtime", "2024-06-15T14:30:00.123456700Z");
            expected.put("revenue", new BigDecimal("1500000.5000000000"));
            assertThat(row).isEqualTo(expected);

            CmtM2M m2m = ((CmtDataEvent.ManyToMany) events.get(2)).association();
            assertThat(m2m).isEqualTo(new CmtM2M("account", "accountleads_association", ACCOUNT_ID.toLowerCase(), "lead", "leadid",
                    List.of("aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "ffffffff-0000-1111-2222-333333333333")));
            CmtRecord contact = ((CmtDataEvent.Record) events.get(5)).record();
            assertThat(contact.field("birthdate").orElseThrow().value()).isEqualTo("1990-02-03T00:00:00.0000000");
            assertThat(contact.field("parentcustomerid").orElseThrow().lookupEntity()).contains("account");
            assertThat(events.get(6)).isEqualTo(new CmtDataEvent.EntityEnd(schema.entity("contact").orElseThrow()));
        }
    }

    @Test
    void zip_holds_the_three_parts_in_the_tools_layout_and_value_formats() throws IOException {
        CmtSchema schema = CmtSchemaReaderTest.resource("full-schema.xml");
        Map<String, String> entries = ZipFiles.entries(writeSample(schema));

        assertThat(entries.keySet()).containsExactly("[Content_Types].xml", "data.xml", "data_schema.xml");
        assertThat(entries.get("[Content_Types].xml")).isEqualTo("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>"
                + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
                + "<Default Extension=\"xml\" ContentType=\"application/octet-stream\" /></Types>");
        String data = entries.get("data.xml");
        assertThat(data).contains("<entities xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" "
                + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" timestamp=\"2024-06-15T14:30:00.0000000Z\">");
        assertThat(data).contains("<entity name=\"account\" displayname=\"Account\">");
        assertThat(data).contains("<record id=\"a1b2c3d4-e5f6-7890-abcd-ef1234567890\">");
        assertThat(data).contains("<field name=\"donotemail\" value=\"False\" />");
        assertThat(data).contains("<field name=\"dvb_regions\" value=\"[-1,100000000,100000001,-1]\" />");
        assertThat(data).contains("<field name=\"revenue\" value=\"1500000.5000000000\" />");
        assertThat(data).contains("<field name=\"lastonholdtime\" value=\"2024-06-15T14:30:00.1234567Z\" />");
        assertThat(data).contains("<field name=\"ownerid\" value=\"44444444-4444-4444-4444-444444444444\" "
                + "lookupentity=\"systemuser\" lookupentityname=\"Ada Lovelace\" />");
        assertThat(data).contains("<field name=\"primarycontactid\" value=\"33333333-3333-3333-3333-333333333333\" lookupentity=\"contact\" />");
        // Text is HTML-encoded, then XML-escaped, as the tool writes it; the lookup's display name is not HTML-encoded.
        assertThat(data).contains("value=\"Contoso &amp;quot;Ltd&amp;quot; &amp;lt;&amp;amp;&amp;gt; &amp;#39;quoted&amp;#39;&#xA;second line&#x9;tabbed&#xD;&#xA;third");
        assertThat(data).contains("lookupentityname=\"Parent &amp; Co\"");
        assertThat(data).doesNotContain("description").doesNotContain("notinschema").doesNotContain("etag");
        assertThat(data).contains("<m2mrelationship sourceid=\"a1b2c3d4-e5f6-7890-abcd-ef1234567890\" targetentityname=\"lead\" "
                + "targetentitynameidfield=\"leadid\" m2mrelationshipname=\"accountleads_association\">");
        assertThat(data).contains("<targetid>aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee</targetid>");
        assertThat(data).contains("<m2mrelationships />");
        assertThat(new CmtSchemaReader().parse(entries.get("data_schema.xml"), "data_schema.xml")).isEqualTo(schema);
    }

    @Test
    void an_unpacked_folder_reads_like_the_zip() throws IOException {
        CmtSchema schema = CmtSchemaReaderTest.resource("full-schema.xml");
        Path file = writeSample(schema);
        Path folder = Files.createDirectory(dir.resolve("unpacked"));
        for (Map.Entry<String, String> entry : ZipFiles.entries(file).entrySet()) {
            Files.writeString(folder.resolve(entry.getKey()), entry.getValue());
        }

        try (DataZipReader fromZip = DataZipReader.open(file); DataZipReader fromFolder = DataZipReader.open(folder)) {
            assertThat(readAll(fromFolder)).isEqualTo(readAll(fromZip));
        }
    }

    @Test
    void a_value_that_does_not_fit_its_field_names_entity_record_and_field() {
        CmtSchema schema = new CmtSchema(List.of(new CmtEntity("account", "Account", Optional.empty(), "accountid", Optional.of("name"),
                false, false, List.of(CmtField.of("accountid", CmtFieldType.GUID), CmtField.of("numberofemployees", CmtFieldType.NUMBER)),
                Optional.empty(), List.of())), List.of(), Optional.empty());

        assertThatThrownBy(() -> {
            try (DataZipWriter zip = DataZipWriter.create(dir.resolve("bad.zip"), schema, Instant.EPOCH)) {
                zip.beginEntity(schema.entities().get(0));
                zip.writeRecord(Map.of("accountid", ACCOUNT_ID, "numberofemployees", "many"));
            }
        }).isInstanceOfSatisfying(CmtValueException.class, e -> {
            assertThat(e.entity()).contains("account");
            assertThat(e.recordId()).contains(ACCOUNT_ID.toLowerCase());
            assertThat(e.field()).contains("numberofemployees");
        });
    }

    @Test
    void polymorphic_lookup_without_its_table_annotation_is_refused() throws IOException {
        CmtSchema schema = CmtSchemaReaderTest.resource("full-schema.xml");
        try (DataZipWriter zip = DataZipWriter.create(dir.resolve("owner.zip"), schema, Instant.EPOCH)) {
            zip.beginEntity(schema.entity("contact").orElseThrow());

            assertThatThrownBy(() -> zip.writeRecord(Map.of("contactid", CONTACT_ID, "_ownerid_value", USER_ID)))
                    .isInstanceOf(CmtValueException.class)
                    .hasMessageContaining("field 'ownerid'")
                    .hasMessageContaining("lookuplogicalname");
            zip.endEntity();
        }
    }
}
