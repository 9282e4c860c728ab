package io.dvbridge.runs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

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
}
