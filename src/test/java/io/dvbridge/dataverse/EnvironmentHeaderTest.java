package io.dvbridge.dataverse;

import io.dvbridge.http.FakeEnvironments;
import io.dvbridge.http.FakeHttpsServer;
import io.dvbridge.http.FakeHttpsServer.Reply;
import io.dvbridge.http.RecordingTokenSource;
import io.dvbridge.powerbi.PipelineArtifact;
import io.dvbridge.powerbi.PowerBiConstants;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.Main;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.dvbridge.http.FakeEnvironments.API_PATH;
import static io.dvbridge.http.FakeEnvironments.POWER_BI_PATH;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Static endpoints: the environment and the request's ids travel in Camel-prefixed headers; defaults live on the component. */
class EnvironmentHeaderTest {

    private final FakeHttpsServer server = new FakeHttpsServer();
    private final CamelContext camel = new DefaultCamelContext();
    private final ProducerTemplate template;

    EnvironmentHeaderTest() {
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
    void an_endpoint_without_an_environment_calls_the_one_the_header_names() {
        server.respond(r -> Reply.json(200, "{\"value\":[{\"name\":\"A\"}]}"));

        Object body = template.requestBodyAndHeader("dataverse:query/accounts?outputMode=list", null,
                DataverseConstants.ENVIRONMENT, "test");

        assertThat(body).asList().hasSize(1);
        assertThat(server.requests().get(0).rawUri()).isEqualTo(API_PATH + "accounts");
    }

    @Test
    void a_header_naming_no_configured_environment_fails_naming_it_and_the_configured_ones() {
        assertThatThrownBy(() -> template.requestBodyAndHeader("dataverse:query/accounts", null,
                DataverseConstants.ENVIRONMENT, "https://evil.example.com"))
                .cause().hasMessage("No environment named 'https://evil.example.com' is configured (configured: test)");
        assertThatThrownBy(() -> template.requestBodyAndHeader("powerbi:groups", null, PowerBiConstants.ENVIRONMENT, "prod"))
                .cause().hasMessage("No environment named 'prod' is configured (configured: test)");
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void without_header_or_option_the_message_is_refused_naming_both() {
        assertThatThrownBy(() -> template.requestBody("dataverse:metadata/account", (Object) null))
                .cause().hasMessage("dataverse:metadata needs an environment: header CamelDataverseEnvironment or option environment");
        assertThatThrownBy(() -> template.requestBody("powerbi:groups", (Object) null))
                .cause().hasMessage("powerbi:groups needs an environment: header CamelPowerBiEnvironment or option environment");
    }

    @Test
    void component_options_from_camel_main_properties_are_every_endpoints_defaults_until_its_uri_says_otherwise() throws Exception {
        server.respond(r -> Reply.json(200, "{\"value\":[]}"));
        Main main = new Main();
        main.bind("environments", new FakeEnvironments(server, new RecordingTokenSource()));
        main.addInitialProperty("camel.component.dataverse.environment", "test");
        main.addInitialProperty("camel.component.dataverse.page-size", "20");
        main.start();
        try {
            ProducerTemplate mainTemplate = main.getCamelContext().createProducerTemplate();
            mainTemplate.requestBody("dataverse:query/accounts?outputMode=list", (Object) null);
            mainTemplate.requestBody("dataverse:query/contacts?outputMode=list&pageSize=30", (Object) null);
            mainTemplate.requestBody("dataverse:query/leads?outputMode=list", (Object) null);
        } finally {
            main.stop();
        }

        assertThat(server.requests().get(0).header("Prefer")).contains("odata.maxpagesize=20");
        assertThat(server.requests().get(1).header("Prefer")).contains("odata.maxpagesize=30");
        assertThat(server.requests().get(2).header("Prefer")).as("an endpoint's option stays its own")
                .contains("odata.maxpagesize=20");
    }

    @Test
    void pipeline_artifacts_take_pipeline_and_stage_from_headers() {
        String pipeline = "8ce96c50-85a0-4db3-85c6-7b57b3f8b5d2";
        server.respond(r -> Reply.json(200, "{\"datasets\":[],\"reports\":[],\"dashboards\":[],\"dataflows\":[]}"));

        Object body = template.requestBodyAndHeaders("powerbi:pipelineArtifacts", null, Map.of(PowerBiConstants.ENVIRONMENT, "test",
                PowerBiConstants.PIPELINE_ID, pipeline, PowerBiConstants.STAGE_ORDER, "2"));

        assertThat(body).asList().allMatch(PipelineArtifact.class::isInstance);
        assertThat(server.requests().get(0).rawUri()).isEqualTo(POWER_BI_PATH + "pipelines/" + pipeline + "/stages/2/artifacts");
    }
}
