package io.dvbridge.dataverse;

import io.dvbridge.http.UriText;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterParametersTest {

    @Test
    void a_quote_inside_a_string_value_is_doubled() {
        assertThat(FilterParameters.substitute("lastname eq @name", Map.of("name", "O'Bryan"), Set.of()))
                .isEqualTo("lastname eq 'O''Bryan'");
    }

    @Test
    void a_value_trying_to_close_the_literal_and_add_a_clause_stays_inside_the_literal() {
        assertThat(FilterParameters.substitute("name eq @n", Map.of("n", "x' or 1 eq 1 or name eq '"), Set.of()))
                .isEqualTo("name eq 'x'' or 1 eq 1 or name eq '''");
    }

    @Test
    void uuid_values_are_written_as_unquoted_guids() {
        UUID id = UUID.fromString("09c168be-efe2-4f08-a986-3aab7095c863");
        assertThat(FilterParameters.substitute("_msdyn_featureid_value eq @feature", Map.of("feature", id), Set.of()))
                .isEqualTo("_msdyn_featureid_value eq 09c168be-efe2-4f08-a986-3aab7095c863");
    }

    @Test
    void string_values_of_guid_parameters_are_checked_and_written_unquoted() {
        assertThat(FilterParameters.substitute("x eq @id", Map.of("id", "{09C168BE-EFE2-4F08-A986-3AAB7095C863}"), Set.of("id")))
                .isEqualTo("x eq 09c168be-efe2-4f08-a986-3aab7095c863");
        assertThatThrownBy(() -> FilterParameters.substitute("x eq @id", Map.of("id", "1 or true"), Set.of("id")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@id").hasMessageContaining("Not a GUID");
    }

    @Test
    void null_numbers_booleans_and_instants_take_their_odata_forms() {
        Map<String, Object> values = new HashMap<>();
        values.put("none", null);
        values.put("count", 42);
        values.put("amount", new BigDecimal("1234.50"));
        values.put("flag", true);
        values.put("since", Instant.parse("2024-06-15T14:30:00Z"));
        values.put("until", OffsetDateTime.of(2024, 6, 16, 8, 0, 0, 0, ZoneOffset.ofHours(2)));

        String filter = FilterParameters.substitute(
                "a eq @none and b gt @count and c eq @amount and d eq @flag and modifiedon ge @since and modifiedon lt @until",
                values, Set.of());

        assertThat(filter).isEqualTo("a eq null and b gt 42 and c eq 1234.50 and d eq true"
                + " and modifiedon ge 2024-06-15T14:30:00Z and modifiedon lt 2024-06-16T08:00:00+02:00");
    }

    @Test
    void a_collection_becomes_the_double_quoted_array_the_in_function_takes_with_quotes_and_brackets_escaped() {
        assertThat(FilterParameters.substitute(
                "Microsoft.Dynamics.CRM.In(PropertyName='lastname',PropertyValues=@names)",
                Map.of("names", List.of("O'Bryan", "Say \"hi\"", "Sales [EU]")), Set.of()))
                .isEqualTo("Microsoft.Dynamics.CRM.In(PropertyName='lastname',PropertyValues=[\"O\\u0027Bryan\",\"Say \\\"hi\\\"\","
                        + "\"Sales \\u005bEU\\u005d\"])");
    }

    @Test
    void an_at_sign_inside_a_string_literal_is_not_a_parameter() {
        assertThat(FilterParameters.substitute("emailaddress1 eq 'a@example.com' and name eq @n", Map.of("n", "it''s"), Set.of()))
                .isEqualTo("emailaddress1 eq 'a@example.com' and name eq 'it''''s'");
    }

    @Test
    void a_parameter_without_a_value_is_named_in_the_error() {
        assertThatThrownBy(() -> FilterParameters.substitute("name eq @nmae", Map.of("name", "x"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@nmae").hasMessageContaining("name");
    }

    @Test
    void values_of_unknown_types_are_refused_rather_than_written_with_to_string() {
        assertThatThrownBy(() -> FilterParameters.substitute("x eq @v", Map.of("v", new Object()), Set.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@v");
    }

    @Test
    void the_substituted_filter_is_percent_encoded_with_spaces_as_percent_20() {
        String filter = FilterParameters.substitute("lastname eq @name", Map.of("name", "O'Bryan & Co+"), Set.of());
        assertThat(UriText.queryValue(filter)).isEqualTo("lastname%20eq%20%27O%27%27Bryan%20%26%20Co%2B%27");
    }

    @Test
    void alternate_key_values_are_literals_inside_an_encoded_path_segment() {
        assertThat(EntityKey.from(Map.of("accountnumber", "A/1 #2")).pathSegment())
                .isEqualTo("(accountnumber='A%2F1%20%232')");
    }
}
