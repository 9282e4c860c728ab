package io.dvbridge.dataverse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.http.FakeEnvironments;
import io.dvbridge.http.FakeHttpsServer;
import io.dvbridge.http.FakeHttpsServer.Recorded;
import io.dvbridge.http.FakeHttpsServer.Reply;
import io.dvbridge.http.RecordingTokenSource;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a bulk request looks like on the wire: the message URL, the Targets, the key placement and the bypass headers. */
class BulkRequestShapeTest {

    private final FakeHttpsServer server = new FakeHttpsServer();
    private final CamelContext camel = new DefaultCamelContext();

    BulkRequestShapeTest() {
        camel.getRegistry().bind("environments", new FakeEnvironments(server, new RecordingTokenSource()));
        server.respond(r -> {
            if (r.rawPath().contains("EntityDefinitions")) {
                return Reply.json(200, "{\"LogicalName\":\"dvb_customer\",\"EntitySetName\":\"dvb_customers\","
                        + "\"PrimaryIdAttribute\":\"dvb_customerid\",\"TableType\":\"Standard\"}");
            }
            if (r.rawPath().endsWith("sdkmessagefilters")) {
                return Reply.json(200, "{\"value\":[{\"sdkmessagefilterid\":\"00000000-0000-0000-0000-000000000001\"}]}");
            }
            return Reply.status(204);
        });
    }

    @AfterEach
    void stop() {
        camel.stop();
        server.close();
    }

    private Recorded upsertRequest() {
        return server.requests().stream().filter(r -> r.method().equals("POST")).findFirst().orElseThrow();
    }

    @Test
    void upsert_multiple_puts_an_alternate_key_in_odata_id_and_sends_the_bypass_headers_asked_for() throws Exception {
        camel.start();
        List<BulkRow> rows = List.of(new BulkRow(1, Map.of("dvb_number", "O'Neil 1"), Map.of("dvb_points", 5)),
                new BulkRow(2, Map.of("dvb_customerid", "c0000000-0000-4000-8000-000000000002"), Map.of("dvb_points", 6)));

        List<?> results = camel.createProducerTemplate().requestBody("dataverse:upsertMultiple/dvb_customer?environment=test"
                + "&bypassBusinessLogic=CustomSync,CustomAsync&suppressFlows=true", rows, List.class);

        assertThat(results).hasSize(2).allMatch(r -> ((BulkRowResult) r).written());
        Recorded post = upsertRequest();
        assertThat(post.rawPath()).endsWith("/dvb_customers/Microsoft.Dynamics.CRM.UpsertMultiple");
        assertThat(post.header("MSCRM.BypassBusinessLogicExecution")).contains("CustomSync,CustomAsync");
        assertThat(post.header("MSCRM.SuppressCallbackRegistrationExpanderJob")).contains("true");
        JsonNode targets = new ObjectMapper().readTree(post.body()).path("Targets");
        assertThat(targets.get(0).path("@odata.type").asText()).isEqualTo("Microsoft.Dynamics.CRM.dvb_customer");
        assertThat(targets.get(0).path("@odata.id").asText()).isEqualTo("dvb_customers(dvb_number='O''Neil 1')");
        assertThat(targets.get(0).has("dvb_number")).isFalse();
        assertThat(targets.get(1).path("dvb_customerid").asText()).isEqualTo("c0000000-0000-4000-8000-000000000002");
        assertThat(results.get(1)).extracting(r -> ((BulkRowResult) r).id()).isEqualTo(java.util.Optional.of(
                "c0000000-0000-4000-8000-000000000002"));
    }

    @Test
    void an_unknown_bypass_value_is_refused_before_anything_is_written() {
        camel.start();

        assertThatThrownBy(() -> camel.createProducerTemplate().requestBody("dataverse:createMultiple/dvb_customer?environment=test"
                + "&bypassBusinessLogic=Everything", List.of(new BulkRow(1, Map.of(), Map.of("dvb_points", 1)))))
                .hasRootCauseMessage("bypassBusinessLogic takes CustomSync, CustomAsync or both, not 'Everything'");
        assertThat(server.requests()).noneMatch(r -> r.method().equals("POST"));
    }
}
