package io.dvbridge.jobs;

import io.dvbridge.cmt.Outcome;
import io.dvbridge.cmt.RecordResult;
import io.dvbridge.cmt.ResultsFile;
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
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.dvbridge.jobs.RealCmtExportTest.CHILD;
import static io.dvbridge.jobs.RealCmtExportTest.FIXTURE;
import static io.dvbridge.jobs.RealCmtExportTest.LIVE;
import static io.dvbridge.jobs.RealCmtExportTest.PARENT;
import static org.assertj.core.api.Assertions.assertThat;

/** The real live export against targets that differ from its source: dry-run predictions, lookups that cannot be resolved. */
class ImportAgainstTargetRulesJobTest {

    @TempDir
    Path dir;
    MigrationWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private Map<String, RecordResult> results(ImportReport report) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(report.resultsFile()))) {
            return ResultsFile.read(in).stream().collect(Collectors.toMap(RecordResult::recordId, Function.identity()));
        }
    }

    @Test
    void the_dry_run_predicts_the_real_runs_outcomes_and_notices_and_writes_nothing() throws IOException {
        // cmtl_string is shorter in this target than the source's value ("string 1" has 8 characters).
        world = new MigrationWorld(dir, FIXTURE.replace("{name: cmtl_string, type: String}", "{name: cmtl_string, type: String, maxLength: 5}"), "lab");

        ImportReport dryRun = world.runtime.importData(DataImportRequest.of("lab", LIVE).withDryRun(true));

        assertThat(world.writeRequests()).isZero();
        Map<String, RecordResult> predicted = results(dryRun);
        assertThat(predicted.get(CHILD).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(predicted.get(CHILD).message()).contains("field 'cmtl_string' has 8 characters; the target column takes at most 5");
        assertThat(predicted.get(PARENT).outcome()).isEqualTo(Outcome.CREATED);

        ImportReport real = world.runtime.importData(DataImportRequest.of("lab", LIVE));

        assertThat(results(real)).extractingFromEntries(e -> e.getKey() + " " + e.getValue().outcome() + " " + e.getValue().message())
                .containsExactlyInAnyOrderElementsOf(predicted.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue().outcome() + " " + e.getValue().message()).toList());
        assertThat(real.results()).isEqualTo(dryRun.results());
        assertThat(real.notices()).containsExactlyInAnyOrderElementsOf(dryRun.notices());
    }

    @Test
    void an_owner_two_target_users_share_the_name_of_is_left_to_dataverse_and_a_required_lookup_without_a_match_fails_only_its_record()
            throws IOException {
        String fixture = FIXTURE
                .replace("- {fullname: Deployment User, domainname: deploy@example.com}",
                        "- {fullname: Lab User, domainname: other.lab.user@example.com}")
                .replace("{transactioncurrencyid: " + RealCmtExportTest.KORUNA + ", currencyname: Czech Koruna, isocurrencycode: CZK}",
                        "{currencyname: Euro, isocurrencycode: EUR}")
                .replace("targets: [transactioncurrency]}", "targets: [transactioncurrency], required: ApplicationRequired}");
        world = new MigrationWorld(dir, fixture, "lab");

        ImportReport report = world.runtime.importData(DataImportRequest.of("lab", LIVE));

        Map<String, RecordResult> results = results(report);
        assertThat(results.get(PARENT).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(results.get(PARENT).message()).contains("field 'ownerid' not set: 2 systemuser rows in the target are named 'Lab User'")
                .contains("dvbridge does not guess");
        assertThat(world.table("lab", "cmtl_parents").row(UUID.fromString(PARENT)).orElseThrow().get("_ownerid_value")).isNull();
        assertThat(results.get(CHILD).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(results.get(CHILD).message()).contains("field 'transactioncurrencyid' not set: transactioncurrency 4fd4ce8c-00ae-f111-aaad-000d3a5c8169 "
                + "is not in the target, and no transactioncurrency there is named 'Czech Koruna'").contains("(the target requires it)");
        assertThat(world.rows("lab", "cmtl_childs")).isEmpty();
        assertThat(report.exitCode()).isEqualTo(1);
    }

    @Test
    void a_lookup_mapping_file_says_which_target_user_stands_in_where_names_cannot_tell() throws IOException {
        String otherLabUser = "7a000000-0000-4000-8000-0000000000aa";
        world = new MigrationWorld(dir, FIXTURE.replace("- {fullname: Deployment User, domainname: deploy@example.com}",
                "- {systemuserid: " + otherLabUser + ", fullname: Lab User, domainname: other.lab.user@example.com}"), "lab");
        Path map = dir.resolve("users.csv");
        Files.writeString(map, """
                # source user -> the target's
                systemuser,0FF0DE1D-A6AD-F111-AAAD-000D3A5C8169,%s
                """.formatted(otherLabUser));

        ImportReport report = world.runtime.importData(DataImportRequest.of("lab", LIVE).withLookupMap(map));

        assertThat(report.exitCode()).isZero();
        assertThat(world.table("lab", "cmtl_parents").row(UUID.fromString(PARENT)).orElseThrow().get("_ownerid_value"))
                .isEqualTo(UUID.fromString(otherLabUser));
    }

    @Test
    void a_lookup_mapping_file_with_a_bad_line_refuses_the_request_naming_the_line() throws IOException {
        Path map = dir.resolve("users.csv");
        Files.writeString(map, "systemuser,0ff0de1d-a6ad-f111-aaad-000d3a5c8169,7a000000-0000-4000-8000-000000000001\nteam,not-a-guid,x\n");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LookupMapFile.read(java.util.Optional.of(map)))
                .isInstanceOf(InvalidRequestException.class)
                .hasMessage("the lookup map, line 2: the source id 'not-a-guid' is not a GUID")
                .extracting(e -> ((InvalidRequestException) e).field()).isEqualTo("lookupMap");
    }

    @Test
    void a_lookup_to_a_schema_record_the_file_lacks_finds_the_target_row_of_that_name_and_a_second_import_writes_nothing() throws IOException {
        String theirAccount = "7a000000-0000-4000-8000-0000000000bb";
        world = new MigrationWorld(dir, FIXTURE.replace("        entitySetName: accounts\n        primaryName: name\n",
                "        entitySetName: accounts\n        primaryName: name\n        rows:\n          - {accountid: " + theirAccount
                        + ", name: CMTLAB Account}\n"), "lab");
        Path data = dir.resolve("without-account");
        Files.createDirectories(data);
        for (String name : List.of("data_schema.xml", "[Content_Types].xml")) {
            Files.copy(LIVE.resolve(name), data.resolve(name));
        }
        String xml = Files.readString(LIVE.resolve("data.xml"));
        int start = xml.indexOf("      <record id=\"cbdd83c3");
        Files.writeString(data.resolve("data.xml"), xml.substring(0, start) + xml.substring(xml.indexOf("</record>", start) + "</record>\n".length()));

        ImportReport first = world.runtime.importData(DataImportRequest.of("lab", data));

        assertThat(first.exitCode()).as(results(first).toString()).isZero();
        assertThat(world.table("lab", "cmtl_childs").row(UUID.fromString(CHILD)).orElseThrow().get("_cmtl_customerid_value"))
                .isEqualTo(UUID.fromString(theirAccount));
        assertThat(first.notices()).anySatisfy(n -> assertThat(n).contains("('CMTLAB Account') is not in the target"));

        world.sandbox.requestLog().clear();
        world.runtime.importData(DataImportRequest.of("lab", data));

        assertThat(world.writeRequests()).isZero();
    }
}
