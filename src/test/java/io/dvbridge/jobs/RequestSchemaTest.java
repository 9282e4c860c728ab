package io.dvbridge.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import io.dvbridge.rebind.FeatureSelection;
import io.dvbridge.rebind.WriteMode;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A request means the same from every trigger: one schema reads JSON and text, strictly, naming the field at fault. */
class RequestSchemaTest {

    private final RequestSchema<RebindRequest> rebind = RequestSchema.of(RebindRequest.class);
    private final RequestSchema<DataImportRequest> dataImport = RequestSchema.of(DataImportRequest.class);

    @Test
    void json_with_defaults_reads_as_the_cli_would() {
        RebindRequest request = rebind.fromJson("{\"environment\":\"contoso-prod\",\"dryRun\":true,\"rowByRow\":true}");
        assertThat(request).isEqualTo(RebindRequest.of("contoso-prod").withDryRun(true).withMode(WriteMode.ROW_BY_ROW));
        assertThat(rebind.fromText(Map.of("environment", "contoso-prod", "dryRun", "true", "rowByRow", "true"))).isEqualTo(request);
        assertThat(request.feature()).isEqualTo(FeatureSelection.ALL);
    }

    @Test
    void a_duplicated_key_is_refused_so_a_proxy_and_the_job_never_read_different_requests() {
        assertThatThrownBy(() -> rebind.fromJson("{\"environment\":\"contoso-prod\",\"dryRun\":true,\"dryRun\":false}"))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> {
                    assertThat(e.field()).isEqualTo("dryRun");
                    assertThat(e.getMessage()).contains("appears twice");
                });
    }

    @Test
    void unknown_fields_wrong_types_and_out_of_range_values_name_the_field() {
        assertRefused("{\"environment\":\"p\",\"dryrun\":true}", "dryrun", "Unknown field");
        assertRefused("{\"environment\":\"p\",\"dryRun\":\"yes\"}", "dryRun", "true or false");
        assertRefused("{\"environment\":\"p\",\"dryRun\":1}", "dryRun", "true or false");
        assertRefused("{\"environment\":\"p\",\"stageOrder\":-5,\"pipelineId\":\"15e0e09f-8678-5627-bebe-85363591dec9\"}", "stageOrder", "between 0 and 2");
        assertRefused("{\"environment\":\"p\",\"stageOrder\":1.5,\"pipelineId\":\"15e0e09f-8678-5627-bebe-85363591dec9\"}", "stageOrder", "whole number");
        assertRefused("{\"environment\":\"p\",\"pipelineId\":\"not-a-guid\",\"stageOrder\":1}", "pipelineId", "a GUID");
        assertRefused("{\"environment\":\"p\",\"undoRunId\":\"../../etc/passwd\"}", "undoRunId", "a run id");
        assertRefused("{\"environment\":\"p\",\"feature\":\"weekly\"}", "feature", "historical");
        assertRefused("{\"environment\":\"p\",\"workspaceIds\":\"a\"}", "workspaceIds", "list");
        assertRefused("{\"dryRun\":true}", "environment", "required");
        assertRefused("{\"environment\":\"p\",\"pipelineId\":\"15e0e09f-8678-5627-bebe-85363591dec9\"}", "stageOrder", "stage");
    }

    @Test
    void a_body_that_is_not_one_json_object_is_refused_without_echoing_it() {
        assertRefused("", "", "empty");
        assertRefused("[1,2]", "", "JSON object");
        assertRefused("{\"environment\":\"secret-looking-value\"", "", "not valid JSON");
        assertRefused("{\"environment\":\"p\"} {\"environment\":\"q\"}", "", "not valid JSON");
        assertThatThrownBy(() -> rebind.fromJson("{\"environment\":\"secret-looking-value\""))
                .hasMessageNotContaining("secret-looking-value");
    }

    @Test
    void numbers_from_text_are_range_checked_like_json_numbers() {
        assertThatThrownBy(() -> dataImport.fromText(Map.of("environment", "p", "data", "d.zip", "connections", "99")))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("connections"));
        DataImportRequest request = dataImport.fromText(Map.of("environment", "p", "data", "d.zip", "resultsFile", "r.jsonl"));
        assertThat(request.connections()).isEqualTo(4);
        assertThat(request.resultsFile()).contains(Path.of("r.jsonl"));
        assertThat(dataImport.fromText(Map.of("environment", "p", "data", "d.zip")).resultsFile()).isEmpty();
    }

    @Test
    void the_json_schema_says_what_each_field_takes() {
        JsonNode schema = rebind.jsonSchema();
        assertThat(schema.get("additionalProperties").asBoolean()).isFalse();
        assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("environment");
        assertThat(schema.at("/properties/stageOrder/minimum").asInt()).isZero();
        assertThat(schema.at("/properties/stageOrder/maximum").asInt()).isEqualTo(2);
        assertThat(schema.at("/properties/feature/enum")).extracting(JsonNode::asText).containsExactly("historical", "realtime", "all");
        assertThat(schema.at("/properties/feature/default").asText()).isEqualTo("all");
        assertThat(schema.at("/properties/environment/x-dvbridge-kind").asText()).isEqualTo("writes-environment");
        assertThat(schema.at("/properties/workspaceIds/type").asText()).isEqualTo("array");
    }

    @Test
    void every_job_declares_every_field_with_a_description_and_its_cli_names_are_unique() {
        for (JobDefinition<?> job : JobCatalog.standard().all()) {
            List<String> names = job.schema().fields().stream().flatMap(f -> f.cliNames().stream()).toList();
            assertThat(names).as(job.name()).doesNotHaveDuplicates().doesNotContain("--config", "--report", "--verbose", "--help");
            job.schema().fields().forEach(f -> assertThat(f.description()).as(job.name() + "." + f.name()).isNotBlank());
            assertThat(job.route()).isEqualTo("direct:job-" + job.name());
            assertThat(job.title()).as("a summary fits the command list").hasSizeLessThanOrEqualTo(60);
        }
    }

    @Test
    void a_dry_run_writes_to_no_environment_and_a_real_run_writes_only_its_target() {
        JobDefinition<?> migrate = JobCatalog.standard().require("migrate", "job");
        Object real = migrate.schema().fromText(Map.of("from", "dev", "to", "prod", "schema", "s.xml"));
        Object dry = migrate.schema().fromText(Map.of("from", "dev", "to", "prod", "schema", "s.xml", "dryRun", "true"));
        assertThat(migrate.environments(real)).containsExactly("dev", "prod");
        assertThat(migrate.writeTargets(real)).containsExactly("prod");
        assertThat(migrate.writeTargets(dry)).isEmpty();
        JobDefinition<?> check = JobCatalog.standard().require("check", "job");
        assertThat(check.writeTargets(check.schema().fromText(Map.of("environment", "prod")))).isEmpty();
        assertThat(((CheckRequest) check.schema().fromText(Map.of("environment", "prod"))).schema()).isEqualTo(Optional.empty());
    }

    private void assertRefused(String body, String field, String message) {
        assertThatThrownBy(() -> rebind.fromJson(body)).as(body).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.field()).as(body).isEqualTo(field);
            assertThat(e.getMessage()).as(body).contains(message);
        });
    }
}
