package io.dvbridge.store;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunQueryTest {

    @Test
    void a_cursor_reads_back_the_run_it_was_made_from() {
        RunCursor cursor = new RunCursor(Instant.parse("2026-12-02T08:00:00.123456Z"), "rebind-20261202-080000-4f2a9c");

        assertThat(RunCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @Test
    void a_limit_outside_1_to_200_is_refused_naming_the_field() {
        assertThatThrownBy(() -> RunQuery.newest(0)).isInstanceOfSatisfying(InvalidRunQueryException.class,
                e -> assertThat(e.field()).isEqualTo("limit")).hasMessage("limit must be between 1 and 200, not 0");
        assertThatThrownBy(() -> RunQuery.newest(201)).isInstanceOf(InvalidRunQueryException.class);
        assertThat(RunQuery.newest(200).limit()).isEqualTo(200);
    }

    @Test
    void a_cursor_this_store_did_not_issue_is_refused_naming_the_field() {
        for (String after : new String[]{"not base64!", "", "bm8tZG90", "MTIzLjQ1Ng", "YWJjLjEvcnVu"}) {
            assertThatThrownBy(() -> new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), 10, Optional.of(after)))
                    .as(after)
                    .isInstanceOfSatisfying(InvalidRunQueryException.class, e -> assertThat(e.field()).isEqualTo("after"))
                    .hasMessage("after is not a cursor of a previous page of runs");
        }
    }
}
