package io.dvbridge.jobs;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static io.dvbridge.jobs.ImportLookupOrderJobTest.P1;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** data.zip is written beside --out and moved into place only when complete: a failed export leaves the old file as it was. */
class ExportOutputJobTest {

    /** A person table that exists, then one the environment does not have: the export fails after writing records. */
    static final String SCHEMA = ImportLookupOrderJobTest.SCHEMA.replace("</entities>", """
              <entity name="dvb_ghost" displayname="Ghost" etc="10012" primaryidfield="dvb_ghostid" primarynamefield="dvb_name">
                <fields>
                  <field displayname="Ghost" name="dvb_ghostid" type="guid" primaryKey="true" />
                </fields>
              </entity>
            </entities>
            """);

    @TempDir
    Path dir;
    MigrationWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private List<String> filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_failed_export_leaves_an_existing_out_file_untouched_and_no_temporary_file_beside_it() throws IOException {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.world("[{dvb_personid: " + P1 + ", dvb_name: Ann}]"), "dst");
        Path schema = Files.writeString(dir.resolve("schema.xml"), SCHEMA);
        Path out = Files.createDirectories(dir.resolve("out")).resolve("data.zip");
        Files.writeString(out, "yesterday's export");

        assertThatThrownBy(() -> world.runtime.exportData(new DataExportRequest("dst", schema, out))).hasMessageContaining("dvb_ghost");

        assertThat(Files.readString(out)).isEqualTo("yesterday's export");
        assertThat(filesIn(out.getParent())).containsExactly("data.zip");
    }

    @Test
    void a_complete_export_replaces_the_out_file_and_leaves_nothing_else() throws IOException {
        world = new MigrationWorld(dir, ImportLookupOrderJobTest.world("[{dvb_personid: " + P1 + ", dvb_name: Ann}]"), "dst");
        Path schema = Files.writeString(dir.resolve("schema.xml"), ImportLookupOrderJobTest.SCHEMA);
        Path out = Files.createDirectories(dir.resolve("out")).resolve("data.zip");
        Files.writeString(out, "yesterday's export");

        ExportReport report = world.runtime.exportData(new DataExportRequest("dst", schema, out));

        assertThat(report.records()).isEqualTo(1);
        try (io.dvbridge.cmt.DataZipReader written = io.dvbridge.cmt.DataZipReader.open(out)) {
            assertThat(written.schema().entity("dvb_person")).isPresent();
        }
        assertThat(filesIn(out.getParent())).containsExactly("data.zip");
    }
}
