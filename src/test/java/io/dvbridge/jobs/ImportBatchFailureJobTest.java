package io.dvbridge.jobs;

import io.dvbridge.cmt.DataZipWriter;
import io.dvbridge.cmt.Outcome;
import io.dvbridge.cmt.RecordResult;
import io.dvbridge.cmt.ResultsFile;
import io.dvbridge.dataverse.DataverseException;
import io.dvbridge.dataverse.DataverseWrite;
import io.dvbridge.dataverse.EntityKey;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.StoredRow;
import org.apache.camel.builder.AdviceWith;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.dvbridge.jobs.ImportLookupOrderJobTest.P1;
import static io.dvbridge.jobs.ImportLookupOrderJobTest.P2;
import static io.dvbridge.jobs.ImportLookupOrderJobTest.P3;
import static io.dvbridge.jobs.ImportLookupOrderJobTest.person;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A $batch request that fails as a whole, beyond the component's own retries, is sent again safely (a
 * create is keyed and refuses an existing row, so a request whose answer was lost after it committed
 * duplicates nothing), fails only its own records when it keeps failing, and never stops the import.
 */
class ImportBatchFailureJobTest {

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
        Path folder = Files.createDirectories(dir.resolve("data"));
        Files.writeString(folder.resolve("[Content_Types].xml"), DataZipWriter.CONTENT_TYPES);
        Files.writeString(folder.resolve("data_schema.xml"), ImportLookupOrderJobTest.SCHEMA);
        Files.writeString(folder.resolve("data.xml"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<entities>\n"
                + "  <entity name=\"dvb_person\" displayname=\"Person\">\n    <records>\n" + people + "    </records>\n  </entity>\n</entities>\n");
        return folder;
    }

    private static Map<String, RecordResult> results(ImportReport report) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(report.resultsFile()))) {
            return ResultsFile.read(in).stream().collect(Collectors.toMap(RecordResult::recordId, Function.identity()));
        }
    }

    private static boolean writes(List<DataverseWrite> batch, String id) {
        return batch.stream().anyMatch(w -> w.key().filter(k -> k.equals(EntityKey.of(UUID.fromString(id)))).isPresent());
    }

    @Test
    void a_batch_whose_answer_was_lost_after_it_committed_is_sent_again_and_creates_nothing_twice() throws Exception {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.WORLD, "dst");
        AtomicBoolean lost = new AtomicBoolean();
        AdviceWith.adviceWith(world.runtime.context(), "data-import-writes", route -> route.weaveByToUri("dataverse:batch*").after()
                .process(exchange -> {
                    if (lost.compareAndSet(false, true)) {
                        throw new DataverseException(0, "", "Connection reset (the answer was lost)", "batch", "", "", null);
                    }
                }));
        Path data = folder(person(P1, "Ann", null, null) + person(P2, "Bob", P1, null) + person(P3, "Cy", null, null));

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", data));

        assertThat(lost).isTrue();
        assertThat(results(report).values()).extracting(RecordResult::outcome).containsOnly(Outcome.CREATED);
        List<StoredRow> rows = world.rows("dst", "dvb_people");
        assertThat(rows).extracting(StoredRow::id).containsExactlyInAnyOrder(UUID.fromString(P1), UUID.fromString(P2), UUID.fromString(P3));
        assertThat(world.table("dst", "dvb_people").row(UUID.fromString(P2)).orElseThrow().get("_dvb_managerid_value"))
                .isEqualTo(UUID.fromString(P1));
        assertThat(report.exitCode()).isZero();
    }

    @Test
    void a_batch_that_keeps_failing_fails_only_its_own_records_and_the_import_goes_on() throws Exception {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.WORLD, "dst");
        AdviceWith.adviceWith(world.runtime.context(), "data-import-writes", route -> route.weaveByToUri("dataverse:batch*").before()
                .process(exchange -> {
                    if (writes(exchange.getMessage().getBody(List.class), P1)) {
                        throw new DataverseException(503, "", "Service Unavailable", "batch", "", "", null);
                    }
                }));
        Path data = folder(person(P1, "Ann", null, null) + person(P2, "Bob", null, null) + person(P3, "Cy", null, null));

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", data).withChunkSize(2).withConnections(1));

        Map<String, RecordResult> results = results(report);
        assertThat(results.get(P1).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(results.get(P1).message()).contains("the $batch request failed (sent " + ImportRun.MAX_GROUP_ATTEMPTS + " times)")
                .contains("Service Unavailable");
        assertThat(results.get(P2).outcome()).as("in the same $batch").isEqualTo(Outcome.FAILED);
        assertThat(results.get(P3).outcome()).as("the next chunk").isEqualTo(Outcome.CREATED);
        assertThat(world.rows("dst", "dvb_people")).extracting(StoredRow::id).containsExactly(UUID.fromString(P3));
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void three_thousand_and_two_records_at_a_20_percent_fault_rate_land_in_one_run_exactly_once() throws IOException {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.WORLD, SandboxOptions.defaults().withFaultRate(0.2).withSeed(11), "dst");
        StringBuilder people = new StringBuilder();
        for (int i = 1; i <= 3002; i++) {
            // Every tenth person points at the one before, so lookups are written under faults too.
            people.append(person(id(i), "Person " + i, i % 10 == 0 ? id(i - 1) : null, null));
        }

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", folder(people.toString())));

        assertThat(report.results().created()).isEqualTo(3002);
        assertThat(report.results().failed()).isZero();
        Map<UUID, StoredRow> rows = world.rows("dst", "dvb_people").stream().collect(Collectors.toMap(StoredRow::id, Function.identity()));
        assertThat(world.rows("dst", "dvb_people")).as("no duplicates").hasSize(3002);
        for (int i = 1; i <= 3002; i++) {
            StoredRow row = rows.get(UUID.fromString(id(i)));
            assertThat(row.get("dvb_name")).isEqualTo("Person " + i);
            assertThat(row.get("_dvb_managerid_value")).isEqualTo(i % 10 == 0 ? UUID.fromString(id(i - 1)) : null);
        }
        assertThat(world.sandbox.requestLog().count(e -> e.status() >= 500 || e.status() == 0)).as("faults were injected").isPositive();
        assertThat(report.exitCode()).isZero();
    }

    private static String id(int n) {
        return "33333333-0000-4000-8000-%012d".formatted(n);
    }
}
