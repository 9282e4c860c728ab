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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lookups between records of the file are resolved whatever the file's order: children before their
 * parents, a chain that crosses chunk boundaries, and a cycle across two tables. The data.zip is
 * written by hand (as an unpacked folder) so the order is the test's, not the exporter's.
 */
class ImportLookupOrderJobTest {

    static final String P1 = "11111111-0000-4000-8000-000000000001";
    static final String P2 = "11111111-0000-4000-8000-000000000002";
    static final String P3 = "11111111-0000-4000-8000-000000000003";
    static final String P4 = "11111111-0000-4000-8000-000000000004";
    static final String P5 = "11111111-0000-4000-8000-000000000005";
    static final String T1 = "22222222-0000-4000-8000-000000000001";
    static final String T2 = "22222222-0000-4000-8000-000000000002";

    /** People point at their manager (another person) and their team; a team points at its lead (a person). */
    static final String SCHEMA = """
            <entities>
              <entity name="dvb_person" displayname="Person" etc="10010" primaryidfield="dvb_personid" primarynamefield="dvb_name" disableplugins="false">
                <fields>
                  <field displayname="Person" name="dvb_personid" type="guid" primaryKey="true" />
                  <field displayname="Name" name="dvb_name" type="string" />
                  <field displayname="Manager" name="dvb_managerid" type="entityreference" lookupType="dvb_person" />
                  <field displayname="Team" name="dvb_teamid" type="entityreference" lookupType="dvb_team" />
                </fields>
              </entity>
              <entity name="dvb_team" displayname="Team" etc="10011" primaryidfield="dvb_teamid" primarynamefield="dvb_name" disableplugins="false">
                <fields>
                  <field displayname="Team" name="dvb_teamid" type="guid" primaryKey="true" />
                  <field displayname="Name" name="dvb_name" type="string" />
                  <field displayname="Lead" name="dvb_leadid" type="entityreference" lookupType="dvb_person" />
                </fields>
              </entity>
            </entities>
            """;

    static final String WORLD = world("[]");

    static String world(String peopleInTarget) {
        return """
            environments:
              - name: dst
                tenant: contoso
                tables:
                  - logicalName: dvb_person
                    entitySetName: dvb_people
                    primaryName: dvb_name
                    columns:
                      - {name: dvb_managerid, schemaName: dvb_ManagerId, type: Lookup, targets: [dvb_person]}
                      - {name: dvb_teamid, schemaName: dvb_TeamId, type: Lookup, targets: [dvb_team]}
                  - logicalName: dvb_team
                    entitySetName: dvb_teams
                    primaryName: dvb_name
                    columns:
                      - {name: dvb_leadid, schemaName: dvb_LeadId, type: Lookup, targets: [dvb_person]}
            """.replace("primaryName: dvb_name\n        columns:\n          - {name: dvb_managerid",
                "primaryName: dvb_name\n        rows: " + peopleInTarget + "\n        columns:\n          - {name: dvb_managerid");
    }

    @TempDir
    Path dir;
    MigrationWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    static String person(String id, String name, String manager, String team) {
        return "      <record id=\"" + id + "\">\n"
                + "        <field name=\"dvb_personid\" value=\"" + id + "\" />\n"
                + "        <field name=\"dvb_name\" value=\"" + name + "\" />\n"
                + (manager == null ? "" : "        <field name=\"dvb_managerid\" value=\"" + manager + "\" lookupentity=\"dvb_person\" lookupentityname=\"\" />\n")
                + (team == null ? "" : "        <field name=\"dvb_teamid\" value=\"" + team + "\" lookupentity=\"dvb_team\" lookupentityname=\"\" />\n")
                + "      </record>\n";
    }

    static String team(String id, String name, String lead) {
        return "      <record id=\"" + id + "\">\n"
                + "        <field name=\"dvb_teamid\" value=\"" + id + "\" />\n"
                + "        <field name=\"dvb_name\" value=\"" + name + "\" />\n"
                + "        <field name=\"dvb_leadid\" value=\"" + lead + "\" lookupentity=\"dvb_person\" lookupentityname=\"\" />\n"
                + "      </record>\n";
    }

    /** Every person comes before their manager, so with two records a chunk the chain P1 -> ... -> P5 crosses every chunk boundary. */
    private Path handWrittenFolder() throws IOException {
        Path folder = dir.resolve("data");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("[Content_Types].xml"), DataZipWriter.CONTENT_TYPES);
        Files.writeString(folder.resolve("data_schema.xml"), SCHEMA);
        Files.writeString(folder.resolve("data.xml"), "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
                + "<entities timestamp=\"2024-06-15T14:30:00.0000000Z\">\n"
                + "  <entity name=\"dvb_team\" displayname=\"Team\">\n    <records>\n"
                + team(T1, "Core", P1) + team(T2, "Edge", P4)
                + "    </records>\n    <m2mrelationships />\n  </entity>\n"
                + "  <entity name=\"dvb_person\" displayname=\"Person\">\n    <records>\n"
                + person(P1, "Ann", P2, T1) + person(P2, "Bob", P3, T1) + person(P3, "Cy", P4, T2) + person(P4, "Di", P5, T2)
                + person(P5, "Ed", null, T2)
                + "    </records>\n    <m2mrelationships />\n  </entity>\n</entities>\n");
        return folder;
    }

    private UUID lookup(String entitySet, String id, String property) {
        StoredRow row = world.table("dst", entitySet).row(UUID.fromString(id)).orElseThrow();
        return (UUID) row.get(property);
    }

    private static Map<String, RecordResult> results(ImportReport report) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(report.resultsFile()))) {
            return ResultsFile.read(in).stream().collect(Collectors.toMap(RecordResult::recordId, r -> r));
        }
    }

    @Test
    void children_before_parents_a_chain_across_chunks_and_a_cycle_across_tables_all_land_with_their_lookups() throws IOException {
        world = new MigrationWorld(dir, WORLD, "dst");
        Path data = handWrittenFolder();

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", data).withChunkSize(2).withConnections(2));

        Map<String, RecordResult> results = results(report);
        assertThat(results).hasSize(7);
        assertThat(results.values()).allSatisfy(r -> assertThat(r.outcome()).as(r.recordId() + ": " + r.message()).isEqualTo(Outcome.CREATED));
        assertThat(report.exitCode()).isZero();
        assertThat(List.of(lookup("dvb_people", P1, "_dvb_managerid_value"), lookup("dvb_people", P2, "_dvb_managerid_value"),
                lookup("dvb_people", P3, "_dvb_managerid_value"), lookup("dvb_people", P4, "_dvb_managerid_value")))
                .containsExactly(UUID.fromString(P2), UUID.fromString(P3), UUID.fromString(P4), UUID.fromString(P5));
        assertThat(lookup("dvb_people", P5, "_dvb_managerid_value")).isNull();
        assertThat(lookup("dvb_people", P1, "_dvb_teamid_value")).isEqualTo(UUID.fromString(T1));
        assertThat(lookup("dvb_people", P5, "_dvb_teamid_value")).isEqualTo(UUID.fromString(T2));
        assertThat(lookup("dvb_teams", T1, "_dvb_leadid_value")).isEqualTo(UUID.fromString(P1));
        assertThat(lookup("dvb_teams", T2, "_dvb_leadid_value")).isEqualTo(UUID.fromString(P4));

        world.sandbox.requestLog().clear();
        ImportReport again = world.runtime.importData(DataImportRequest.of("dst", data).withChunkSize(2));
        assertThat(results(again).values()).allSatisfy(r -> assertThat(r.outcome()).as(r.message()).isEqualTo(Outcome.UNCHANGED));
        assertThat(world.writeRequests()).isZero();
    }

    @Test
    void a_lookup_to_a_record_in_neither_the_file_nor_the_target_fails_only_its_record() throws IOException {
        world = new MigrationWorld(dir, WORLD, "dst");
        Path data = handWrittenFolder();
        String missing = "33333333-0000-4000-8000-000000000009";
        Path xml = data.resolve("data.xml");
        Files.writeString(xml, Files.readString(xml).replace(person(P4, "Di", P5, T2), person(P4, "Di", missing, T2)));

        ImportReport report = world.runtime.importData(DataImportRequest.of("dst", data).withChunkSize(2));

        Map<String, RecordResult> results = results(report);
        assertThat(results.get(P4).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(results.get(P4).message()).contains("dvb_managerid").contains(missing).contains("neither in the file nor in the target");
        assertThat(results.values()).filteredOn(r -> !r.recordId().equals(P4)).allSatisfy(r -> assertThat(r.outcome()).isEqualTo(Outcome.CREATED));
        assertThat(report.exitCode()).isEqualTo(1);
        assertThat(lookup("dvb_people", P3, "_dvb_managerid_value")).isEqualTo(UUID.fromString(P4));
    }
}
