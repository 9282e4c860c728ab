package io.dvbridge.jobs;

import io.dvbridge.cmt.DataZipWriter;
import io.dvbridge.cmt.Outcome;
import io.dvbridge.cmt.RecordResult;
import io.dvbridge.cmt.ResultsFile;
import io.dvbridge.sandbox.dataverse.StoredRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static io.dvbridge.jobs.ImportLookupOrderJobTest.P1;
import static io.dvbridge.jobs.ImportLookupOrderJobTest.P2;
import static io.dvbridge.jobs.ImportLookupOrderJobTest.P3;
import static io.dvbridge.jobs.ImportLookupOrderJobTest.T1;
import static io.dvbridge.jobs.ImportLookupOrderJobTest.person;
import static io.dvbridge.jobs.ImportLookupOrderJobTest.team;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** What a chunk alone cannot see is still caught across chunks, and a failing import leaves no file open. */
class ImportSafetyJobTest {

    static final String ANN_IN_TARGET = "44444444-0000-4000-8000-000000000001";

    @TempDir
    Path dir;
    MigrationWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private Path folder(String people) throws IOException {
        Path folder = dir.resolve("data");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("[Content_Types].xml"), DataZipWriter.CONTENT_TYPES);
        Files.writeString(folder.resolve("data_schema.xml"), ImportLookupOrderJobTest.SCHEMA);
        Files.writeString(folder.resolve("data.xml"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<entities>\n"
                + "  <entity name=\"dvb_team\" displayname=\"Team\">\n    <records>\n" + team(T1, "Core", P1) + "    </records>\n  </entity>\n"
                + "  <entity name=\"dvb_person\" displayname=\"Person\">\n    <records>\n" + people + "    </records>\n  </entity>\n</entities>\n");
        return folder;
    }

    private static List<RecordResult> results(ImportReport report) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(report.resultsFile()))) {
            return ResultsFile.read(in);
        }
    }

    @Test
    void a_record_id_repeated_in_a_later_chunk_fails_and_the_row_keeps_the_first_records_values() throws IOException {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.WORLD, "dst");
        Path data = folder(person(P1, "Ann", null, null) + person(P2, "Bob", null, null) + person(P1, "Ann again", null, null));

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", data).withChunkSize(2));

        List<RecordResult> ann = results(report).stream().filter(r -> r.recordId().equals(P1)).toList();
        assertThat(ann).extracting(RecordResult::outcome).containsExactly(Outcome.CREATED, Outcome.FAILED);
        assertThat(ann.get(1).message()).contains("appears more than once in the file").contains("line");
        assertThat(world.table("dst", "dvb_people").row(UUID.fromString(P1)).orElseThrow().get("dvb_name")).isEqualTo("Ann");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void two_records_of_different_chunks_matching_the_same_target_row_fail_the_second_instead_of_writing_the_row_twice() throws IOException {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.world("[{dvb_personid: " + ANN_IN_TARGET + ", dvb_name: Ann}]"), "dst");
        Path data = folder(person(P1, "Ann", null, null) + person(P2, "Bob", null, null) + person(P3, "Ann", P2, null));

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", data).withChunkSize(2));

        List<RecordResult> results = results(report);
        assertThat(results).filteredOn(r -> r.recordId().equals(P1)).singleElement()
                .satisfies(r -> assertThat(r.targetId()).contains(ANN_IN_TARGET));
        assertThat(results).filteredOn(r -> r.recordId().equals(P3)).singleElement().satisfies(r -> {
            assertThat(r.outcome()).isEqualTo(Outcome.FAILED);
            assertThat(r.message()).contains("matches target row " + ANN_IN_TARGET).contains("earlier chunk");
        });
        StoredRow ann = world.table("dst", "dvb_people").row(UUID.fromString(ANN_IN_TARGET)).orElseThrow();
        assertThat(ann.get("_dvb_managerid_value")).as("the second record's manager was not written").isNull();
        assertThat(world.table("dst", "dvb_people").row(UUID.fromString(P3))).isEmpty();
    }

    @Test
    void a_broken_record_at_the_end_stops_the_import_before_anything_is_sent_and_leaves_the_results_file_as_it_was() throws IOException {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc to see open files");
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.WORLD, "dst");
        Path data = folder(person(P1, "Ann", null, null) + person(P2, "Bob", null, null) + "      <record id=\"broken\"><field name=");
        Path resultsFile = dir.resolve("results.jsonl");
        Files.writeString(resultsFile, "the previous import's results\n");
        long requestsBefore = world.sandbox.requestLog().count(e -> e.path().contains("/api/data/"));

        assertThatThrownBy(() -> world.runtime.importData(DataImportRequest.of("dst", data).withChunkSize(2).withResultsFile(resultsFile)))
                .hasStackTraceContaining("data.xml");

        assertThat(world.sandbox.requestLog().count(e -> e.path().contains("/api/data/"))).as("no Dataverse request").isEqualTo(requestsBefore);
        assertThat(world.rows("dst", "dvb_people")).isEmpty();
        assertThat(Files.readString(resultsFile)).isEqualTo("the previous import's results\n");
        Path realDir = dir.toRealPath();
        assertThat(openFiles(fds)).as("the state store stays open; no import file does")
                .noneMatch(open -> open.startsWith(realDir) && !open.toString().contains("/.state/"));
    }

    @Test
    void a_limit_set_in_configuration_refuses_a_file_over_it_before_anything_is_sent_naming_the_key() throws IOException {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.WORLD, io.dvbridge.sandbox.SandboxOptions.defaults(),
                java.util.Map.of("dvbridge.cmt.max-records", "2"), "dst");
        Path data = folder(person(P1, "Ann", null, null) + person(P2, "Bob", null, null));
        long requestsBefore = world.sandbox.requestLog().count(e -> e.path().contains("/api/data/"));

        assertThatThrownBy(() -> world.runtime.importData(DataImportRequest.of("dst", data)))
                .hasMessageContaining("more than dvbridge.cmt.max-records = 2 records");

        assertThat(world.sandbox.requestLog().count(e -> e.path().contains("/api/data/"))).isEqualTo(requestsBefore);
        assertThat(world.rows("dst", "dvb_people")).isEmpty();
    }

    @Test
    void a_row_changed_in_the_target_between_read_and_write_fails_its_record_and_keeps_the_new_value() throws Exception {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.world("[{dvb_personid: " + P1 + ", dvb_name: Ann}, "
                + "{dvb_personid: " + P2 + ", dvb_name: Bob}]"), "dst");
        org.apache.camel.builder.AdviceWith.adviceWith(world.runtime.context(), "data-import-writes", route -> route
                .weaveByToUri("dataverse:batch*").before().process(exchange -> world.sandbox.environment("dst").data()
                        .modify("dvb_people", UUID.fromString(P1), java.util.Map.of("dvb_name", "Ann (edited by a person meanwhile)"))));
        Path data = folder(person(P1, "Ann Smith", null, null) + person(P2, "Bob Jones", null, null));

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", data));

        RecordResult ann = results(report).stream().filter(r -> r.recordId().equals(P1)).findFirst().orElseThrow();
        assertThat(ann.outcome()).isEqualTo(Outcome.FAILED);
        assertThat(ann.message()).contains("changed in the target after this import read it").contains("412");
        assertThat(world.table("dst", "dvb_people").row(UUID.fromString(P1)).orElseThrow().get("dvb_name"))
                .isEqualTo("Ann (edited by a person meanwhile)");
        assertThat(world.table("dst", "dvb_people").row(UUID.fromString(P2)).orElseThrow().get("dvb_name")).isEqualTo("Bob Jones");
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void a_name_too_long_for_any_query_url_is_never_sent_in_one_and_fails_only_its_record_on_the_columns_length() throws IOException {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.WORLD, "dst");
        String huge = "N".repeat(40_000);
        Path data = folder(person(P1, huge, null, null) + person(P2, "Bob", null, null));

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", data));

        assertThat(world.sandbox.requestLog().entries(e -> e.query() != null && e.query().length() > 32_768)).isEmpty();
        List<RecordResult> results = results(report);
        assertThat(results).filteredOn(r -> r.recordId().equals(P1)).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.FAILED));
        assertThat(results).filteredOn(r -> r.recordId().equals(P2)).singleElement()
                .satisfies(r -> assertThat(r.outcome()).isEqualTo(Outcome.CREATED));
        assertThat(world.table("dst", "dvb_people").row(UUID.fromString(P1))).isEmpty();
    }

    @Test
    void a_missing_data_file_is_an_invalid_request_naming_the_data_field() {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.WORLD, "dst");

        assertThatThrownBy(() -> world.runtime.importData(DataImportRequest.of("dst", dir.resolve("nowhere.zip"))))
                .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("data"))
                .hasMessageContaining("No such file").hasMessageContaining("nowhere.zip");
    }

    @Test
    void an_import_that_stops_midway_closes_its_files_keeps_its_journal_and_leaves_the_results_file_as_it_was() throws Exception {
        Path fds = Path.of("/proc/self/fd");
        assumeTrue(Files.isDirectory(fds), "needs /proc to see open files");
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.WORLD, "dst");
        org.apache.camel.builder.AdviceWith.adviceWith(world.runtime.context(), "data-import-queries", route -> route
                .weaveByToUri("dataverse:query*").before().process(exchange -> {
                    if (String.valueOf(exchange.getMessage().getBody(QuerySpec.class).tag()).contains(P3)) {
                        throw new IllegalStateException("the network went away");
                    }
                }));
        Path data = folder(person(P1, "Ann", null, null) + person(P2, "Bob", null, null) + person(P3, "Cy", null, null));
        Path resultsFile = dir.resolve("results.jsonl");
        Files.writeString(resultsFile, "the previous import's results\n");

        assertThatThrownBy(() -> world.runtime.importData(DataImportRequest.of("dst", data).withChunkSize(2).withResultsFile(resultsFile)))
                .hasMessageContaining("the network went away");

        assertThat(Files.readString(resultsFile)).isEqualTo("the previous import's results\n");
        Path journal;
        try (Stream<Path> runs = Files.list(dir.resolve("runs"))) {
            journal = runs.map(r -> r.resolve("results.jsonl")).filter(Files::exists).findFirst().orElseThrow();
        }
        assertThat(Files.readString(journal)).as("the chunk finished before the failure").contains(P1).doesNotContain(P3);
        Path realDir = dir.toRealPath();
        assertThat(openFiles(fds)).as("the state store stays open; no import file does")
                .noneMatch(open -> open.startsWith(realDir) && !open.toString().contains("/.state/"));
    }

    private static List<Path> openFiles(Path fds) throws IOException {
        List<Path> open = new ArrayList<>();
        try (Stream<Path> list = Files.list(fds)) {
            for (Path fd : list.toList()) {
                try {
                    open.add(Files.readSymbolicLink(fd));
                } catch (IOException | UnsupportedOperationException gone) {
                    // closed while listing
                }
            }
        }
        return open;
    }
}
