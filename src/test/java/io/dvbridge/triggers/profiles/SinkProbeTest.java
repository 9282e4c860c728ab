package io.dvbridge.triggers.profiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** A profile's sink test on the machine's real databases and on folders: what the export will need, tried and cleaned up. */
class SinkProbeTest {

    static final String POSTGRES = "jdbc:postgresql://127.0.0.1:5432/test";

    @TempDir
    Path dir;

    @Test
    void an_h2_file_lets_the_export_create_alter_insert_and_delete_and_the_scratch_table_is_dropped() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("sink") + ";AUTO_SERVER=FALSE";

        SinkProbe.Result result = SinkProbe.probe(url);

        assertThat(result.steps()).extracting(SinkProbe.Step::step)
                .containsExactly("connect", "create table", "alter table", "insert", "delete", "drop table");
        assertThat(result.passed()).isTrue();
        assertThat(result.kind()).isEqualTo("jdbc");
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet tables = connection.getMetaData().getTables(null, null, "DVB_PROBE_%", null)) {
            assertThat(tables.next()).as("the scratch table is gone").isFalse();
        }
    }

    @Test
    void a_postgres_user_without_create_privilege_fails_at_create_table_and_the_password_is_not_shown() throws Exception {
        String schema = "probe_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String user = schema + "_ro";
        try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", ""); Statement sql = admin.createStatement()) {
            sql.execute("CREATE SCHEMA " + schema);
            sql.execute("CREATE ROLE " + user + " LOGIN PASSWORD 'not-for-logs'");
            sql.execute("GRANT USAGE ON SCHEMA " + schema + " TO " + user);
        }
        try {
            SinkProbe.Result denied = SinkProbe.probe(POSTGRES + "?user=" + user + "&password=not-for-logs&currentSchema=" + schema);
            SinkProbe.Result allowed = SinkProbe.probe(POSTGRES + "?user=postgres&currentSchema=" + schema);

            assertThat(denied.passed()).isFalse();
            assertThat(denied.steps()).extracting(SinkProbe.Step::step).containsExactly("connect", "create table");
            assertThat(denied.steps().get(1).detail()).contains("permission denied");
            assertThat(denied.target()).isEqualTo(POSTGRES);
            assertThat(denied.toString()).doesNotContain("not-for-logs");
            assertThat(allowed.passed()).as(allowed.toString()).isTrue();
        } finally {
            try (Connection admin = DriverManager.getConnection(POSTGRES, "postgres", ""); Statement sql = admin.createStatement()) {
                sql.execute("DROP SCHEMA " + schema + " CASCADE");
                sql.execute("DROP ROLE " + user);
            }
        }
    }

    @Test
    void a_folder_takes_a_file_moved_into_place_and_is_left_as_it_was() throws Exception {
        Path folder = dir.resolve("exports");

        SinkProbe.Result result = SinkProbe.probe(folder.toString());

        assertThat(result.passed()).isTrue();
        assertThat(result.target()).isEqualTo("exports");
        try (var left = Files.list(folder)) {
            assertThat(left).isEmpty();
        }
    }

    @Test
    void a_folder_that_cannot_exist_fails_without_showing_the_server_path() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        SinkProbe.Result result = SinkProbe.probe(file.resolve("exports").toString());

        assertThat(result.passed()).isFalse();
        assertThat(result.steps().get(0).step()).isEqualTo("folder");
        assertThat(result.toString()).doesNotContain(dir.toString());
    }
}
