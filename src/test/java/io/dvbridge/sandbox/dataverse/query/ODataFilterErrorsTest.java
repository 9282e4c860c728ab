package io.dvbridge.sandbox.dataverse.query;

import org.junit.jupiter.api.Test;

import java.util.Collections;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The refusals, worded and positioned as Dataverse (Microsoft.OData.Core underneath) words them. */
class ODataFilterErrorsTest {

    private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> refusal(String filter) {
        return assertThatThrownBy(() -> ODataFilter.parse(filter, TestTables.account()))
                .isInstanceOf(ODataQueryException.class);
    }

    private static void refused(String filter, String message) {
        refusal(filter).hasMessage(message)
                .extracting(e -> ((ODataQueryException) e).code()).isEqualTo("0x80060888");
    }

    @Test
    void single_quote_in_a_name_is_the_documented_unterminated_literal() {
        refused("lastname eq 'O'Bryan'", "There is an unterminated literal at position 21 in 'lastname eq 'O'Bryan''.");
        refused("SpatialDim eq 'J'PN'", "There is an unterminated literal at position 20 in 'SpatialDim eq 'J'PN''.");
    }

    @Test
    void string_without_closing_quote_is_an_unterminated_string_literal() {
        refused("name eq 'abc", "There is an unterminated string literal at position 12 in 'name eq 'abc'.");
        refused("name eq 'it''s", "There is an unterminated string literal at position 14 in 'name eq 'it''s'.");
    }

    @Test
    void missing_operand_is_expression_expected_at_the_end() {
        refused("name eq", "Expression expected at position 7 in 'name eq'.");
        refused("name eq 'x' and", "Expression expected at position 15 in 'name eq 'x' and'.");
    }

    @Test
    void trailing_word_is_a_syntax_error_after_it() {
        refused("name eq 'a' foo", "Syntax error at position 15 in 'name eq 'a' foo'.");
    }

    @Test
    void operators_are_case_sensitive() {
        refused("name EQ 'x'", "Syntax error at position 7 in 'name EQ 'x''.");
    }

    @Test
    void unclosed_parenthesis_and_function_call() {
        refused("(name eq 'a'", "')' or operator expected at position 12 in '(name eq 'a''.");
        refused("contains(name,'a'", "')' or ',' expected at position 17 in 'contains(name,'a''.");
    }

    @Test
    void invalid_character_is_named_with_its_position() {
        refused("name eq 'a' & x", "Syntax error: character '&' is not valid at position 12 in 'name eq 'a' & x'.");
    }

    @Test
    void decimal_point_without_digits() {
        refused("numberofemployees eq 1.", "A digit was expected at position 23 in 'numberofemployees eq 1.'.");
    }

    @Test
    void type_prefixed_literal_is_unrecognised_as_dataverse_reports_it() {
        refused("regardingobjectid_account/accountid eq guid'4dee45e3-fbad-eb11-8236-000d3ae8bdbd'",
                "Unrecognized 'Edm.String' literal 'guid'4dee45e3-fbad-eb11-8236-000d3ae8bdbd'' at '39' in "
                        + "'regardingobjectid_account/accountid eq guid'4dee45e3-fbad-eb11-8236-000d3ae8bdbd''.");
    }

    @Test
    void unknown_and_miscased_properties_are_not_found_on_the_entity_type() {
        refused("nam eq 'x'", "Could not find a property named 'nam' on type 'Microsoft.Dynamics.CRM.account'.");
        refused("Name eq 'x'", "Could not find a property named 'Name' on type 'Microsoft.Dynamics.CRM.account'.");
        refused("parentaccountid eq f2266eb4-226f-4cf1-b422-89c5f48b40cb",
                "Could not find a property named 'parentaccountid' on type 'Microsoft.Dynamics.CRM.account'.");
        refused("primarycontactid/fullname eq 'x'",
                "Could not find a property named 'primarycontactid' on type 'Microsoft.Dynamics.CRM.account'.");
    }

    @Test
    void syntax_errors_win_over_unknown_properties() {
        refused("nam eq 'x' foo", "Syntax error at position 14 in 'nam eq 'x' foo'.");
    }

    @Test
    void comparing_text_with_a_number_is_an_incompatible_type() {
        refused("name eq 5", "A binary operator with incompatible types was detected. Found operand types "
                + "'Edm.String' and 'Edm.Int32' for operator kind 'Equal'.");
        refused("numberofemployees gt 'x'", "A binary operator with incompatible types was detected. Found operand "
                + "types 'Edm.Int32' and 'Edm.String' for operator kind 'GreaterThan'.");
        refused("name eq f2266eb4-226f-4cf1-b422-89c5f48b40cb", "A binary operator with incompatible types was "
                + "detected. Found operand types 'Edm.String' and 'Edm.Guid' for operator kind 'Equal'.");
        refused("createdon gt '2024-01-01'", "A binary operator with incompatible types was detected. Found operand "
                + "types 'Edm.DateTimeOffset' and 'Edm.String' for operator kind 'GreaterThan'.");
    }

    @Test
    void quoted_text_that_is_no_guid_is_refused_for_a_lookup() {
        refused("_parentaccountid_value eq 'abc'",
                "Unrecognized 'Edm.Guid' literal ''abc'' at '26' in '_parentaccountid_value eq 'abc''.");
    }

    @Test
    void not_binds_tighter_than_eq_so_unparenthesised_not_fails_on_a_text_column() {
        refused("not name eq 'x'", "A unary operator with an incompatible type was detected. Found operand type "
                + "'Edm.String' for operator kind 'Not'.");
    }

    @Test
    void and_needs_boolean_operands() {
        refused("name and donotemail", "A binary operator with incompatible types was detected. Found operand types "
                + "'Edm.String' and 'Edm.Boolean' for operator kind 'And'.");
    }

    @Test
    void filter_that_is_not_a_condition() {
        refused("name", "The $filter expression must evaluate to a single boolean value.");
    }

    @Test
    void functions_dataverse_does_not_have_are_unknown() {
        refused("tolower(name) eq 'x'", "An unknown function with name 'tolower' was found. This may also be a "
                + "function import or a key lookup on a navigation property, which is not allowed.");
        refused("Microsoft.Dynamics.CRM.Sometimes(PropertyName='name')", "An unknown function with name "
                + "'Microsoft.Dynamics.CRM.Sometimes' was found. This may also be a function import or a key lookup "
                + "on a navigation property, which is not allowed.");
    }

    @Test
    void string_functions_need_text_arguments() {
        refused("contains(numberofemployees,'1')", "No function signature for the function with name 'contains' "
                + "matches the specified arguments. The function signatures considered are: "
                + "contains(Edm.String Nullable=true, Edm.String Nullable=true).");
    }

    @Test
    void dataverse_functions_want_the_logical_name_not_the_lookup_property() {
        refusal("Microsoft.Dynamics.CRM.In(PropertyName='_parentaccountid_value',PropertyValues=['x'])")
                .hasMessage("'account' entity doesn't contain attribute with Name = '_parentaccountid_value' and "
                        + "NameMapping = 'Logical'.")
                .extracting(e -> ((ODataQueryException) e).code()).isEqualTo("0x80041103");
    }

    @Test
    void dataverse_function_with_wrong_parameters() {
        refused("Microsoft.Dynamics.CRM.In(PropertyName='name')",
                "Could not find a function named 'Microsoft.Dynamics.CRM.In' with parameters 'PropertyName'.");
    }

    @Test
    void single_quotes_inside_single_quoted_array_values_are_invalid_json() {
        refused("Microsoft.Dynamics.CRM.In(PropertyName='lastname',PropertyValues=['OBrian','OBryan','O'Brian','O'Bryan'])",
                "Invalid JSON. A comma character ',' was expected in scope 'Array'. Every two elements in an array "
                        + "and properties of an object must be separated by commas.");
    }

    @Test
    void array_value_of_the_wrong_type_names_the_attribute() {
        refusal("Microsoft.Dynamics.CRM.In(PropertyName='numberofemployees',PropertyValues=['ten'])")
                .hasMessage("Condition for attribute 'account.numberofemployees': expected argument(s) of type "
                        + "'System.Int32' but received 'System.String'.");
    }

    @Test
    void more_than_500_conditions_are_refused() {
        String filter = String.join(" or ", Collections.nCopies(501, "name eq 'x'"));
        refusal(filter).hasMessage("Number of conditions in query exceeded maximum limit.")
                .extracting(e -> ((ODataQueryException) e).code()).isEqualTo("0x8004430C");
        ODataFilter.parse(String.join(" or ", Collections.nCopies(500, "name eq 'x'")), TestTables.account());
    }

    @Test
    void deeply_nested_parentheses_stop_at_the_recursion_limit() {
        String deep = "(".repeat(5000) + "name eq 'x'" + ")".repeat(5000);
        refused(deep, "Recursion depth exceeded allowed limit.");
        String fine = "(".repeat(50) + "name eq 'x'" + ")".repeat(50);
        ODataFilter.parse(fine, TestTables.account());
        refused("not ".repeat(5000) + "donotemail", "Recursion depth exceeded allowed limit.");
    }
}
