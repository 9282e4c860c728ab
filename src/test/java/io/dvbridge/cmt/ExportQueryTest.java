package io.dvbridge.cmt;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ExportQueryTest {

    private static CmtEntity entity(String filter) {
        return new CmtEntity("account", "Account", Optional.empty(), "accountid", Optional.of("name"), false, false,
                List.of(CmtField.of("accountid", CmtFieldType.GUID), CmtField.of("name", CmtFieldType.STRING)),
                Optional.of(filter), List.of());
    }

    @Test
    void the_tools_filter_element_goes_inside_the_entity_of_a_query_selecting_the_schema_fields() {
        assertThat(ExportQuery.fetchXml(entity("<filter><condition attribute=\"name\" operator=\"like\" value=\"A%\" /></filter>")))
                .isEqualTo("<fetch mapping=\"logical\"><entity name=\"account\"><attribute name=\"accountid\"/><attribute name=\"name\"/>"
                        + "<order attribute=\"accountid\"/><filter><condition attribute=\"name\" operator=\"like\" value=\"A%\" /></filter>"
                        + "</entity></fetch>");
    }

    @Test
    void a_whole_fetch_in_the_filter_is_the_query_with_the_schema_fields_instead_of_its_own_attributes() {
        String sample = """
                <fetch version="1.0" distinct="true">
                  <entity name="account">
                    <all-attributes />
                    <order attribute="name" />
                    <filter><condition attribute="name" operator="like" value="CMTLAB%" /></filter>
                    <link-entity name="contact" from="contactid" to="primarycontactid" link-type="inner">
                      <attribute name="fullname" />
                      <filter><condition attribute="lastname" operator="eq" value="O&apos;Neil &amp; Co" /></filter>
                    </link-entity>
                  </entity>
                </fetch>""";

        assertThat(ExportQuery.fetchXml(entity(sample))).isEqualTo("<fetch version=\"1.0\" distinct=\"true\"><entity name=\"account\">"
                + "<attribute name=\"accountid\"/><attribute name=\"name\"/><order attribute=\"accountid\"/>"
                + "<filter><condition attribute=\"name\" operator=\"like\" value=\"CMTLAB%\"></condition></filter>"
                + "<link-entity name=\"contact\" from=\"contactid\" to=\"primarycontactid\" link-type=\"inner\"><attribute name=\"fullname\"></attribute>"
                + "<filter><condition attribute=\"lastname\" operator=\"eq\" value=\"O'Neil &amp; Co\"></condition></filter></link-entity>"
                + "</entity></fetch>");
    }

    @Test
    void a_fetch_of_another_table_is_refused_naming_the_entity() {
        assertThatThrownBy(() -> ExportQuery.fetchXml(entity("<fetch><entity name=\"contact\" /></fetch>")))
                .isInstanceOf(CmtFormatException.class).hasMessageContaining("entity 'account'").hasMessageContaining("queries 'contact'");
    }
}
