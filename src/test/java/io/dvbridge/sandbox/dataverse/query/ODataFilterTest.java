package io.dvbridge.sandbox.dataverse.query;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dvbridge.sandbox.dataverse.query.TestTables.row;
import static org.assertj.core.api.Assertions.assertThat;

class ODataFilterTest {

    private static final UUID PARENT = UUID.fromString("f2266eb4-226f-4cf1-b422-89c5f48b40cb");
    private static final UUID OTHER = UUID.fromString("09c168be-efe2-4f08-a986-3aab7095c863");

    private static final Map<String, Object> CONTOSO = row("accountid", UUID.fromString(
                    "00000000-0000-0000-0000-000000000001"), "name", "Contoso Ltd", "numberofemployees", 250,
            "revenue", new BigDecimal("1000000.50"), "donotemail", true,
            "createdon", Instant.parse("2024-03-01T10:00:00Z"), "statecode", 0, "_parentaccountid_value", PARENT,
            "ratio", 0.25, "bignumber", 9_000_000_000L, "creditlimit", new BigDecimal("12.5"));
    private static final Map<String, Object> FABRIKAM = row("accountid", UUID.fromString(
                    "00000000-0000-0000-0000-000000000002"), "name", "Fabrikam", "numberofemployees", 10,
            "revenue", new BigDecimal("5000"), "donotemail", false,
            "createdon", Instant.parse("2023-12-31T23:59:59Z"), "statecode", 1, "_parentaccountid_value", OTHER);
    private static final Map<String, Object> NAMELESS = row("accountid", UUID.fromString(
            "00000000-0000-0000-0000-000000000003"), "numberofemployees", 10);

    private static final List<Map<String, Object>> ROWS = List.of(CONTOSO, FABRIKAM, NAMELESS);

    private static List<Map<String, Object>> matching(String filter) {
        ODataFilter parsed = ODataFilter.parse(filter, TestTables.account());
        return ROWS.stream().filter(parsed).toList();
    }

    private static List<Map<String, Object>> matching(String filter, Map<String, Object>... rows) {
        ODataFilter parsed = ODataFilter.parse(filter, TestTables.account());
        return List.of(rows).stream().filter(parsed).toList();
    }

    @Test
    void eq_matches_strings_without_regard_to_case_or_accents() {
        assertThat(matching("name eq 'CONTOSO LTD'")).containsExactly(CONTOSO);
        assertThat(matching("name eq 'Fabrikâm'")).containsExactly(FABRIKAM);
    }

    @Test
    void eq_ignores_trailing_spaces_as_sql_server_does() {
        assertThat(matching("name eq 'Fabrikam   '")).containsExactly(FABRIKAM);
    }

    @Test
    void doubled_quote_is_one_quote_inside_a_string_literal() {
        Map<String, Object> obryan = row("lastname", "O'Bryan");
        Map<String, Object> obrian = row("lastname", "OBryan");
        assertThat(matching("lastname eq 'O''Bryan'", obryan, obrian)).containsExactly(obryan);
    }

    @Test
    void ne_leaves_out_rows_without_a_value() {
        assertThat(matching("name ne 'Contoso Ltd'")).containsExactly(FABRIKAM);
    }

    @Test
    void eq_null_and_ne_null_test_for_a_missing_value() {
        assertThat(matching("name eq null")).containsExactly(NAMELESS);
        assertThat(matching("name ne null")).containsExactly(CONTOSO, FABRIKAM);
        assertThat(matching("null eq name")).containsExactly(NAMELESS);
    }

    @Test
    void ordering_operators_compare_numbers() {
        assertThat(matching("numberofemployees gt 10")).containsExactly(CONTOSO);
        assertThat(matching("numberofemployees ge 10")).containsExactly(CONTOSO, FABRIKAM, NAMELESS);
        assertThat(matching("numberofemployees lt 250")).containsExactly(FABRIKAM, NAMELESS);
        assertThat(matching("numberofemployees le 250")).containsExactly(CONTOSO, FABRIKAM, NAMELESS);
    }

    @Test
    void decimals_negatives_and_longs_compare_with_every_numeric_column() {
        assertThat(matching("revenue gt 999999.99")).containsExactly(CONTOSO);
        assertThat(matching("revenue eq 5000")).containsExactly(FABRIKAM);
        assertThat(matching("numberofemployees gt -1")).hasSize(3);
        assertThat(matching("numberofemployees gt - 1")).hasSize(3);
        assertThat(matching("ratio eq 0.25")).containsExactly(CONTOSO);
        assertThat(matching("bignumber eq 9000000000")).containsExactly(CONTOSO);
        assertThat(matching("creditlimit eq 12.5M")).containsExactly(CONTOSO);
    }

    @Test
    void ordering_of_strings_is_case_insensitive() {
        assertThat(matching("name gt 'd'")).containsExactly(FABRIKAM);
        assertThat(matching("name lt 'D'")).containsExactly(CONTOSO);
    }

    @Test
    void booleans_compare_with_true_and_false() {
        assertThat(matching("donotemail eq true")).containsExactly(CONTOSO);
        assertThat(matching("donotemail eq false")).containsExactly(FABRIKAM);
        assertThat(matching("donotemail")).containsExactly(CONTOSO);
    }

    @Test
    void unquoted_date_time_and_date_literals_compare_with_date_time_columns() {
        assertThat(matching("createdon gt 2024-01-01T00:00:00Z")).containsExactly(CONTOSO);
        assertThat(matching("createdon lt 2024-01-01")).containsExactly(FABRIKAM);
        assertThat(matching("createdon ge 2024-03-01T11:00:00+01:00")).containsExactly(CONTOSO);
    }

    @Test
    void unquoted_guid_literal_matches_a_lookup_value() {
        assertThat(matching("_parentaccountid_value eq f2266eb4-226f-4cf1-b422-89c5f48b40cb"))
                .containsExactly(CONTOSO);
        assertThat(matching("_parentaccountid_value eq 09C168BE-EFE2-4F08-A986-3AAB7095C863"))
                .containsExactly(FABRIKAM);
        assertThat(matching("accountid eq 00000000-0000-0000-0000-000000000002")).containsExactly(FABRIKAM);
    }

    @Test
    void quoted_guid_literal_also_matches_a_lookup_value() {
        assertThat(matching("_parentaccountid_value eq 'f2266eb4-226f-4cf1-b422-89c5f48b40cb'"))
                .containsExactly(CONTOSO);
    }

    @Test
    void lookup_value_stored_as_text_still_compares_as_a_guid() {
        Map<String, Object> textual = row("_parentaccountid_value", PARENT.toString().toUpperCase());
        assertThat(matching("_parentaccountid_value eq " + PARENT, textual)).containsExactly(textual);
    }

    @Test
    void contains_startswith_and_endswith_are_case_insensitive() {
        assertThat(matching("contains(name,'TOSO')")).containsExactly(CONTOSO);
        assertThat(matching("startswith(name,'fab')")).containsExactly(FABRIKAM);
        assertThat(matching("endswith(name,'LTD')")).containsExactly(CONTOSO);
        assertThat(matching("not contains(name,'toso')")).containsExactly(FABRIKAM);
    }

    @Test
    void string_functions_honour_sql_wildcards_as_dataverse_does() {
        assertThat(matching("startswith(name,'C_nt')")).containsExactly(CONTOSO);
        assertThat(matching("contains(name,'[a-c]ont')")).containsExactly(CONTOSO);
        assertThat(matching("startswith(name,'[^c]')")).containsExactly(FABRIKAM);
        assertThat(matching("contains(name,'o%L')")).containsExactly(CONTOSO);
    }

    @Test
    void and_binds_tighter_than_or() {
        assertThat(matching("name eq 'Fabrikam' or name eq 'Contoso Ltd' and numberofemployees eq 10"))
                .containsExactly(FABRIKAM);
        assertThat(matching("(name eq 'Fabrikam' or name eq 'Contoso Ltd') and numberofemployees eq 250"))
                .containsExactly(CONTOSO);
    }

    @Test
    void not_negates_a_parenthesised_condition_but_not_rows_without_a_value() {
        assertThat(matching("not (name eq 'Fabrikam')")).containsExactly(CONTOSO);
        assertThat(matching("not (name eq 'Fabrikam' or numberofemployees eq 250)")).isEmpty();
    }

    @Test
    void unknown_or_false_is_false_and_unknown_or_true_is_true() {
        assertThat(matching("name eq 'x' or numberofemployees eq 10")).containsExactly(FABRIKAM, NAMELESS);
        assertThat(matching("not (name eq 'x') or numberofemployees eq 10")).containsExactly(CONTOSO, FABRIKAM,
                NAMELESS);
    }

    @Test
    void dataverse_in_and_not_in_take_logical_names_and_json_arrays() {
        assertThat(matching("Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=['fabrikam','nope'])"))
                .containsExactly(FABRIKAM);
        assertThat(matching("Microsoft.Dynamics.CRM.In(PropertyName='numberofemployees',PropertyValues=[\"10\"])"))
                .containsExactly(FABRIKAM, NAMELESS);
        assertThat(matching("Microsoft.Dynamics.CRM.NotIn(PropertyName='name',PropertyValues=[\"Fabrikam\"])"))
                .containsExactly(CONTOSO);
        assertThat(matching("Microsoft.Dynamics.CRM.In(PropertyName='parentaccountid',PropertyValues=['"
                + OTHER + "'])")).containsExactly(FABRIKAM);
    }

    @Test
    void double_quoted_array_values_may_hold_single_quotes() {
        Map<String, Object> obrian = row("lastname", "O'Brian");
        Map<String, Object> other = row("lastname", "Brian");
        ODataFilter filter = ODataFilter.parse("Microsoft.Dynamics.CRM.In(PropertyName=@p1,PropertyValues=@p2)",
                TestTables.account(), Map.of("@p1", "'lastname'",
                        "@p2", "[\"OBrian\",\"OBryan\",\"O'Brian\",\"O'Bryan\"]"));
        assertThat(List.of(obrian, other).stream().filter(filter).toList()).containsExactly(obrian);
    }

    @Test
    void dataverse_between_null_and_not_null_functions() {
        assertThat(matching("Microsoft.Dynamics.CRM.Between(PropertyName='numberofemployees',PropertyValues=[\"5\",\"20\"])"))
                .containsExactly(FABRIKAM, NAMELESS);
        assertThat(matching("Microsoft.Dynamics.CRM.NotBetween(PropertyName='numberofemployees',PropertyValues=[\"5\",\"20\"])"))
                .containsExactly(CONTOSO);
        assertThat(matching("Microsoft.Dynamics.CRM.Null(PropertyName='name')")).containsExactly(NAMELESS);
        assertThat(matching("Microsoft.Dynamics.CRM.NotNull(PropertyName='name')")).containsExactly(CONTOSO, FABRIKAM);
    }

    @Test
    void parameter_aliases_stand_for_their_literal() {
        ODataFilter filter = ODataFilter.parse("Microsoft.Dynamics.CRM.In(PropertyName=@p1,PropertyValues=@p2)",
                TestTables.account(), Map.of("@p1", "'name'", "@p2", "[\"Contoso Ltd\",\"x\"]"));
        assertThat(ROWS.stream().filter(filter).toList()).containsExactly(CONTOSO);
        ODataFilter compared = ODataFilter.parse("numberofemployees eq @n", TestTables.account(), Map.of("n", "250"));
        assertThat(ROWS.stream().filter(compared).toList()).containsExactly(CONTOSO);
    }

    @Test
    void column_compares_with_column_of_the_same_type() {
        Map<String, Object> same = row("name", "Smith", "lastname", "SMITH");
        Map<String, Object> different = row("name", "Smith", "lastname", "Jones");
        assertThat(matching("name eq lastname", same, different)).containsExactly(same);
    }

    @Test
    void seed_workspace_query_parses_and_filters() {
        String filter = "(msdyn_name ne 'Customer Service Managed Workspace' and "
                + "_msdyn_datainsightsandanalyticsfeatureid_value eq 'f2266eb4-226f-4cf1-b422-89c5f48b40cb')";
        ODataFilter parsed = ODataFilter.parse(filter, TestTables.report());
        Map<String, Object> custom = row("msdyn_name", "My workspace", "_msdyn_datainsightsandanalyticsfeatureid_value",
                PARENT);
        Map<String, Object> managed = row("msdyn_name", "Customer Service Managed Workspace",
                "_msdyn_datainsightsandanalyticsfeatureid_value", PARENT);
        assertThat(parsed.test(custom)).isTrue();
        assertThat(parsed.test(managed)).isFalse();
    }
}
