package io.dvbridge.sandbox.dataverse.query;

import io.dvbridge.sandbox.dataverse.AttributeType;
import io.dvbridge.sandbox.dataverse.TableSchema;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.IntStream;

import static io.dvbridge.sandbox.dataverse.query.TestTables.column;
import static io.dvbridge.sandbox.dataverse.query.TestTables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** FetchXML link-entity: parsing (aliases, link types, documented limits) and the joins it describes. */
class FetchLinkEntityTest {

    private static final UUID CONTOSO = UUID.fromString("00000000-0000-0000-0000-00000000000a");
    private static final UUID FABRIKAM = UUID.fromString("00000000-0000-0000-0000-00000000000b");
    private static final UUID LONELY = UUID.fromString("00000000-0000-0000-0000-00000000000c");
    private static final UUID ADA = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    private static final UUID GRACE = UUID.fromString("00000000-0000-0000-0000-0000000000c2");
    private static final UUID LINUS = UUID.fromString("00000000-0000-0000-0000-0000000000c3");
    private static final UUID SEATTLE = UUID.fromString("00000000-0000-0000-0000-0000000000d1");

    private static final TableSchema ACCOUNT = new TableSchema("account", "accounts", "Account", "accountid", "name", true, false, 1,
            List.of(column("accountid", AttributeType.UNIQUEIDENTIFIER), column("name", AttributeType.STRING),
                    column("primarycontactid", AttributeType.LOOKUP)), List.of());
    private static final TableSchema CONTACT = new TableSchema("contact", "contacts", "Contact", "contactid", "fullname", true, false, 2,
            List.of(column("contactid", AttributeType.UNIQUEIDENTIFIER), column("fullname", AttributeType.STRING),
                    column("parentcustomerid", AttributeType.LOOKUP), column("siteid", AttributeType.LOOKUP),
                    column("numberofchildren", AttributeType.INTEGER)), List.of());
    private static final TableSchema SITE = new TableSchema("site", "sites", "Site", "siteid", "name", true, false, 3,
            List.of(column("siteid", AttributeType.UNIQUEIDENTIFIER), column("name", AttributeType.STRING)), List.of());

    private static final List<Map<String, Object>> ACCOUNTS = List.of(
            row("accountid", CONTOSO, "name", "Contoso", "_primarycontactid_value", ADA),
            row("accountid", FABRIKAM, "name", "Fabrikam", "_primarycontactid_value", LINUS),
            row("accountid", LONELY, "name", "Lonely"));
    private static final List<Map<String, Object>> CONTACTS = List.of(
            row("contactid", ADA, "fullname", "Ada", "_parentcustomerid_value", CONTOSO, "_siteid_value", SEATTLE, "numberofchildren", 2),
            row("contactid", GRACE, "fullname", "Grace", "_parentcustomerid_value", CONTOSO, "numberofchildren", 0),
            row("contactid", LINUS, "fullname", "Linus", "_parentcustomerid_value", FABRIKAM, "numberofchildren", 3));
    private static final List<Map<String, Object>> SITES = List.of(row("siteid", SEATTLE, "name", "Seattle"));

    private static final FetchJoin<Map<String, Object>> JOIN = new FetchJoin<>(Function.identity(), name -> switch (name) {
        case "account" -> Optional.of(new FetchJoin.Source<>(ACCOUNT, ACCOUNTS));
        case "contact" -> Optional.of(new FetchJoin.Source<>(CONTACT, CONTACTS));
        case "site" -> Optional.of(new FetchJoin.Source<>(SITE, SITES));
        default -> Optional.empty();
    });

    private static List<FetchJoin.Joined<Map<String, Object>>> run(String fetch) {
        FetchXmlQuery query = FetchXmlQuery.parse(fetch);
        return JOIN.join(ACCOUNT, ACCOUNTS, query.links());
    }

    /** Each result as "account name -> alias:fullname ..." to read joins at a glance. */
    private static List<String> described(List<FetchJoin.Joined<Map<String, Object>>> results) {
        return results.stream().map(r -> r.base().get("name") + r.linked().entrySet().stream()
                .map(e -> " " + e.getKey() + ":" + e.getValue().getOrDefault("fullname", e.getValue().get("name")))
                .reduce("", String::concat)).toList();
    }

    @Test
    void an_inner_link_keeps_only_rows_with_a_match_and_repeats_a_row_per_match() {
        List<String> rows = described(run("""
                <fetch><entity name='account'><attribute name='name'/>
                  <link-entity name='contact' from='parentcustomerid' to='accountid' alias='c'><attribute name='fullname'/></link-entity>
                </entity></fetch>"""));
        assertThat(rows).containsExactly("Contoso c:Ada", "Contoso c:Grace", "Fabrikam c:Linus");
    }

    @Test
    void an_outer_link_keeps_every_row_and_leaves_the_alias_out_without_a_match() {
        List<String> rows = described(run("""
                <fetch><entity name='account'>
                  <link-entity name='contact' from='contactid' to='primarycontactid' link-type='outer' alias='pc'/>
                </entity></fetch>"""));
        assertThat(rows).containsExactly("Contoso pc:Ada", "Fabrikam pc:Linus", "Lonely");
    }

    @Test
    void a_filter_inside_the_link_chooses_which_linked_rows_join() {
        String inner = """
                <fetch><entity name='account'>
                  <link-entity name='contact' from='parentcustomerid' to='accountid' link-type='%s' alias='c'>
                    <filter><condition attribute='numberofchildren' operator='gt' value='0'/></filter>
                  </link-entity>
                </entity></fetch>""";
        assertThat(described(run(inner.formatted("inner")))).containsExactly("Contoso c:Ada", "Fabrikam c:Linus");
        assertThat(described(run(inner.formatted("outer")))).containsExactly("Contoso c:Ada", "Fabrikam c:Linus", "Lonely");
    }

    @Test
    void a_nested_link_joins_from_its_parent_link_and_narrows_its_matches() {
        String fetch = """
                <fetch><entity name='account'>
                  <link-entity name='contact' from='parentcustomerid' to='accountid' link-type='%s' alias='c'>
                    <link-entity name='site' from='siteid' to='siteid' alias='s'><attribute name='name'/></link-entity>
                  </link-entity>
                </entity></fetch>""";
        assertThat(described(run(fetch.formatted("inner")))).containsExactly("Contoso c:Ada s:Seattle");
        assertThat(described(run(fetch.formatted("outer")))).containsExactly("Contoso c:Ada s:Seattle", "Fabrikam", "Lonely");
    }

    @Test
    void a_condition_with_entityname_tests_the_linked_row_so_an_outer_join_finds_rows_without_a_match() {
        FetchXmlQuery query = FetchXmlQuery.parse("""
                <fetch><entity name='account'>
                  <filter><condition entityname='pc' attribute='contactid' operator='null'/></filter>
                  <link-entity name='contact' from='contactid' to='primarycontactid' link-type='outer' alias='pc'/>
                </entity></fetch>""");
        Predicate<Map<String, Object>> test = query.toPredicate(ACCOUNT, FetchLinkEntityTest::schema);

        List<String> without = described(JOIN.join(ACCOUNT, ACCOUNTS, query.links()).stream()
                .filter(r -> test.test(FetchJoin.merged(r, Function.identity()))).toList());
        assertThat(without).containsExactly("Lonely");
    }

    @Test
    void the_linked_columns_are_named_alias_dot_attribute_and_an_alias_is_generated_from_name_and_position() {
        FetchXmlQuery query = FetchXmlQuery.parse("""
                <fetch><entity name='account'>
                  <link-entity name='contact' from='parentcustomerid' to='accountid' alias='c'><attribute name='fullname'/>
                    <link-entity name='site' from='siteid' to='siteid'><attribute name='name'/></link-entity>
                  </link-entity>
                  <link-entity name='contact' from='contactid' to='primarycontactid' link-type='outer'><all-attributes/></link-entity>
                </entity></fetch>""");
        List<String> names = FetchJoin.selected(ACCOUNT, query.links(), FetchLinkEntityTest::schema).stream()
                .map(FetchJoin.Selected::property).toList();

        assertThat(query.links()).extracting(FetchLink::alias).containsExactly("c", "contact3");
        assertThat(query.links().get(0).links()).extracting(FetchLink::alias).containsExactly("site2");
        assertThat(query.links().get(0).outer()).isFalse();
        assertThat(names).containsExactly("c.fullname", "site2.name", "contact3.contactid", "contact3.fullname",
                "contact3.parentcustomerid", "contact3.siteid", "contact3.numberofchildren");
    }

    private static Optional<TableSchema> schema(String name) {
        return Optional.ofNullable(Map.of("account", ACCOUNT, "contact", CONTACT, "site", SITE).get(name));
    }

    @Test
    void microsofts_sample_schema_form_parses_with_its_fetch_attributes_order_and_invisible_link() {
        FetchXmlQuery query = FetchXmlQuery.parse("""
                <fetch version="1.0" output-format="xml-platform" mapping="logical" distinct="true">
                  <entity name="account">
                    <attribute name="name" />
                    <order attribute="name" descending="false" />
                    <filter type="and"><condition attribute="name" operator="not-null" /></filter>
                    <link-entity name="contact" from="parentcustomerid" to="accountid" visible="false" link-type="inner" alias="ab">
                      <filter type="and"><condition attribute="fullname" operator="like" value="A%" /></filter>
                    </link-entity>
                  </entity>
                </fetch>""");

        assertThat(query.distinct()).isTrue();
        assertThat(described(JOIN.join(ACCOUNT, ACCOUNTS.stream().filter(query.toPredicate(ACCOUNT)).toList(), query.links())))
                .containsExactly("Contoso ab:Ada");
    }

    @Test
    void more_than_15_link_entities_get_dataverses_documented_error() {
        String sixteen = IntStream.range(0, 16)
                .mapToObj(i -> "<link-entity name='contact' from='contactid' to='primarycontactid'/>").reduce("", String::concat);
        assertThatThrownBy(() -> FetchXmlQuery.parse("<fetch><entity name='account'>" + sixteen + "</entity></fetch>"))
                .isInstanceOfSatisfying(ODataQueryException.class, e -> assertThat(e.code()).isEqualTo("0x8004430D"))
                .hasMessage("Number of link entities in query exceeded maximum limit.");
        String fifteen = sixteen.substring(sixteen.indexOf("/>") + 2);
        assertThat(FetchXmlQuery.parse("<fetch><entity name='account'>" + fifteen + "</entity></fetch>").links()).hasSize(15);
    }

    @Test
    void link_types_the_sandbox_does_not_evaluate_are_refused_not_ignored() {
        assertThatThrownBy(() -> FetchXmlQuery.parse("<fetch><entity name='account'>"
                + "<link-entity name='contact' from='parentcustomerid' to='accountid' link-type='exists'/></entity></fetch>"))
                .isInstanceOf(ODataQueryException.class).hasMessageContaining("link-type 'exists'").hasMessageContaining("inner and outer only");
        assertThatThrownBy(() -> FetchXmlQuery.parse("<fetch><entity name='account'>"
                + "<link-entity name='contact' from='parentcustomerid' to='accountid' link-type='sideways'/></entity></fetch>"))
                .isInstanceOf(ODataQueryException.class).hasMessageContaining("link-type 'sideways'").hasMessageContaining("is not valid");
        assertThatThrownBy(() -> FetchXmlQuery.parse("<fetch><entity name='account'>"
                + "<link-entity name='contact' to='accountid'/></entity></fetch>"))
                .isInstanceOf(ODataQueryException.class).hasMessage("The link-entity 'contact' needs a from attribute.");
    }

    @Test
    void unknown_tables_and_attributes_in_a_link_are_named_as_dataverse_names_them() {
        assertThatThrownBy(() -> run("<fetch><entity name='account'><link-entity name='lead' from='leadid' to='accountid'/></entity></fetch>"))
                .isInstanceOfSatisfying(ODataQueryException.class, e -> assertThat(e.code()).isEqualTo("0x80041102"))
                .hasMessageContaining("name = 'lead'");
        assertThatThrownBy(() -> run("<fetch><entity name='account'><link-entity name='contact' from='nope' to='accountid'/></entity></fetch>"))
                .isInstanceOfSatisfying(ODataQueryException.class, e -> assertThat(e.code()).isEqualTo("0x80041103"))
                .hasMessage("'contact' entity doesn't contain attribute with Name = 'nope' and NameMapping = 'Logical'.");
        assertThatThrownBy(() -> run("<fetch><entity name='account'><link-entity name='contact' from='contactid' to='nope'/></entity></fetch>"))
                .hasMessage("'account' entity doesn't contain attribute with Name = 'nope' and NameMapping = 'Logical'.");
        assertThatThrownBy(() -> run("""
                <fetch><entity name='account'><link-entity name='contact' from='contactid' to='primarycontactid'>
                  <filter><condition attribute='nope' operator='null'/></filter></link-entity></entity></fetch>"""))
                .hasMessage("'contact' entity doesn't contain attribute with Name = 'nope' and NameMapping = 'Logical'.");
    }
}
