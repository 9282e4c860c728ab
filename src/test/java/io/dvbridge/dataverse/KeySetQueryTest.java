package io.dvbridge.dataverse;

import io.dvbridge.http.FakeEnvironments;
import io.dvbridge.http.FakeHttpsServer;
import io.dvbridge.http.FakeHttpsServer.Recorded;
import io.dvbridge.http.FakeHttpsServer.Reply;
import io.dvbridge.http.RecordingTokenSource;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Column X is one of these values" said with an option and a header; the component writes and splits the filter. */
class KeySetQueryTest {

    private final FakeHttpsServer server = new FakeHttpsServer();
    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate template;

    KeySetQueryTest() {
        camel.getRegistry().bind("environments", new FakeEnvironments(server, new RecordingTokenSource()));
        camel.start();
        template = camel.createProducerTemplate();
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.close();
    }

    @Test
    void the_component_writes_the_in_condition_with_every_value_escaped_and_adds_it_to_the_filter() {
        server.respond(r -> Reply.json(200, "{\"value\":[{\"lastname\":\"O'Bryan\"}]}"));

        Object body = template.requestBodyAndHeaders("dataverse:query/contacts?environment=test&outputMode=list"
                        + "&filter=statecode eq @state&parameters.state=0&keySetColumn=lastname", null,
                Map.of(DataverseConstants.KEY_SET, List.of("O'Bryan", "Say \"hi\"", "Smith")));

        assertThat(body).isEqualTo(List.of(Map.of("lastname", "O'Bryan")));
        assertThat(filterOf(server.requests().get(0))).isEqualTo("(statecode eq '0') and "
                + "Microsoft.Dynamics.CRM.In(PropertyName='lastname',PropertyValues=[\"O\\u0027Bryan\",\"Say \\\"hi\\\"\",\"Smith\"])");
    }

    @Test
    void a_lookup_is_named_by_its_logical_name_and_the_column_header_overrides_the_option() {
        server.respond(r -> Reply.json(200, "{\"value\":[]}"));
        UUID parent = UUID.fromString("5b218778-e7a5-4d73-8187-f10824047715");

        template.requestBodyAndHeaders("dataverse:query/accounts?environment=test&outputMode=list&keySetColumn=name", null,
                Map.of(DataverseConstants.KEY_SET, List.of(parent), DataverseConstants.KEY_SET_COLUMN, "_parentaccountid_value"));

        assertThat(filterOf(server.requests().get(0)))
                .isEqualTo("Microsoft.Dynamics.CRM.In(PropertyName='parentaccountid',PropertyValues=[\"" + parent + "\"])");
    }

    @Test
    void a_set_too_long_for_one_url_is_sent_as_several_queries_whose_rows_come_back_as_one_result() {
        AtomicInteger request = new AtomicInteger();
        server.respond(r -> Reply.json(200, "{\"value\":[{\"n\":" + request.incrementAndGet() + "}]}"));
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> UUID.nameUUIDFromBytes(new byte[]{(byte) i}).toString()).toList();

        Object body = template.requestBodyAndHeader("dataverse:query/accounts?environment=test&outputMode=list"
                + "&keySetColumn=accountid&keySetMaxUrlLength=1000", null, DataverseConstants.KEY_SET, ids);

        List<Recorded> requests = server.requests();
        assertThat(requests).hasSizeGreaterThan(1);
        assertThat(requests).allSatisfy(r -> assertThat((server.origin() + r.rawUri()).length())
                .isLessThanOrEqualTo(1000));
        List<String> sent = new ArrayList<>();
        requests.forEach(r -> sent.addAll(valuesIn(filterOf(r))));
        assertThat(sent).containsExactlyElementsOf(ids);
        assertThat(body).asList().hasSize(requests.size());
    }

    @Test
    void max_rows_limits_the_rows_of_all_the_queries_together() {
        server.respond(r -> Reply.json(200, "{\"value\":[{\"n\":1},{\"n\":2},{\"n\":3}]}"));
        List<String> ids = IntStream.range(0, 40).mapToObj(i -> UUID.nameUUIDFromBytes(new byte[]{(byte) i}).toString()).toList();

        Object body = template.requestBodyAndHeader("dataverse:query/accounts?environment=test&outputMode=list&maxRows=4"
                + "&keySetColumn=accountid&keySetMaxUrlLength=1000", null, DataverseConstants.KEY_SET, ids);

        assertThat(body).asList().hasSize(4);
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void an_empty_set_matches_no_row_without_asking_dataverse() {
        Object body = template.requestBodyAndHeader("dataverse:query/accounts?environment=test&outputMode=list&keySetColumn=name",
                null, DataverseConstants.KEY_SET, List.of());

        assertThat(body).asList().isEmpty();
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void values_without_a_column_and_a_column_without_values_are_refused_before_any_request() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("dataverse:query/accounts?environment=test&outputMode=list",
                null, DataverseConstants.KEY_SET, List.of("a")))
                .isInstanceOf(CamelExecutionException.class).cause()
                .hasMessageContaining("keySetColumn").hasMessageContaining(DataverseConstants.KEY_SET_COLUMN);
        assertThatThrownBy(() -> template.requestBody("dataverse:query/accounts?environment=test&keySetColumn=name", (Object) null))
                .cause().hasMessageContaining("needs a Collection of values in header " + DataverseConstants.KEY_SET);
        Map<String, Object> withNull = new HashMap<>();
        withNull.put(DataverseConstants.KEY_SET, java.util.Arrays.asList("a", null));
        assertThatThrownBy(() -> template.requestBodyAndHeaders("dataverse:query/accounts?environment=test&keySetColumn=name",
                null, withNull))
                .cause().hasMessageContaining(DataverseConstants.KEY_SET + " value 1");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void no_column_and_an_empty_set_is_a_plain_query_so_one_endpoint_serves_filter_and_key_set_queries() {
        server.respond(r -> Reply.json(200, "{\"value\":[{\"name\":\"A\"}]}"));

        Object body = template.requestBodyAndHeaders("dataverse:query/accounts?environment=test&outputMode=list", null,
                Map.of(DataverseConstants.KEY_SET, List.of(), DataverseConstants.KEY_SET_COLUMN, ""));

        assertThat(body).asList().hasSize(1);
        assertThat(server.requests().get(0).rawUri()).doesNotContain("$filter");
    }

    @Test
    void a_value_too_long_for_any_url_is_refused_naming_the_limit() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("dataverse:query/accounts?environment=test&keySetColumn=name"
                + "&keySetMaxUrlLength=500", null, DataverseConstants.KEY_SET, List.of("x".repeat(600))))
                .cause().hasMessage("A CamelDataverseKeySet value of 602 characters makes the query URL longer than 500 characters");
        assertThatThrownBy(() -> template.requestBodyAndHeader("dataverse:query/accounts?environment=test&keySetColumn=name"
                + "&keySetMaxUrlLength=40000", null, DataverseConstants.KEY_SET, List.of("x")))
                .cause().hasMessageContaining("over Dataverse's URL limit of 32768");
        assertThat(server.requests()).isEmpty();
    }

    private static String filterOf(Recorded request) {
        String query = request.rawUri().substring(request.rawUri().indexOf('?') + 1);
        for (String option : query.split("&")) {
            if (option.startsWith("$filter=")) {
                return URLDecoder.decode(option.substring("$filter=".length()), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("no $filter in " + request.rawUri());
    }

    private static List<String> valuesIn(String filter) {
        String list = filter.substring(filter.indexOf("PropertyValues=[") + "PropertyValues=[".length(), filter.lastIndexOf(']'));
        return java.util.Arrays.stream(list.split(",")).map(v -> v.substring(1, v.length() - 1)).toList();
    }
}
