package io.dvbridge.dataverse;

import io.dvbridge.http.UriText;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class KeySetFilterTest {

    private static final Function<DataverseQuery, URI> URL = q -> URI.create("https://org.example/api/data/v9.2/"
            + q.entitySet() + "?$filter=" + UriText.queryValue(q.filter().orElse("")));

    @Test
    void each_query_holds_as_many_values_as_fit_the_url_and_together_they_hold_each_value_once_in_order() {
        List<Object> values = new ArrayList<>(IntStream.range(0, 300).mapToObj(i -> "name " + i).toList());
        values.add("name 7");
        int max = 2_000;

        List<DataverseQuery> queries = new KeySetFilter("name", values).queries(DataverseQuery.of("accounts"), max, URL);

        assertThat(queries).hasSizeGreaterThan(1);
        List<String> sent = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            DataverseQuery query = queries.get(i);
            assertThat(URL.apply(query).toString().length()).isLessThanOrEqualTo(max);
            List<String> slice = valuesOf(query);
            if (i + 1 < queries.size()) {
                String nextValue = valuesOf(queries.get(i + 1)).get(0);
                assertThat(URL.apply(withOneMore(query, nextValue)).toString().length()).as("query %d is full", i).isGreaterThan(max);
            }
            sent.addAll(slice);
        }
        assertThat(sent).containsExactlyElementsOf(IntStream.range(0, 300).mapToObj(i -> "name " + i).toList());
    }

    @Test
    void the_routes_own_filter_is_kept_in_parentheses_beside_the_key_set() {
        DataverseQuery query = DataverseQuery.of("accounts").withFilter("statecode eq 0 or statecode eq 1");

        List<DataverseQuery> queries = new KeySetFilter("_parentaccountid_value", List.of(42)).queries(query, 32_768, URL);

        assertThat(queries).singleElement().extracting(q -> q.filter().orElseThrow()).isEqualTo(
                "(statecode eq 0 or statecode eq 1) and Microsoft.Dynamics.CRM.In(PropertyName='parentaccountid',PropertyValues=[\"42\"])");
    }

    private static List<String> valuesOf(DataverseQuery query) {
        String filter = query.filter().orElseThrow();
        String list = filter.substring(filter.indexOf('[') + 1, filter.lastIndexOf(']'));
        return List.of(list.substring(1, list.length() - 1).split("\",\""));
    }

    private static DataverseQuery withOneMore(DataverseQuery query, String value) {
        String filter = query.filter().orElseThrow();
        return query.withFilter(filter.substring(0, filter.lastIndexOf(']')) + ",\"" + value + "\"])");
    }
}
