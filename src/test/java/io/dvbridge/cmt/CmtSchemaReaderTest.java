package io.dvbridge.cmt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CmtSchemaReaderTest {

    private final CmtSchemaReader reader = new CmtSchemaReader();

    static CmtSchema resource(String name) throws IOException {
        try (InputStream in = CmtSchemaReaderTest.class.getResourceAsStream("/cmt/" + name)) {
            return new CmtSchemaReader().read(in, name);
        }
    }

    @Test
    void report_sample_with_raw_placeholders_in_its_filter_loads_unchanged() throws IOException {
        CmtSchema schema = resource("analytics-report-schema.xml");

        assertThat(schema.entities()).hasSize(1);
        CmtEntity report = schema.entities().get(0);
        assertThat(report.name()).isEqualTo("msdyn_dataanalyticsreport");
        assertThat(report.etc()).contains(10427);
        assertThat(report.primaryIdField()).isEqualTo("msdyn_dataanalyticsreportid");
        assertThat(report.primaryNameField()).contains("msdyn_name");
        assertThat(report.disablePlugins()).isFalse();
        assertThat(report.fields()).hasSize(15);
        assertThat(report.field("msdyn_dataanalyticsreportid").orElseThrow().primaryKey()).isTrue();
        assertThat(report.field("msdyn_displayorder").orElseThrow().type()).isEqualTo(CmtFieldType.NUMBER);
        assertThat(report.field("msdyn_isenabled").orElseThrow().type()).isEqualTo(CmtFieldType.BOOL);
        CmtField feature = report.field("msdyn_datainsightsandanalyticsfeatureid").orElseThrow();
        assertThat(feature.type()).isEqualTo(CmtFieldType.ENTITYREFERENCE);
        assertThat(feature.lookupTargets()).containsExactly("msdyn_datainsightsandanalyticsfeature");
        assertThat(feature.customField()).isTrue();
        String filter = report.filter().orElseThrow();
        assertThat(filter).startsWith("<filter type = 'and'>");
        assertThat(filter).contains("value = '<<Feature of the customization>> '/>");
        assertThat(filter).contains("value = '<<name of my report>>'/>");
        assertThat(filter.trim()).endsWith("</filter>");
        assertThat(schema.entityImportOrder()).isEmpty();
        assertThat(schema.dateMode()).isEmpty();
    }

    @Test
    void full_schema_keeps_lookups_owner_state_optionsets_update_compare_import_order_and_many_to_many() throws IOException {
        CmtSchema schema = resource("full-schema.xml");

        assertThat(schema.dateMode()).contains(CmtDateMode.ABSOLUTE);
        assertThat(schema.entityImportOrder()).containsExactly("account", "contact");
        CmtEntity account = schema.entity("account").orElseThrow();
        assertThat(account.disablePlugins()).isTrue();
        assertThat(account.updateCompareFields()).extracting(CmtField::name).containsExactly("accountnumber");
        assertThat(account.field("ownerid").orElseThrow().type()).isEqualTo(CmtFieldType.OWNER);
        assertThat(account.field("ownerid").orElseThrow().lookupTargets()).containsExactly("systemuser", "team");
        assertThat(account.field("statecode").orElseThrow().type()).isEqualTo(CmtFieldType.STATE);
        assertThat(account.field("statuscode").orElseThrow().type()).isEqualTo(CmtFieldType.STATUS);
        assertThat(account.field("industrycode").orElseThrow().type()).isEqualTo(CmtFieldType.OPTIONSETVALUE);
        assertThat(account.field("dvb_regions").orElseThrow().type()).isEqualTo(CmtFieldType.OPTIONSETVALUECOLLECTION);
        assertThat(account.field("parentaccountid").orElseThrow().webApiAttribute()).isEqualTo("_parentaccountid_value");
        assertThat(account.relationships()).containsExactly(new CmtRelationship("accountleads_association", true, false,
                Optional.of("accountleads"), Optional.of("lead"), Optional.of("leadid")));
        assertThat(account.filter()).contains("<filter type=\"and\"><condition attribute=\"statecode\" operator=\"eq\" value=\"0\" /></filter>");
        CmtEntity contact = schema.entity("contact").orElseThrow();
        assertThat(contact.field("parentcustomerid").orElseThrow().type()).isEqualTo(CmtFieldType.CUSTOMER);
        assertThat(contact.field("parentcustomerid").orElseThrow().lookupTargets()).containsExactly("account", "contact");
        assertThat(contact.field("birthdate").orElseThrow().dateMode()).contains(CmtDateMode.RELATIVE_DAILY);
    }

    @Test
    void filter_written_as_raw_fetchxml_elements_is_read_as_its_text() {
        CmtSchema schema = reader.parse("""
                <entities>
                  <entity name="account" primaryidfield="accountid" primarynamefield="name">
                    <fields><field name="name" type="string"/></fields>
                    <filter><filter type="and"><condition attribute="name" operator="eq" value="A &amp; B"/></filter></filter>
                  </entity>
                </entities>""", "raw.xml");

        assertThat(schema.entities().get(0).filter())
                .contains("<filter type=\"and\"><condition attribute=\"name\" operator=\"eq\" value=\"A &amp; B\" /></filter>");
    }

    @Test
    void written_schema_reads_back_equal_including_an_escaped_filter() throws IOException {
        CmtSchema original = resource("full-schema.xml");
        CmtSchema report = resource("analytics-report-schema.xml");
        for (CmtSchema schema : new CmtSchema[] {original, report}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            new CmtSchemaWriter().write(schema, out);
            String xml = out.toString(StandardCharsets.UTF_8);

            assertThat(reader.parse(xml, "written.xml")).isEqualTo(schema);
            assertThat(xml).contains("&lt;filter");
        }
    }

    @Test
    void external_entity_is_refused_with_its_line() {
        String xxe = """
                <?xml version="1.0"?>
                <!DOCTYPE entities [ <!ENTITY secret SYSTEM "file:///etc/passwd"> ]>
                <entities><entity name="&secret;" primaryidfield="a" primarynamefield="b"/></entities>""";

        assertThatThrownBy(() -> reader.parse(xxe, "xxe.xml"))
                .isInstanceOfSatisfying(CmtFormatException.class, e -> {
                    assertThat(e.file()).isEqualTo("xxe.xml");
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.column()).isPositive();
                    assertThat(e.problem()).contains("DOCTYPE");
                    assertThat(e.getMessage()).doesNotContain("root:");
                });
    }

    @Test
    void billion_laughs_is_refused_before_any_expansion() {
        StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            doc.append(" <!ENTITY lol").append(i).append(" \"");
            doc.append(("&lol" + (i == 1 ? "" : String.valueOf(i - 1)) + ";").repeat(10)).append("\">\n");
        }
        doc.append("]>\n<entities><entity name=\"&lol9;\" primaryidfield=\"a\" primarynamefield=\"b\"/></entities>");

        assertThatThrownBy(() -> reader.parse(doc.toString(), "lolz.xml"))
                .isInstanceOfSatisfying(CmtFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.problem()).contains("DOCTYPE");
                });
    }

    @Test
    void entity_without_a_name_is_refused_with_its_line() {
        String xml = "<entities>\n  <entity displayname=\"Account\" primaryidfield=\"accountid\" primarynamefield=\"name\">\n"
                + "  </entity>\n</entities>";

        assertThatThrownBy(() -> reader.parse(xml, "schema.xml"))
                .isInstanceOfSatisfying(CmtFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(2);
                    assertThat(e.problem()).isEqualTo("entity has no 'name' attribute");
                });
    }

    @Test
    void field_without_a_type_is_refused_naming_entity_and_field() {
        String xml = "<entities>\n  <entity name=\"account\" primaryidfield=\"accountid\" primarynamefield=\"name\">\n"
                + "    <fields>\n      <field name=\"name\" displayname=\"Name\"/>\n    </fields>\n  </entity>\n</entities>";

        assertThatThrownBy(() -> reader.parse(xml, "schema.xml"))
                .isInstanceOfSatisfying(CmtFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.problem()).isEqualTo("field 'name' of entity 'account' has no 'type' attribute");
                });
    }

    @Test
    void unknown_field_type_is_refused_naming_entity_field_and_line() {
        String xml = "<entities>\n  <entity name=\"account\" primaryidfield=\"accountid\" primarynamefield=\"name\">\n"
                + "    <fields>\n      <field name=\"name\" type=\"string\"/>\n      <field name=\"notes\" type=\"memo\"/>\n"
                + "    </fields>\n  </entity>\n</entities>";

        assertThatThrownBy(() -> reader.parse(xml, "schema.xml"))
                .isInstanceOfSatisfying(CmtFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(5);
                    assertThat(e.problem()).startsWith("field 'notes' of entity 'account' has unknown type 'memo'");
                    assertThat(e.problem()).contains("optionsetvaluecollection");
                    assertThat(e.getMessage()).startsWith("schema.xml line 5 column");
                });
    }

    @Test
    void malformed_xml_is_refused_with_line_and_column() {
        String xml = "<entities>\n  <entity name=\"a\" primaryidfield=\"x\" primarynamefield=\"y\">\n</entities>";

        assertThatThrownBy(() -> reader.parse(xml, "broken.xml"))
                .isInstanceOfSatisfying(CmtFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.problem()).startsWith("malformed XML");
                });
    }

    @Test
    void many_to_many_relationship_without_target_is_refused() {
        String xml = "<entities>\n <entity name=\"account\" primaryidfield=\"accountid\" primarynamefield=\"name\">\n"
                + "  <relationships>\n   <relationship name=\"accountleads\" manyToMany=\"true\" m2mTargetEntityPrimaryKey=\"leadid\"/>\n"
                + "  </relationships>\n </entity>\n</entities>";

        assertThatThrownBy(() -> reader.parse(xml, "schema.xml"))
                .isInstanceOfSatisfying(CmtFormatException.class, e -> {
                    assertThat(e.line()).isEqualTo(4);
                    assertThat(e.problem()).contains("no m2mTargetEntity");
                });
    }
}
