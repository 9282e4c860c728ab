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
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many-to-many associations through routes/config-migration.camel.yaml, camel-main and HTTPS to a sandbox
 * whose N:N relationship has navigation properties other than its name (so they must come from the
 * ManyToManyRelationships metadata).
 */
class ManyToManyJobTest {

    static final String P1 = "d0000000-0000-4000-8000-000000000001";
    static final String P2 = "d0000000-0000-4000-8000-000000000002";
    static final String S1 = "e0000000-0000-4000-8000-000000000001";
    static final String S2 = "e0000000-0000-4000-8000-000000000002";
    static final String S3 = "e0000000-0000-4000-8000-000000000003";
    static final String RELATIONSHIP = "dvb_project_skill";

    static final String PROJECT_ENTITY = """
              <entity name="dvb_project" displayname="Project" etc="10010" primaryidfield="dvb_projectid" primarynamefield="dvb_name" disableplugins="false">
                <fields>
                  <field displayname="Project" name="dvb_projectid" type="guid" primaryKey="true" />
                  <field displayname="Name" name="dvb_name" type="string" />
                </fields>
                <relationships>
                  <relationship name="dvb_project_skill" manyToMany="true" isreflexive="false" relatedEntityName="dvb_project_skill" m2mTargetEntity="dvb_skill" m2mTargetEntityPrimaryKey="dvb_skillid" />
                </relationships>
              </entity>
            """;

    static final String SKILL_ENTITY = """
              <entity name="dvb_skill" displayname="Skill" etc="10011" primaryidfield="dvb_skillid" primarynamefield="dvb_name" disableplugins="false">
                <fields>
                  <field displayname="Skill" name="dvb_skillid" type="guid" primaryKey="true" />
                  <field displayname="Name" name="dvb_name" type="string" />
                </fields>
              </entity>
            """;

    static String tables(String projects, String skills, String pairs) {
        return """
                  - logicalName: dvb_project
                    entitySetName: dvb_projects
                    primaryName: dvb_name
                    manyToMany:
                      - name: dvb_Project_Skill
                        target: dvb_skill
                        intersect: dvb_project_skill
                        navigation: dvb_project_skills
                        targetNavigation: dvb_skill_projects
                        pairs: [%s]
                    rows: [%s]
                  - logicalName: dvb_skill
                    entitySetName: dvb_skills
                    primaryName: dvb_name
                    rows: [%s]
                """.formatted(pairs, projects, skills).indent(4);
    }

    static String project(String id, String name) {
        return "{dvb_projectid: " + id + ", dvb_name: " + name + "}";
    }

    static String skill(String id, String name) {
        return "{dvb_skillid: " + id + ", dvb_name: " + name + "}";
    }

    /** dev: P1 with S1 and S2, P2 with S1; S3 with no project. */
    static final String DEV = "  - name: dev\n    tenant: contoso\n    tables:\n" + tables(project(P1, "Apollo") + ", " + project(P2, "Gemini"),
            skill(S1, "Java") + ", " + skill(S2, "SQL") + ", " + skill(S3, "Go"), "[" + P1 + ", " + S1 + "], [" + P1 + ", " + S2 + "], [" + P2 + ", " + S1 + "]");

    @TempDir
    Path dir;
    MigrationWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private Path schema(String... entities) throws IOException {
        Path schema = dir.resolve("schema.xml");
        Files.writeString(schema, "<entities>\n" + String.join("", entities) + "</entities>\n");
        return schema;
    }

    private Path export(Path schema) {
        Path zip = dir.resolve("out/data.zip");
        world.runtime.exportData(new DataExportRequest("dev", schema, zip));
        return zip;
    }

    private Set<List<UUID>> associations(String environment) {
        return world.sandbox.environment(environment).data().associations("dvb_Project_Skill");
    }

    private static Map<String, RecordResult> associationResults(ImportReport report) throws IOException {
        try (Reader in = Files.newBufferedReader(Path.of(report.resultsFile()))) {
            return ResultsFile.read(in).stream().filter(r -> r.entity().equals(RELATIONSHIP))
                    .collect(Collectors.toMap(RecordResult::recordId, Function.identity()));
        }
    }

    private static List<UUID> pair(String project, String skill) {
        return List.of(UUID.fromString(project), UUID.fromString(skill));
    }

    private static String dataXml(Path zip) throws IOException {
        try (java.util.zip.ZipFile file = new java.util.zip.ZipFile(zip.toFile())) {
            return new String(file.getInputStream(file.getEntry("data.xml")).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    @Test
    void exported_associations_are_in_data_zip_as_the_tool_writes_them_and_an_import_makes_them_once() throws IOException {
        world = new MigrationWorld(dir, "environments:\n" + DEV + "  - name: prod\n    tenant: contoso\n    tables:\n" + tables("", "", ""),
                "dev", "prod");
        Path zip = export(schema(SKILL_ENTITY, PROJECT_ENTITY));

        String xml = dataXml(zip);
        assertThat(xml).contains("<m2mrelationship sourceid=\"" + P1 + "\" targetentityname=\"dvb_skill\" targetentitynameidfield=\"dvb_skillid\""
                + " m2mrelationshipname=\"dvb_project_skill\">");
        assertThat(xml).contains("<m2mrelationship sourceid=\"" + P2 + "\"");
        assertThat(xml.split("<targetid>", -1)).as("one targetid per association").hasSize(4);
        assertThat(xml).contains("<targetid>" + S2 + "</targetid>");

        ImportReport first = world.runtime.importData(DataImportRequest.of("prod", zip));

        assertThat(first.exitCode()).isZero();
        assertThat(first.results().created()).as("records").isEqualTo(5);
        assertThat(first.associations().created()).isEqualTo(3);
        assertThat(associations("prod")).isEqualTo(associations("dev")).hasSize(3);
        assertThat(associationResults(first).values()).extracting(RecordResult::outcome).containsOnly(Outcome.CREATED);
        assertThat(associationResults(first)).containsKeys(P1 + "/" + S1, P1 + "/" + S2, P2 + "/" + S1);
        assertThat(first.notices()).noneMatch(n -> n.contains("not imported"));

        world.sandbox.requestLog().clear();
        ImportReport second = world.runtime.importData(DataImportRequest.of("prod", zip));

        assertThat(second.exitCode()).isZero();
        assertThat(second.associations().unchanged()).isEqualTo(3);
        assertThat(second.associations().created()).isZero();
        assertThat(world.writeRequests()).as("no $batch (so no $ref POST) in the second import").isZero();
        assertThat(world.sandbox.requestLog().count(e -> e.method().equals("GET") && e.path().endsWith("/dvb_project_skills")))
                .as("the associations of each project were read by its navigation property").isEqualTo(2);
        assertThat(associations("prod")).hasSize(3);
    }

    @Test
    void only_missing_associations_are_sent_and_a_target_row_the_target_lacks_fails_alone_in_the_dry_run_as_in_the_real_run()
            throws IOException {
        // prod has P1 with S1 already and only skill S1; the schema moves projects only, so skills are found by id.
        world = new MigrationWorld(dir, "environments:\n" + DEV + "  - name: prod\n    tenant: contoso\n    tables:\n"
                + tables(project(P1, "Apollo"), skill(S1, "Java"), "[" + P1 + ", " + S1 + "]"), "dev", "prod");
        Path zip = export(schema(PROJECT_ENTITY));

        world.sandbox.requestLog().clear();
        ImportReport dryRun = world.runtime.importData(DataImportRequest.of("prod", zip).withDryRun(true));

        assertThat(world.writeRequests()).isZero();
        assertThat(associationResults(dryRun)).hasSize(3);
        assertThat(associationResults(dryRun).get(P1 + "/" + S1).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(associationResults(dryRun).get(P1 + "/" + S2).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(associationResults(dryRun).get(P1 + "/" + S2).message()).isEqualTo("not associated: the target has no dvb_skill " + S2);
        assertThat(associationResults(dryRun).get(P2 + "/" + S1).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(associationResults(dryRun).get(P2 + "/" + S1).message()).isEqualTo("to be associated");
        assertThat(associations("prod")).containsExactly(pair(P1, S1));

        ImportReport real = world.runtime.importData(DataImportRequest.of("prod", zip));

        Map<String, RecordResult> results = associationResults(real);
        assertThat(results.get(P1 + "/" + S1).outcome()).isEqualTo(Outcome.UNCHANGED);
        assertThat(results.get(P2 + "/" + S1).outcome()).isEqualTo(Outcome.CREATED);
        assertThat(results.get(P1 + "/" + S2).outcome()).isEqualTo(Outcome.FAILED);
        assertThat(results.get(P1 + "/" + S2).message()).isEqualTo("not associated: the target has no dvb_skill " + S2);
        assertThat(real.results().failed()).as("records").isZero();
        assertThat(real.results().created() + real.results().unchanged()).isEqualTo(2);
        assertThat(real.associations().failed()).isEqualTo(1);
        assertThat(real.failures()).anySatisfy(f -> assertThat(f.recordId()).isEqualTo(P1 + "/" + S2));
        assertThat(real.exitCode()).as("finished, an association needs attention").isNotZero();
        assertThat(associations("prod")).containsExactlyInAnyOrder(pair(P1, S1), pair(P2, S1));
    }
}
