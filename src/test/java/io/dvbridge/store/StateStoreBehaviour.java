package io.dvbridge.store;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the state store does, on whichever database a subclass gives it: migrations, run records and paging.
 * Leases, idempotency keys and Quartz have behaviours of their own.
 */
abstract class StateStoreBehaviour extends OnDatabase {

    @Test
    void migrations_create_every_table_once_and_a_second_open_applies_nothing() throws SQLException {
        StateStore first = open();
        List<String> applied = migrations(first);
        first.close();
        assertThat(first.isReachable()).as("a closed store").isFalse();

        StateStore second = open();

        assertThat(applied).containsExactly("1:true", "2:true", "3:true", "4:true", "5:true");
        assertThat(migrations(second)).isEqualTo(applied);
        for (String table : List.of("dvb_runs", "dvb_run_environments", "dvb_leases", "CAMEL_MESSAGEPROCESSED",
                "QRTZ_JOB_DETAILS", "QRTZ_TRIGGERS", "QRTZ_CRON_TRIGGERS", "QRTZ_FIRED_TRIGGERS", "QRTZ_SCHEDULER_STATE",
                "QRTZ_LOCKS")) {
            assertThat(count(second, "SELECT COUNT(*) FROM " + table)).as(table).isZero();
        }
        assertThat(second.isReachable()).isTrue();
    }

    @Test
    void run_history_survives_a_restart() {
        StateStore first = open();
        first.runs().insert(run("rebind-1", "rebind", RunStatus.RUNNING, T0, "contoso-prod"));
        first.close();

        assertThat(open().runs().find("rebind-1")).map(RunRecord::job).contains("rebind");
    }

    @Test
    void a_run_is_recorded_started_advanced_and_finished() {
        RunRecords runs = open().runs();
        RunRecord queued = new RunRecord("migrate-1", "migrate", RunStatus.QUEUED, List.of("contoso-dev", "contoso-prod"),
                true, "queue", "svc-pipeline", T0, Optional.empty(), Optional.empty(), Optional.empty(), "queued", 0, 0,
                "host-1-abcdef");

        runs.insert(queued);
        assertThat(runs.find("migrate-1")).contains(queued);

        runs.started("migrate-1", T0.plusSeconds(1));
        runs.progress("migrate-1", 250, 1000);
        assertThat(runs.find("migrate-1")).hasValueSatisfying(running -> {
            assertThat(running.status()).isEqualTo(RunStatus.RUNNING);
            assertThat(running.startedAt()).contains(T0.plusSeconds(1));
            assertThat(running.done()).isEqualTo(250);
            assertThat(running.total()).isEqualTo(1000);
        });

        runs.finish("migrate-1", RunStatus.NEEDS_ATTENTION, 2, "3 rows need a person", T0.plusSeconds(9));
        assertThat(runs.find("migrate-1")).contains(new RunRecord("migrate-1", "migrate", RunStatus.NEEDS_ATTENTION,
                List.of("contoso-dev", "contoso-prod"), true, "queue", "svc-pipeline", T0, Optional.of(T0.plusSeconds(1)),
                Optional.of(T0.plusSeconds(9)), Optional.of(2), "3 rows need a person", 250, 1000, "host-1-abcdef"));
    }

    @Test
    void a_refused_run_is_recorded_finished_at_once() {
        RunRecords runs = open().runs();
        RunRecord refused = new RunRecord("rebind-2", "rebind", RunStatus.REFUSED, List.of("contoso-prod"), false, "cli",
                "alice", T0, Optional.empty(), Optional.of(T0), Optional.of(64), "contoso-prod is being written by rebind-1",
                0, 0, "host-1-abcdef");

        runs.insert(refused);

        assertThat(runs.find("rebind-2")).contains(refused);
    }

    @Test
    void the_first_final_status_stays_and_unknown_runs_are_named() {
        RunRecords runs = open().runs();
        runs.insert(run("rebind-1", "rebind", RunStatus.RUNNING, T0));
        runs.finish("rebind-1", RunStatus.SUCCEEDED, 0, "done", T0.plusSeconds(5));

        assertThatThrownBy(() -> runs.finish("rebind-1", RunStatus.FAILED, 1, "late", T0.plusSeconds(6)))
                .isInstanceOf(RunAlreadyFinishedException.class).hasMessage("Run rebind-1 is already SUCCEEDED");
        assertThatThrownBy(() -> runs.started("rebind-1", T0.plusSeconds(7)))
                .isInstanceOf(RunAlreadyFinishedException.class);
        assertThatThrownBy(() -> runs.progress("nope-1", 1, 2))
                .isInstanceOf(UnknownRunException.class).hasMessage("The state store has no run nope-1");
        assertThatThrownBy(() -> runs.finish("nope-1", RunStatus.FAILED, 1, "x", T0))
                .isInstanceOf(UnknownRunException.class);
        assertThatThrownBy(() -> runs.insert(run("rebind-1", "rebind", RunStatus.QUEUED, T0)))
                .isInstanceOf(StateStoreException.class).hasMessageContaining("Run rebind-1 is already recorded");
        assertThat(runs.find("rebind-1")).map(RunRecord::status).contains(RunStatus.SUCCEEDED);
        assertThat(runs.find("nope-1")).isEmpty();
    }

    @Test
    void a_long_summary_is_cut_rather_than_losing_the_run() {
        RunRecords runs = open().runs();
        runs.insert(run("rebind-1", "rebind", RunStatus.RUNNING, T0));

        runs.finish("rebind-1", RunStatus.FAILED, 1, "x".repeat(5000), T0);

        assertThat(runs.find("rebind-1").orElseThrow().summary()).hasSize(JdbcRunRecords.SUMMARY_LENGTH).endsWith("x…");
    }

    @Test
    void pages_list_runs_newest_first_and_their_cursors_reach_every_run_once() {
        RunRecords runs = open().runs();
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            // runs 2 and 3 start in the same microsecond: the run id breaks the tie
            Instant created = T0.plusSeconds(i == 3 ? 2 : i);
            runs.insert(run("run-" + i, "rebind", RunStatus.QUEUED, created, "contoso-prod"));
        }
        newestFirst.addAll(List.of("run-6", "run-5", "run-4", "run-3", "run-2", "run-1", "run-0"));

        List<String> seen = new ArrayList<>();
        RunPage page = runs.page(RunQuery.newest(3));
        seen.addAll(ids(page));
        while (page.next().isPresent()) {
            page = runs.page(new RunQuery(Optional.empty(), Optional.empty(), Optional.empty(), 3, page.next()));
            seen.addAll(ids(page));
        }

        assertThat(seen).isEqualTo(newestFirst);
        assertThat(runs.page(RunQuery.newest(7)).next()).isEmpty();
        assertThat(runs.page(RunQuery.newest(6)).next()).isPresent();
    }

    @Test
    void pages_filter_by_job_status_and_environment() {
        RunRecords runs = open().runs();
        runs.insert(run("rebind-1", "rebind", RunStatus.RUNNING, T0, "contoso-prod"));
        runs.insert(run("migrate-1", "migrate", RunStatus.QUEUED, T0.plusSeconds(1), "contoso-dev", "contoso-prod"));
        runs.insert(run("migrate-2", "migrate", RunStatus.RUNNING, T0.plusSeconds(2), "fabrikam-dev", "fabrikam-prod"));
        runs.insert(run("check-1", "check", RunStatus.QUEUED, T0.plusSeconds(3), "contoso-dev"));

        assertThat(ids(runs.page(query(Optional.of("migrate"), Optional.empty(), Optional.empty()))))
                .containsExactly("migrate-2", "migrate-1");
        assertThat(ids(runs.page(query(Optional.empty(), Optional.of(RunStatus.RUNNING), Optional.empty()))))
                .containsExactly("migrate-2", "rebind-1");
        assertThat(ids(runs.page(query(Optional.empty(), Optional.empty(), Optional.of("contoso-prod")))))
                .containsExactly("migrate-1", "rebind-1");
        assertThat(ids(runs.page(query(Optional.of("migrate"), Optional.of(RunStatus.QUEUED), Optional.of("contoso-dev")))))
                .containsExactly("migrate-1");
        assertThat(ids(runs.page(query(Optional.of("migrate"), Optional.empty(), Optional.of("contoso")))))
                .isEmpty();
        assertThat(runs.page(query(Optional.of("migrate"), Optional.empty(), Optional.empty())).runs().get(0).environments())
                .containsExactly("fabrikam-dev", "fabrikam-prod");
    }

    @Test
    void the_unfinished_runs_of_a_dead_instance_are_abandoned_and_its_leases_released() {
        StateStore store = open();
        RunRecords runs = store.runs();
        runs.insert(withInstance(run("a-1", "rebind", RunStatus.RUNNING, T0), "dead-1"));
        runs.insert(withInstance(run("a-2", "rebind", RunStatus.QUEUED, T0), "dead-1"));
        runs.insert(withInstance(run("a-3", "rebind", RunStatus.RUNNING, T0), "dead-1"));
        runs.finish("a-3", RunStatus.SUCCEEDED, 0, "done", T0.plusSeconds(1));
        runs.insert(withInstance(run("b-1", "rebind", RunStatus.RUNNING, T0), "alive-1"));
        store.leases().acquire("dataverse-write", "contoso-prod", "b-1", Duration.ofMinutes(5));

        int abandoned = runs.abandonRunning("dead-1", "instance dead-1 stopped");

        assertThat(abandoned).isEqualTo(2);
        assertThat(runs.find("a-1").orElseThrow()).satisfies(run -> {
            assertThat(run.status()).isEqualTo(RunStatus.ABANDONED);
            assertThat(run.summary()).isEqualTo("instance dead-1 stopped");
            assertThat(run.finishedAt()).contains(CLOCK.instant());
        });
        assertThat(runs.find("a-2").orElseThrow().status()).isEqualTo(RunStatus.ABANDONED);
        assertThat(runs.find("a-3").orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(runs.find("b-1").orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
        assertThat(store.leases().held()).extracting(Lease::runId).containsExactly("b-1");
    }

    static RunQuery query(Optional<String> job, Optional<RunStatus> status, Optional<String> environment) {
        return new RunQuery(job, status, environment, 50, Optional.empty());
    }

    static List<String> ids(RunPage page) {
        return page.runs().stream().map(RunRecord::runId).toList();
    }



    private static List<String> migrations(StateStore store) throws SQLException {
        List<String> applied = new ArrayList<>();
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT \"version\", \"success\" FROM \"dvb_schema_history\" WHERE \"type\" = 'SQL' ORDER BY \"installed_rank\"");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                applied.add(rows.getString(1) + ":" + rows.getBoolean(2));
            }
        }
        return applied;
    }
}
