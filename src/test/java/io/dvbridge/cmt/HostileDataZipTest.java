package io.dvbridge.cmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile data.zip files, generated here and bounded on disk: each is refused with a message
 * naming the limit or rule (and the configuration key to raise), before the file can exhaust memory.
 */
class HostileDataZipTest {

    static final String SCHEMA = """
            <entities>
              <entity name="dvb_person" displayname="Person" etc="10010" primaryidfield="dvb_personid" primarynamefield="dvb_name">
                <fields>
                  <field displayname="Person" name="dvb_personid" type="guid" primaryKey="true" />
                  <field displayname="Name" name="dvb_name" type="string" />
                </fields>
              </entity>
            </entities>
            """;

    static final String HEAD = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<entities>\n  <entity name=\"dvb_person\" displayname=\"Person\">\n"
            + "    <records>\n";
    static final String TAIL = "    </records>\n  </entity>\n</entities>\n";

    @TempDir
    Path dir;

    static String person(int n, String name) {
        return "      <record id=\"11111111-0000-4000-8000-%012d\">\n        <field name=\"dvb_name\" value=\"%s\" />\n      </record>\n"
                .formatted(n, name);
    }

    private static String people(int count) {
        StringBuilder records = new StringBuilder();
        for (int i = 1; i <= count; i++) {
            records.append(person(i, "Person " + i));
        }
        return records.toString();
    }

    private Path folder(String dataXml) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("data"));
        Files.writeString(folder.resolve("data_schema.xml"), SCHEMA);
        Files.writeString(folder.resolve("data.xml"), dataXml);
        return folder;
    }

    private static long readAll(Path data, CmtLimits limits) throws IOException {
        try (ImportChunks chunks = ImportChunks.open(data, 1000, limits)) {
            return chunks.records();
        }
    }

    @Test
    void a_2_mb_zip_inflating_to_2_gib_of_whitespace_is_refused_early_naming_the_value_length_limit() throws IOException {
        Path bomb = new HandMadeZip().add("[Content_Types].xml", DataZipWriter.CONTENT_TYPES).add("data_schema.xml", SCHEMA)
                .addHuge("data.xml", HEAD, ' ', 2048, TAIL, 1000).write(dir.resolve("bomb.zip"));
        assertThat(Files.size(bomb)).as("bounded on disk").isLessThan(4L << 20);

        assertThatThrownBy(() -> readAll(bomb, CmtLimits.DEFAULTS))
                .isInstanceOf(CmtFormatException.class)
                .hasMessageContaining("data.xml line 5")
                .hasMessageContaining("bytes without markup")
                .hasMessageContaining("dvbridge.cmt.max-value-length = 1048576");
    }

    @Test
    void a_zip_that_declares_its_huge_data_xml_honestly_is_refused_before_reading_naming_the_size_limit() throws IOException {
        Path bomb = new HandMadeZip().add("data_schema.xml", SCHEMA)
                .addHuge("data.xml", HEAD, ' ', 2048, TAIL, (2048L << 20) + HEAD.length() + TAIL.length()).write(dir.resolve("bomb.zip"));

        assertThatThrownBy(() -> readAll(bomb, CmtLimits.DEFAULTS))
                .isInstanceOf(CmtFormatException.class)
                .hasMessageContaining("larger than dvbridge.cmt.max-data-bytes = 1073741824 bytes uncompressed");
    }

    @Test
    void a_huge_attribute_value_is_refused_while_reading_without_holding_it() throws IOException {
        Path zip = new HandMadeZip().add("data_schema.xml", SCHEMA)
                .addHuge("data.xml", HEAD + "      <record id=\"11111111-0000-4000-8000-000000000001\">\n        <field name=\"dvb_name\" value=\"",
                        'x', 512, "\" />\n      </record>\n" + TAIL, 1000)
                .write(dir.resolve("long-value.zip"));

        assertThatThrownBy(() -> readAll(zip, CmtLimits.DEFAULTS))
                .isInstanceOf(CmtFormatException.class)
                .hasMessageContaining("bytes without markup")
                .hasMessageContaining("dvbridge.cmt.max-value-length");
    }

    @Test
    void a_value_longer_than_the_configured_limit_fails_naming_record_field_and_key() throws IOException {
        Path data = folder(HEAD + person(1, "Ann") + person(2, "B".repeat(101)) + TAIL);
        CmtLimits limits = new CmtLimits(1L << 30, 100, 100, 1_000_000);

        assertThatThrownBy(() -> readAll(data, limits))
                .isInstanceOf(CmtFormatException.class)
                .hasMessageContaining("record 11111111-0000-4000-8000-000000000002")
                .hasMessageContaining("field 'dvb_name'")
                .hasMessageContaining("101 characters long, more than dvbridge.cmt.max-value-length = 100");
    }

    @Test
    void more_records_than_the_limit_are_refused_naming_the_key() throws IOException {
        Path data = folder(HEAD + people(3) + TAIL);

        assertThat(readAll(data, new CmtLimits(1L << 30, 100, 1000, 3))).isEqualTo(3);
        assertThatThrownBy(() -> readAll(data, new CmtLimits(1L << 30, 100, 1000, 2)))
                .isInstanceOf(CmtFormatException.class)
                .hasMessageContaining("more than dvbridge.cmt.max-records = 2 records");
    }

    @Test
    void a_data_xml_over_the_size_limit_is_refused_in_a_folder_and_in_a_zip_whatever_its_header_says() throws IOException {
        String xml = HEAD + people(200) + TAIL;
        CmtLimits limits = new CmtLimits(10_000, 100, 1000, 1_000_000);
        Path zip = new HandMadeZip().add("data_schema.xml", SCHEMA).addHuge("data.xml", xml, ' ', 0, "", 100).write(dir.resolve("small.zip"));

        for (Path data : new Path[] {folder(xml), zip}) {
            assertThatThrownBy(() -> readAll(data, limits))
                    .isInstanceOf(CmtFormatException.class)
                    .hasMessageContaining("larger than dvbridge.cmt.max-data-bytes = 10000 bytes");
        }
    }

    @Test
    void two_data_xml_entries_are_refused_instead_of_picking_one() throws IOException {
        Path zip = new HandMadeZip().add("data_schema.xml", SCHEMA).add("data.xml", HEAD + person(1, "Ann") + TAIL)
                .add("data.xml", HEAD + person(1, "Mallory") + TAIL).write(dir.resolve("two.zip"));

        assertThatThrownBy(() -> readAll(zip, CmtLimits.DEFAULTS))
                .isInstanceOf(CmtFormatException.class)
                .hasMessageContaining("'data.xml' is in the zip twice");
    }

    @Test
    void two_schema_entries_are_refused_too() throws IOException {
        Path zip = new HandMadeZip().add("data_schema.xml", SCHEMA).add("DATA_SCHEMA.xml", SCHEMA)
                .add("data.xml", HEAD + person(1, "Ann") + TAIL).write(dir.resolve("two-schemas.zip"));

        assertThatThrownBy(() -> readAll(zip, CmtLimits.DEFAULTS))
                .isInstanceOf(CmtFormatException.class)
                .hasMessageContaining("is in the zip twice");
    }

    @Test
    void entry_names_that_climb_out_of_the_folder_are_refused() throws IOException {
        for (String name : new String[] {"../evil.xml", "/etc/evil.xml", "a\\..\\..\\evil.xml", "C:/evil.xml"}) {
            Path zip = new HandMadeZip().add("data_schema.xml", SCHEMA).add("data.xml", HEAD + TAIL).add(name, "x")
                    .write(dir.resolve("traversal.zip"));

            assertThatThrownBy(() -> readAll(zip, CmtLimits.DEFAULTS))
                    .isInstanceOf(CmtFormatException.class)
                    .hasMessageContaining("path traversal");
        }
    }

    @Test
    void more_zip_entries_than_the_limit_are_refused_naming_the_key() throws IOException {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("data_schema.xml", SCHEMA);
        entries.put("data.xml", HEAD + TAIL);
        for (int i = 0; i < 10; i++) {
            entries.put("extra-" + i + ".txt", "x");
        }
        Path zip = ZipFiles.zip(dir.resolve("many.zip"), entries);

        assertThat(readAll(zip, new CmtLimits(1L << 30, 12, 1000, 10))).isZero();
        assertThatThrownBy(() -> readAll(zip, new CmtLimits(1L << 30, 11, 1000, 10)))
                .isInstanceOf(CmtFormatException.class)
                .hasMessageContaining("12 entries, more than dvbridge.cmt.max-entries = 11");
    }

    @Test
    void a_schema_with_invalid_utf8_is_refused_naming_line_and_byte_offset() throws IOException {
        byte[] valid = SCHEMA.replace("displayname=\"Name\"", "displayname=\"Café\"").getBytes(StandardCharsets.UTF_8);
        String text = new String(valid, StandardCharsets.UTF_8);
        int at = text.substring(0, text.indexOf("Café") + 3).getBytes(StandardCharsets.UTF_8).length;
        byte[] latin1 = new byte[valid.length - 1];
        System.arraycopy(valid, 0, latin1, 0, at);
        latin1[at] = (byte) 0xE9;
        System.arraycopy(valid, at + 2, latin1, at + 1, valid.length - at - 2);
        Path schema = Files.write(dir.resolve("schema.xml"), latin1);

        assertThatThrownBy(() -> new CmtSchemaReader().read(schema))
                .isInstanceOf(CmtFormatException.class)
                .hasMessageContaining("schema.xml line 5")
                .hasMessageContaining("invalid UTF-8 at byte offset " + at)
                .hasMessageContaining("0xE9");
    }
}
