package io.dvbridge.sandbox.dataverse.query;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dvbridge.sandbox.dataverse.query.TestTables.row;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ODataOrderByAndSelectTest {

    private static List<Map<String, Object>> sorted(String orderBy, Map<String, Object>... rows) {
        List<Map<String, Object>> list = new ArrayList<>(List.of(rows));
        list.sort(ODataOrderBy.parse(orderBy, TestTables.account()));
        return list;
    }

    @Test
    void ascending_puts_rows_without_a_value_first_and_ignores_case() {
        Map<String, Object> b = row("name", "beta");
        Map<String, Object> a = row("name", "Alpha");
        Map<String, Object> none = row("numberofemployees", 1);
        assertThat(sorted("name", b, none, a)).containsExactly(none, a, b);
        assertThat(sorted("name asc", b, none, a)).containsExactly(none, a, b);
    }

    @Test
    void descending_puts_rows_without_a_value_last() {
        Map<String, Object> b = row("name", "beta");
        Map<String, Object> a = row("name", "Alpha");
        Map<String, Object> none = row("numberofemployees", 1);
        assertThat(sorted("name desc", a, none, b)).containsExactly(b, a, none);
    }

    @Test
    void later_terms_break_ties_of_earlier_ones() {
        Map<String, Object> small = row("statecode", 0, "numberofemployees", 5);
        Map<String, Object> large = row("statecode", 0, "numberofemployees", 500);
        Map<String, Object> inactive = row("statecode", 1, "numberofemployees", 50);
        assertThat(sorted("statecode asc,numberofemployees desc", small, inactive, large))
                .containsExactly(large, small, inactive);
        assertThat(sorted("statecode, numberofemployees", inactive, large, small))
                .containsExactly(small, large, inactive);
    }

    @Test
    void dates_sort_chronologically() {
        Map<String, Object> older = row("createdon", Instant.parse("2020-01-01T00:00:00Z"));
        Map<String, Object> newer = row("createdon", Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(sorted("createdon desc", older, newer)).containsExactly(newer, older);
    }

    @Test
    void guids_sort_in_sql_server_uniqueidentifier_order() {
        // SQL Server weighs the last six bytes most: ...000000000001 sorts after 01000000-...000000000000.
        Map<String, Object> endsInOne = row("accountid", UUID.fromString("00000000-0000-0000-0000-000000000001"));
        Map<String, Object> startsWithOne = row("accountid", UUID.fromString("01000000-0000-0000-0000-000000000000"));
        Map<String, Object> thirdGroup = row("accountid", UUID.fromString("00000000-0000-0001-0000-000000000000"));
        assertThat(sorted("accountid", endsInOne, startsWithOne, thirdGroup))
                .containsExactly(startsWithOne, thirdGroup, endsInOne);
    }

    @Test
    void orderby_refuses_unknown_properties_and_bad_syntax() {
        assertThatThrownBy(() -> ODataOrderBy.parse("nme desc", TestTables.account()))
                .isInstanceOf(ODataQueryException.class)
                .hasMessage("Could not find a property named 'nme' on type 'Microsoft.Dynamics.CRM.account'.");
        assertThatThrownBy(() -> ODataOrderBy.parse("name ascending", TestTables.account()))
                .hasMessage("Syntax error at position 14 in 'name ascending'.");
        assertThatThrownBy(() -> ODataOrderBy.parse("contains(name,'a')", TestTables.account()))
                .hasMessage("The $orderby expression must evaluate to a single value of primitive type.");
    }

    @Test
    void select_returns_the_properties_in_the_order_given() {
        assertThat(ODataSelect.parse("name,_parentaccountid_value, numberofemployees", TestTables.account()))
                .containsExactly("name", "_parentaccountid_value", "numberofemployees");
    }

    @Test
    void select_refuses_unknown_properties_and_lookup_logical_names() {
        assertThatThrownBy(() -> ODataSelect.parse("name,Name", TestTables.account()))
                .isInstanceOf(ODataQueryException.class)
                .hasMessage("Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'.");
        assertThatThrownBy(() -> ODataSelect.parse("parentaccountid", TestTables.account()))
                .hasMessage("Could not find a property named 'parentaccountid' on type "
                        + "'Microsoft.Dynamics.CRM.account'.");
    }

    @Test
    void select_refuses_duplicates_and_empty_items() {
        assertThatThrownBy(() -> ODataSelect.parse("name,name", TestTables.account()))
                .hasMessage("Found multiple select terms with same select path 'name' at one $select, please combine "
                        + "them together.");
        assertThatThrownBy(() -> ODataSelect.parse("name,", TestTables.account()))
                .hasMessage("Syntax error at position 5 in 'name,'.");
    }
}
