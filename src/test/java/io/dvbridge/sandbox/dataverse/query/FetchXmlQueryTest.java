package io.dvbridge.sandbox.dataverse.query;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.dvbridge.sandbox.dataverse.query.TestTables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FetchXmlQueryTest {

    private static final UUID PARENT = UUID.fromString("f2266eb4-226f-4cf1-b422-89c5f48b40cb");

    private static final Map<String, Object> CONTOSO = row("name", "Contoso Ltd", "numberofemployees", 250,
            "revenue", new BigDecimal("1000"), "createdon", Instant.parse("2024-03-01T10:00:00Z"),
            "_parentaccountid_value", PARENT, "donotemail", true);
    private static final Map<String, Object> FABRIKAM = row("name", "Fabrikam", "numberofemployees", 10,
            "createdon", Instant.parse("2023-06-01T00:00:00Z"), "donotemail", false);
    private static final Map<String, Object> NAMELESS = row("numberofemployees", 99);
    private static final List<Map<String, Object>> ROWS = List.of(CONTOSO, FABRIKAM, NAMELESS);

    private static List<Map<String, Object>> where(String conditions) {
        FetchXmlQuery query = FetchXmlQuery.parse("<fetch><entity name='account'><filter>" + conditions
                + "</filter></entity></fetch>");
        Predicate<Map<String, Object>> test = query.toPredicate(TestTables.account());
        return ROWS.stream().filter(test).toList();
    }

    @Test
    void reads_entity_attributes_filters_orders_and_paging_attributes() {
        FetchXmlQuery query = FetchXmlQuery.parse("""
                <fetch version="1.0" count="50" page="3" mapping="logical"
                       paging-cookie="&lt;cookie page=&quot;2&quot;&gt;&lt;accountid last=&quot;{A}&quot; /&gt;&lt;/cookie&gt;">
                  <entity name="account">
                    <attribute name="name" />
                    <attribute name="parentaccountid" />
                    <filter type="or">
                      <condition attribute="name" operator="eq" value="Contoso Ltd" />
                      <filter type="and">
                        <condition attribute="numberofemployees" operator="gt" value="5" />
                        <condition attribute="statecode" operator="eq" value="0" />
                      </filter>
                    </filter>
                    <order attribute="name" descending="true" />
                    <order attribute="createdon" />
                  </entity>
                </fetch>
                """);
        assertThat(query.entityName()).isEqualTo("account");
        assertThat(query.attributes()).containsExactly("name", "parentaccountid");
        assertThat(query.allAttributes()).isFalse();
        assertThat(query.count()).hasValue(50);
        assertThat(query.page()).hasValue(3);
        assertThat(query.top()).isEmpty();
        assertThat(query.pagingCookie()).hasValue("<cookie page=\"2\"><accountid last=\"{A}\" /></cookie>");
        assertThat(query.orders()).containsExactly(new FetchOrder("name", true), new FetchOrder("createdon", false));
        FetchFilter filter = query.filter().orElseThrow();
        assertThat(filter.isOr()).isTrue();
        assertThat(filter.conditions()).containsExactly(new FetchCondition(java.util.Optional.empty(), "name", "eq", List.of("Contoso Ltd")));
        assertThat(filter.filters()).hasSize(1);
        assertThat(filter.filters().get(0).conditions()).hasSize(2);
    }

    @Test
    void selected_properties_map_lookups_to_their_value_property() {
        FetchXmlQuery query = FetchXmlQuery.parse("<fetch><entity name='account'><attribute name='name'/>"
                + "<attribute name='parentaccountid'/></entity></fetch>");
        assertThat(query.selectedProperties(TestTables.account())).containsExactly("name", "_parentaccountid_value");
        FetchXmlQuery all = FetchXmlQuery.parse("<fetch><entity name='account'><all-attributes/></entity></fetch>");
        assertThat(all.allAttributes()).isTrue();
        assertThat(all.selectedProperties(TestTables.account())).contains("accountid", "_parentaccountid_value");
    }

    @Test
    void eq_and_ne_compare_text_case_insensitively_and_ne_skips_missing_values() {
        assertThat(where("<condition attribute='name' operator='eq' value='contoso ltd'/>")).containsExactly(CONTOSO);
        assertThat(where("<condition attribute='name' operator='ne' value='contoso ltd'/>")).containsExactly(FABRIKAM);
        assertThat(where("<condition attribute='name' operator='neq' value='fabrikam'/>")).containsExactly(CONTOSO);
    }

    @Test
    void lookup_conditions_use_the_logical_name_and_accept_braces_and_spaces() {
        assertThat(where("<condition attribute='parentaccountid' operator='eq' value='" + PARENT + "'/>"))
                .containsExactly(CONTOSO);
        assertThat(where("<condition attribute='parentaccountid' operator='eq' value=' {F2266EB4-226F-4CF1-B422-89C5F48B40CB} '/>"))
                .containsExactly(CONTOSO);
        assertThat(where("<condition attribute='parentaccountid' operator='null'/>")).containsExactly(FABRIKAM, NAMELESS);
        assertThat(where("<condition attribute='parentaccountid' operator='not-null'/>")).containsExactly(CONTOSO);
    }

    @Test
    void in_and_not_in_take_value_children() {
        assertThat(where("<condition attribute='numberofemployees' operator='in'><value>10</value><value>99</value>"
                + "</condition>")).containsExactly(FABRIKAM, NAMELESS);
        assertThat(where("<condition attribute='name' operator='not-in'><value>FABRIKAM</value></condition>"))
                .containsExactly(CONTOSO);
    }

    @Test
    void like_and_not_like_use_sql_wildcards_case_insensitively() {
        assertThat(where("<condition attribute='name' operator='like' value='%TOSO%'/>")).containsExactly(CONTOSO);
        assertThat(where("<condition attribute='name' operator='like' value='F_brikam'/>")).containsExactly(FABRIKAM);
        assertThat(where("<condition attribute='name' operator='not-like' value='%toso%'/>")).containsExactly(FABRIKAM);
        assertThat(where("<condition attribute='name' operator='begins-with' value='fab'/>")).containsExactly(FABRIKAM);
        assertThat(where("<condition attribute='name' operator='ends-with' value='LTD'/>")).containsExactly(CONTOSO);
        assertThat(where("<condition attribute='name' operator='not-begin-with' value='fab'/>")).containsExactly(CONTOSO);
    }

    @Test
    void ordering_operators_compare_numbers_and_dates() {
        assertThat(where("<condition attribute='numberofemployees' operator='gt' value='99'/>")).containsExactly(CONTOSO);
        assertThat(where("<condition attribute='numberofemployees' operator='ge' value='99'/>"))
                .containsExactly(CONTOSO, NAMELESS);
        assertThat(where("<condition attribute='numberofemployees' operator='lt' value='99'/>")).containsExactly(FABRIKAM);
        assertThat(where("<condition attribute='numberofemployees' operator='le' value='10'/>")).containsExactly(FABRIKAM);
        assertThat(where("<condition attribute='createdon' operator='ge' value='2024-01-01'/>")).containsExactly(CONTOSO);
        assertThat(where("<condition attribute='createdon' operator='lt' value='2024-01-01T00:00:00Z'/>"))
                .containsExactly(FABRIKAM);
        assertThat(where("<condition attribute='numberofemployees' operator='between'><value>10</value>"
                + "<value>99</value></condition>")).containsExactly(FABRIKAM, NAMELESS);
        assertThat(where("<condition attribute='donotemail' operator='eq' value='1'/>")).containsExactly(CONTOSO);
    }

    @Test
    void or_filters_nest_inside_and_filters() {
        assertThat(where("<condition attribute='numberofemployees' operator='lt' value='100'/>"
                + "<filter type='or'><condition attribute='name' operator='null'/>"
                + "<condition attribute='name' operator='eq' value='Contoso Ltd'/></filter>"))
                .containsExactly(NAMELESS);
    }

    @Test
    void orders_become_a_comparator() {
        FetchXmlQuery query = FetchXmlQuery.parse("<fetch><entity name='account'>"
                + "<order attribute='numberofemployees' descending='true'/></entity></fetch>");
        List<Map<String, Object>> rows = new ArrayList<>(ROWS);
        rows.sort(query.toComparator(TestTables.account()).orElseThrow());
        assertThat(rows).containsExactly(CONTOSO, NAMELESS, FABRIKAM);
    }

    @Test
    void unknown_attribute_is_refused_as_dataverse_words_it() {
        assertThatThrownBy(() -> where("<condition attribute='nme' operator='eq' value='x'/>"))
                .isInstanceOf(ODataQueryException.class)
                .hasMessage("'account' entity doesn't contain attribute with Name = 'nme' and NameMapping = 'Logical'.")
                .extracting(e -> ((ODataQueryException) e).code()).isEqualTo("0x80041103");
        assertThatThrownBy(() -> where("<condition attribute='_parentaccountid_value' operator='null'/>"))
                .hasMessage("'account' entity doesn't contain attribute with Name = '_parentaccountid_value' and "
                        + "NameMapping = 'Logical'.");
    }

    @Test
    void value_of_the_wrong_type_is_refused() {
        assertThatThrownBy(() -> where("<condition attribute='parentaccountid' operator='eq' value='not a guid'/>"))
                .hasMessage("Condition for attribute 'account.parentaccountid': expected argument(s) of type "
                        + "'System.Guid' but received 'System.String'.");
        assertThatThrownBy(() -> where("<condition attribute='numberofemployees' operator='eq' value='many'/>"))
                .hasMessage("Condition for attribute 'account.numberofemployees': expected argument(s) of type "
                        + "'System.Int32' but received 'System.String'.");
    }

    @Test
    void unknown_operator_and_conditions_on_an_unknown_alias_are_refused_not_ignored() {
        assertThatThrownBy(() -> where("<condition attribute='name' operator='sounds-like' value='x'/>"))
                .isInstanceOf(ODataQueryException.class).hasMessageContaining("'sounds-like'");
        assertThatThrownBy(() -> where("<condition entityname='c' attribute='fullname' operator='null'/>"))
                .isInstanceOf(ODataQueryException.class).hasMessageContaining("names entityname 'c', which is not the alias");
    }

    @Test
    void malformed_xml_reports_line_and_column() {
        assertThatThrownBy(() -> FetchXmlQuery.parse("<fetch>\n  <entity name='account'>\n</fetch>"))
                .isInstanceOfSatisfying(FetchXmlParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isPositive();
                    assertThat(e.code()).isEqualTo("0x80040203");
                    assertThat(e.getMessage()).endsWith("Line 3, position " + e.column() + ".");
                });
    }

    @Test
    void cmt_schema_filter_with_spaced_attributes_and_a_padded_guid_evaluates() {
        // A Configuration Migration schema carries its filter XML-escaped inside <filter>; quirks kept here:
        // spaces around '=', single quotes, and a GUID value followed by a space.
        String schema = "<entities><entity name=\"msdyn_dataanalyticsreport\"><filter>"
                + "&lt;filter type = 'and'&gt;\n"
                + "  &lt;condition attribute = 'msdyn_datainsightsandanalyticsfeatureid' operator = 'eq' "
                + "value = 'f2266eb4-226f-4cf1-b422-89c5f48b40cb '/&gt;\n"
                + "  &lt;condition attribute = 'msdyn_displayname' operator = 'eq' value = 'Queue overview'/&gt; \n"
                + "&lt;/filter&gt;</filter></entity></entities>";
        String filterXml = SafeXml.children(SafeXml.children(SafeXml.parse(schema).getDocumentElement(), "entity")
                .get(0), "filter").get(0).getTextContent();

        FetchFilter filter = FetchXmlQuery.parseFilter(filterXml);
        Predicate<Map<String, Object>> test = filter.toPredicate(TestTables.report());

        Map<String, Object> historical = row("msdyn_displayname", "queue OVERVIEW",
                "_msdyn_datainsightsandanalyticsfeatureid_value", PARENT);
        Map<String, Object> realTime = row("msdyn_displayname", "Queue overview",
                "_msdyn_datainsightsandanalyticsfeatureid_value", UUID.fromString("09c168be-efe2-4f08-a986-3aab7095c863"));
        assertThat(filter.conditions()).hasSize(2);
        assertThat(test.test(historical)).isTrue();
        assertThat(test.test(realTime)).isFalse();
    }
}
