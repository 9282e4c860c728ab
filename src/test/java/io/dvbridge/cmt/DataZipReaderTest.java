package io.dvbridge.cmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataZipReaderTest {

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(DataZipReaderTest.class.getResource("/cmt/" + name).toURI());
    }

    private static final class Collected implements CmtDataVisitor {
        final List<String> trace = new ArrayList<>();
        final List<CmtRecord> records = new ArrayList<>();
        final List<CmtM2M> associations = new ArrayList<>();

        @Override
        public void entityStart(CmtEntity entity, String displayName) {
            trace.add("start " + entity.name() + " (" + displayName + ")");
        }

        @Override
        public void record(CmtEntity entity, CmtRecord record) {
            trace.add("record " + record.id());
            records.add(record);
        }

        @Override
        public void manyToMany(CmtEntity entity, CmtM2M association) {
            trace.add("m2m " + association.relationshipName());
            associations.add(association);
        }

        @Override
        public void entityEnd(CmtEntity entity) {
            trace.add("end " + entity.name());
        }
    }

    @Test
    void hand_written_cmt_data_zip_reads_with_its_schema_values_and_associations() throws Exception {
        for (Path source : List.of(resource("handwritten-data.zip"), resource("handwritten"))) {
            Collected seen = new Collected();
            CmtSchema schema;
            try (DataZipReader reader = DataZipReader.open(source)) {
                schema = reader.schema();
                assertThat(reader.schema().entities()).extracting(CmtEntity::name).containsExactly("transactioncurrency", "account");
                assertThat(reader.timestamp()).contains(Instant.parse("2024-06-15T14:30:00Z"));
                reader.accept(seen);
            }

            assertThat(seen.trace).containsExactly(
                    "start transactioncurrency (Currency)", "record b1d0f273-4f56-ec11-8c62-000d3a8c5dab", "end transactioncurrency",
                    "start account (Account)", "record a1b2c3d4-e5f6-7890-abcd-ef1234567890", "m2m accountleads_association",
                    "end account");
            CmtRecord account = seen.records.get(1);
            assertThat(account.line()).isEqualTo(16);
            CmtFieldValue currency = account.field("transactioncurrencyid").orElseThrow();
            assertThat(currency.lookupEntity()).contains("transactioncurrency");
            assertThat(currency.lookupEntityName()).contains("Euro");
            Map<String, Object> row = WebApiRecords.toRow(schema.entity("account").orElseThrow(), account);
            Map<String, Object> expected = new LinkedHashMap<>();
            expected.put("accountid", "a1b2c3d4-e5f6-7890-abcd-ef1234567890");
            expected.put("name", "Fabrikam & Sons");
            expected.put("_transactioncurrencyid_value", "b1d0f273-4f56-ec11-8c62-000d3a8c5dab");
            expected.put("_transactioncurrencyid_value" + WebApiRecords.LOOKUP_LOGICAL_NAME, "transactioncurrency");
            expected.put("_transactioncurrencyid_value" + WebApiRecords.FORMATTED_VALUE, "Euro");
            expected.put("revenue", new BigDecimal("1500000.00"));
            expected.put("dvb_regions", "100000000,100000002");
            expected.put("donotemail", false);
            expected.put("overriddencreatedon", "2023-01-02T03:04:05.123456700Z");
            expected.put("statecode", 1);
            expected.put("statuscode", 2);
            assertThat(row).isEqualTo(expected);
            assertThat(seen.associations.get(0).targetIds()).containsExactly(
                    "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee", "ffffffff-0000-1111-2222-333333333333");
        }
    }

    private Path zipWithData(String dataXml) throws Exception {
        String schema = Files.readString(resource("handwritten").resolve("data_schema.xml"));
        return ZipFiles.zip(dir.resolve("data.zip"), Map.of("data_schema.xml", schema, "data.xml", dataXml));
    }

    private static String accountData(String fields) {
        return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<entities timestamp=\"2024-06-15T14:30:00.0000000Z\">\n"
                + "  <entity name=\"account\" displayname=\"Account\">\n"
                + "    <records>\n"
                + "      <record id=\"a1b2c3d4-e5f6-7890-abcd-ef1234567890\">\n"
                + fields
                + "      </record>\n"
                + "    </records>\n"
                + "  </entity>\n"
                + "</entities>\n";
    }

    private static void readAll(Path zip) throws IOException {
        try (DataZipReader reader = DataZipReader.open(zip)) {
            reader.accept((entity, record) -> { });
        }
    }

    @Test
    void bad_value_names_entity_record_field_and_line() throws Exception {
        Path zip = zipWithData(accountData("        <field name=\"name\" value=\"A\" />\n"
                + "        <field name=\"revenue\" value=\"1,5\" />\n"));

        assertThatThrownBy(() -> readAll(zip)).isInstanceOfSatisfying(CmtFormatException.class, e -> {
            assertThat(e.file()).isEqualTo("data.xml");
            assertThat(e.line()).isEqualTo(7);
            assertThat(e.entity()).contains("account");
            assertThat(e.recordId()).contains("a1b2c3d4-e5f6-7890-abcd-ef1234567890");
            assertThat(e.field()).contains("revenue");
            assertThat(e.getMessage()).startsWith("data.xml line 7").contains("'1,5' is not a number");
        });
    }

    @Test
    void field_missing_from_the_schema_is_refused_not_dropped() throws Exception {
        Path zip = zipWithData(accountData("        <field name=\"telephone1\" value=\"555\" />\n"));

        assertThatThrownBy(() -> readAll(zip)).isInstanceOfSatisfying(CmtFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.field()).contains("telephone1");
            assertThat(e.problem()).contains("not in data_schema.xml");
        });
    }

    @Test
    void doctype_in_data_xml_is_refused() throws Exception {
        Path zip = zipWithData("<?xml version=\"1.0\"?>\n<!DOCTYPE entities [<!ENTITY x SYSTEM \"file:///etc/hostname\">]>\n"
                + "<entities><entity name=\"account\"><records><record id=\"a1b2c3d4-e5f6-7890-abcd-ef1234567890\">"
                + "<field name=\"name\" value=\"&x;\"/></record></records></entity></entities>");

        assertThatThrownBy(() -> readAll(zip)).isInstanceOfSatisfying(CmtFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.problem()).contains("DOCTYPE");
        });
    }

    @Test
    void record_without_a_valid_id_is_refused_with_its_line() throws Exception {
        Path zip = zipWithData(accountData("").replace("a1b2c3d4-e5f6-7890-abcd-ef1234567890", "42"));

        assertThatThrownBy(() -> readAll(zip)).isInstanceOfSatisfying(CmtFormatException.class, e -> {
            assertThat(e.line()).isEqualTo(5);
            assertThat(e.entity()).contains("account");
            assertThat(e.problem()).contains("'42' is not a GUID");
        });
    }

    @Test
    void package_without_data_xml_says_so() throws Exception {
        Path zip = ZipFiles.zip(dir.resolve("empty.zip"),
                Map.of("data_schema.xml", Files.readString(resource("handwritten").resolve("data_schema.xml"))));

        assertThatThrownBy(() -> DataZipReader.open(zip))
                .isInstanceOf(CmtFormatException.class).hasMessageContaining("no data.xml");
    }
}
