package io.dvbridge.jobs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * A request whose output would overwrite one of its inputs is refused when it is built, before any work,
 * whichever trigger builds it: the same path, a symbolic link (also a dangling one, or a path through a
 * linked folder to a file not yet there), a hard link, or a file inside the input folder.
 */
class OutputIsNeverAnInputTest {

    @TempDir
    Path dir;

    private Path schema() throws IOException {
        return Files.writeString(dir.resolve("schema.xml"), "<entities />");
    }

    private static InvalidRequestException refusal(Runnable request) {
        try {
            request.run();
        } catch (InvalidRequestException e) {
            return e;
        }
        throw new AssertionError("the request was accepted");
    }

    @Test
    void an_export_to_its_own_schema_file_is_refused_naming_the_out_field() throws IOException {
        Path schema = schema();

        InvalidRequestException refused = refusal(() -> new DataExportRequest("dev", schema, dir.resolve("./schema.xml")));

        assertThat(refused.field()).isEqualTo("out");
        assertThat(refused.getMessage()).contains("is the same file as 'schema'").contains("an output never overwrites an input");
    }

    @Test
    void an_export_to_a_link_to_the_schema_or_to_a_hard_link_of_it_is_refused() throws IOException {
        Path schema = schema();
        Path link = Files.createSymbolicLink(dir.resolve("link.zip"), schema);
        Path hard = Files.createLink(dir.resolve("hard.zip"), schema);

        assertThat(refusal(() -> new DataExportRequest("dev", schema, link)).field()).isEqualTo("out");
        assertThat(refusal(() -> new DataExportRequest("dev", schema, hard)).field()).isEqualTo("out");
    }

    @Test
    void an_output_that_does_not_exist_yet_is_compared_by_where_it_will_be_written() throws IOException {
        Path folder = Files.createDirectories(dir.resolve("schemas"));
        Path schema = Files.writeString(folder.resolve("s.xml"), "<entities />");
        Path linkedFolder = Files.createSymbolicLink(dir.resolve("linked"), folder);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.zip"), folder.resolve("later.xml"));

        assertThat(refusal(() -> new DataExportRequest("dev", schema, linkedFolder.resolve("missing/../s.xml"))).field()).isEqualTo("out");
        assertThat(refusal(() -> new DataExportRequest("dev", folder.resolve("later.xml"), dangling)).field()).isEqualTo("out");
    }

    @Test
    void results_written_over_the_data_zip_or_into_the_data_folder_are_refused_naming_the_results_field() throws IOException {
        Path zip = Files.writeString(dir.resolve("data.zip"), "zip");
        Path folder = Files.createDirectories(dir.resolve("unpacked"));

        InvalidRequestException overZip = refusal(() -> DataImportRequest.of("prod", zip).withResultsFile(dir.resolve("data.zip")));
        InvalidRequestException intoFolder = refusal(() -> DataImportRequest.of("prod", folder).withResultsFile(folder.resolve("data.xml")));

        assertThat(overZip.field()).isEqualTo("results");
        assertThat(intoFolder.field()).isEqualTo("results");
        assertThat(intoFolder.getMessage()).contains("is inside the 'data' folder");
    }

    @Test
    void an_output_that_is_a_folder_is_refused_before_the_work_instead_of_failing_at_its_end() throws IOException {
        Path schema = schema();
        Path folder = Files.createDirectories(dir.resolve("exports"));

        InvalidRequestException refused = refusal(() -> new DataExportRequest("dev", schema, folder));

        assertThat(refused.field()).isEqualTo("out");
        assertThat(refused.getMessage()).contains("is a folder");
    }

    @Test
    void outputs_beside_their_inputs_are_accepted() throws IOException {
        Path schema = schema();
        Path folder = Files.createDirectories(dir.resolve("unpacked"));

        assertThatCode(() -> new DataExportRequest("dev", schema, dir.resolve("data.zip"))).doesNotThrowAnyException();
        assertThatCode(() -> DataImportRequest.of("prod", folder).withResultsFile(dir.resolve("unpacked-results.jsonl")))
                .doesNotThrowAnyException();
    }

    @Test
    void missing_fields_and_out_of_range_values_are_refused_as_invalid_requests_naming_the_field() {
        assertThat(refusal(() -> new DataExportRequest(" ", dir, dir.resolve("x.zip"))).field()).isEqualTo("environment");
        assertThat(refusal(() -> DataImportRequest.of("prod", dir).withConnections(17)).field()).isEqualTo("connections");
        assertThatThrownBy(() -> new MigrateRequest("dev", "dev", dir, null, 4, false))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("same environment");
    }
}
