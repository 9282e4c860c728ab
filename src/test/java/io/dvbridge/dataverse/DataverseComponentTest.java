package io.dvbridge.dataverse;

import io.dvbridge.http.FakeEnvironments;
import io.dvbridge.http.FakeHttpsServer;
import io.dvbridge.http.FakeHttpsServer.Recorded;
import io.dvbridge.http.FakeHttpsServer.Reply;
import io.dvbridge.http.RecordingTokenSource;
import io.dvbridge.powerbi.PowerBiConstants;
import io.dvbridge.powerbi.PowerBiReport;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.mock.MockEndpoint;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.dvbridge.http.FakeEnvironments.API_PATH;
import static io.dvbridge.http.FakeEnvironments.POWER_BI_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The components as a Camel user meets them: found through META-INF/services, configured by URI only. */
class DataverseComponentTest {

    private final FakeHttpsServer server = new FakeHttpsServer();
    private final CamelContext camel = new DefaultCamelContext();

    DataverseComponentTest() {
        camel.getRegistry().bind("environments", new FakeEnvironments(server, new RecordingTokenSource()));
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.close();
    }

    @Test
    void a_yaml_route_queries_page_by_page_with_a_streaming_split_and_filter_parameters() throws Exception {
        server.respond(r -> r.rawUri().contains("skiptoken")
                ? Reply.json(200, "{\"value\":[{\"name\":\"C\"}]}")
                : Reply.json(200, "{\"value\":[{\"name\":\"A\"},{\"name\":\"B\"}],\"@odata.nextLink\":\""
                + server.origin() + API_PATH + "contacts?$skiptoken=2\"}"));
        String yaml = """
                - route:
                    from:
                      uri: direct:start
                      steps:
                        - to: "dataverse:query/contacts?environment=test&select=name&filter=lastname eq @last&parameters.last=O'Bryan&pageSize=2"
                        - split:
                            simple: "${body}"
                            streaming: true
                            steps:
                              - to: mock:page
                """;
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("query.camel.yaml", yaml));
        camel.start();
        MockEndpoint pages = camel.getEndpoint("mock:page", MockEndpoint.class);
        pages.expectedMessageCount(2);

        camel.createProducerTemplate().sendBody("direct:start", null);

        pages.assertIsSatisfied();
        assertThat(pages.getExchanges().get(0).getMessage().getBody(List.class)).hasSize(2);
        assertThat(pages.getExchanges().get(1).getMessage().getBody(List.class)).hasSize(1);
        Recorded first = server.requests().get(0);
        assertThat(first.rawUri()).isEqualTo(API_PATH + "contacts?$select=name&$filter=lastname%20eq%20%27O%27%27Bryan%27");
        assertThat(first.header("Prefer")).contains("odata.maxpagesize=2");
    }

    @Test
    void a_java_route_takes_typed_filter_values_from_the_parameters_header_and_returns_a_list() throws Exception {
        server.respond(r -> Reply.json(200, "{\"value\":[{\"name\":\"A\"}]}"));
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:reports").to("dataverse:query/msdyn_dataanalyticsreports?environment=test&outputMode=list"
                        + "&filter=_msdyn_datainsightsandanalyticsfeatureid_value eq @feature and msdyn_isenabled eq @enabled");
            }
        });
        camel.start();
        UUID feature = UUID.fromString("f2266eb4-226f-4cf1-b422-89c5f48b40cb");

        Object body = camel.createProducerTemplate().requestBodyAndHeader("direct:reports", null,
                DataverseConstants.PARAMETERS, Map.of("feature", feature, "enabled", true));

        assertThat(body).isEqualTo(List.of(Map.of("name", "A")));
        assertThat(server.requests().get(0).rawUri()).endsWith("$filter=_msdyn_datainsightsandanalyticsfeatureid_value%20eq%20"
                + feature + "%20and%20msdyn_isenabled%20eq%20true");
    }

    @Test
    void update_takes_row_and_etag_from_headers_and_reports_failures_as_dataverse_exception() throws Exception {
        server.respond(r -> Reply.json(412, "{\"error\":{\"code\":\"0x80060882\",\"message\":\"version mismatch\"}}"));
        camel.start();
        UUID id = UUID.randomUUID();
        ProducerTemplate template = camel.createProducerTemplate();

        Exchange exchange = template.request("dataverse:update/accounts?environment=test", e -> {
            e.getMessage().setBody(Map.of("name", "Changed"));
            e.getMessage().setHeader(DataverseConstants.ID, id.toString());
            e.getMessage().setHeader(DataverseConstants.IF_MATCH, "W/\"5\"");
        });

        assertThat(exchange.getException()).isInstanceOfSatisfying(DataverseException.class, e -> {
            assertThat(e.status()).isEqualTo(412);
            assertThat(e.errorCode()).isEqualTo("0x80060882");
        });
        Recorded request = server.requests().get(0);
        assertThat(request.rawPath()).isEqualTo(API_PATH + "accounts(" + id + ")");
        assertThat(request.header("If-Match")).contains("W/\"5\"");
    }

    @Test
    void create_puts_the_new_id_in_the_body_and_header() throws Exception {
        UUID created = UUID.randomUUID();
        server.respond(r -> Reply.status(204).withHeader("OData-EntityId", server.origin() + API_PATH + "accounts(" + created + ")"));
        camel.start();

        Exchange exchange = camel.createProducerTemplate().request("dataverse:create/accounts?environment=test",
                e -> e.getMessage().setBody("{\"name\":\"Contoso\"}"));

        assertThat(exchange.getException()).isNull();
        assertThat(exchange.getMessage().getBody()).isEqualTo(created.toString());
        assertThat(exchange.getMessage().getHeader(DataverseConstants.ID)).isEqualTo(created.toString());
    }

    @Test
    void retry_options_take_camel_durations_and_unknown_options_are_rejected() {
        camel.start();
        DataverseEndpoint endpoint = camel.getEndpoint(
                "dataverse:query/accounts?environment=test&initialBackoff=250ms&maxRetryAfter=2m&maxRetries=2", DataverseEndpoint.class);

        assertThat(endpoint.getConfiguration().toPolicy().initialBackoff()).hasMillis(250);
        assertThat(endpoint.getConfiguration().toPolicy().maxRetryAfter()).hasSeconds(120);
        assertThat(endpoint.getConfiguration().toPolicy().maxRetries()).isEqualTo(2);
        assertThatThrownBy(() -> camel.getEndpoint("dataverse:query/accounts?environment=test&rowsPerPage=10"))
                .hasMessageContaining("rowsPerPage");
    }

    @Test
    void an_unknown_environment_stops_the_route_from_starting() throws Exception {
        camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:x").to("dataverse:query/accounts?environment=prod");
            }
        });

        assertThatThrownBy(camel::start).hasStackTraceContaining("No environment named 'prod'");
    }

    @Test
    void powerbi_reports_take_the_workspace_from_the_header() throws Exception {
        String workspace = "5b218778-e7a5-4d73-8187-f10824047715";
        server.respond(r -> Reply.json(200, "{\"value\":[{\"id\":\"r1\",\"name\":\"Sales\",\"reportType\":\"PaginatedReport\"}]}"));
        camel.start();

        Object body = camel.createProducerTemplate().requestBodyAndHeader("powerbi:reports?environment=test", null,
                PowerBiConstants.WORKSPACE_ID, workspace);

        assertThat(body).asList().singleElement().isInstanceOfSatisfying(PowerBiReport.class,
                r -> assertThat(r.datasetId()).isEmpty());
        assertThat(server.requests().get(0).rawUri()).isEqualTo(POWER_BI_PATH + "groups/" + workspace + "/reports");
    }
}
