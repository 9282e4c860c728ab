package io.dvbridge.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunStoreTest {

    @TempDir
    Path dir;

    RunStore store() {
        return new RunStore(dir, Clock.fixed(Instant.parse("2026-11-22T01:02:03Z"), ZoneOffset.UTC));
    }

    @Test
    void run_ids_carry_the_job_and_the_time_and_are_unique() {
        String a = store().newRunId("rebind");
        String b = store().newRunId("rebind");
        assertThat(a).startsWith("rebind-20261122-010203-").isNotEqualTo(b);
    }

    @Test
    void written_json_reads_back() {
        RunStore store = store();
        String id = store.newRunId("rebind");
        store.write(id, "report.json", Map.of("updated", 3));
        assertThat(store.read(id, "report.json", Map.class)).containsEntry("updated", 3);
        assertThat(store.runs()).containsExactly(id);
    }

    @Test
    void ids_and_names_that_could_escape_the_directory_are_refused() {
        assertThatThrownBy(() -> store().read("../etc", "passwd", Map.class)).isInstanceOf(IllegalArgumentException.class);
        String id = store().newRunId("rebind");
        assertThatThrownBy(() -> store().file(id, "../x.json")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_missing_run_is_reported_by_id() {
        assertThatThrownBy(() -> store().read("rebind-20260101-000000-abcdef", "undo.json", Map.class))
                .isInstanceOf(RunNotFoundException.class).hasMessageContaining("rebind-20260101-000000-abcdef");
    }

    /** Serialised by the store: lists the run folder while the report is being written. */
    public static final class FolderProbe {
        private final Path folder;

        FolderProbe(Path folder) {
            this.folder = folder;
        }

        public List<String> getFilesWhileWriting() throws Exception {
            return names(folder);
        }
    }

    @Test
    void a_report_is_written_under_a_hidden_recognisable_temporary_name_and_only_the_report_remains() throws Exception {
        RunStore store = store();
        String id = store.newRunId("rebind");

        store.write(id, "report.json", new FolderProbe(dir.resolve(id)));

        Map<?, ?> written = store.read(id, "report.json", Map.class);
        assertThat((List<?>) written.get("filesWhileWriting")).singleElement().asString()
                .matches("\\.report\\.json\\.[0-9a-f]{16}\\.tmp");
        assertThat(names(dir.resolve(id))).containsExactly("report.json");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve(id).resolve("report.json"))))
                .as("readable by its owner only").isEqualTo("rw-------");
    }

    @Test
    void opening_the_store_sweeps_temporary_files_a_killed_run_left_and_nothing_else() throws Exception {
        String id = store().newRunId("import");
        Path run = Files.createDirectories(dir.resolve(id));
        Path stale = touch(run.resolve(".report.json.0123456789abcdef.tmp"), Duration.ofMinutes(5));
        Path fresh = touch(run.resolve(".results.jsonl.fedcba9876543210.tmp"), Duration.ofSeconds(10));
        Path lookalike = touch(run.resolve("report.json5551234.tmp"), Duration.ofMinutes(5));
        Path report = touch(run.resolve("report.json"), Duration.ofMinutes(5));

        new RunStore(dir, Clock.systemUTC());

        assertThat(stale).doesNotExist();
        assertThat(fresh).as("a live run may still be writing it").exists();
        assertThat(lookalike).as("not our pattern").exists();
        assertThat(report).exists();
    }

    private static Path touch(Path file, Duration age) throws Exception {
        Files.writeString(file, "x");
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(age)));
        return file;
    }

    private static List<String> names(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }
}
