package io.dvbridge.store;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Behaviours of the state store run once per database: each subclass names the database, and every test gets
 * an empty one of its own. Stores opened through {@link #open()} are closed after the test.
 */
abstract class OnDatabase {

    static final Instant T0 = Instant.parse("2026-12-02T08:00:00Z");
    static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-02T09:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path folder;
    private TestDatabase database;
    private final List<StateStore> opened = new ArrayList<>();

    abstract TestDatabase newDatabase(Path folder);

    @BeforeEach
    void createDatabase() {
        database = newDatabase(folder);
    }

    @AfterEach
    void dropDatabase() {
        try {
            opened.forEach(StateStore::close);
        } finally {
            database.close();
        }
    }

    StoreSettings settings() {
        return database.settings();
    }

    /** A store on this test's database; open it twice for two instances (two pools), as two processes would. */
    StateStore open() {
        StateStore store = StateStore.open(settings(), CLOCK);
        opened.add(store);
        return store;
    }

    static RunRecord run(String runId, String job, RunStatus status, Instant createdAt, String... environments) {
        return new RunRecord(runId, job, status, List.of(environments), false, "rest", "ops-key", createdAt,
                Optional.empty(), Optional.empty(), Optional.empty(), "queued", 0, 0, "host-1-abcdef");
    }

    static RunRecord withInstance(RunRecord run, String instanceId) {
        return new RunRecord(run.runId(), run.job(), run.status(), run.environments(), run.dryRun(), run.trigger(),
                run.caller(), run.createdAt(), run.startedAt(), run.finishedAt(), run.exitCode(), run.summary(), run.done(),
                run.total(), instanceId);
    }

    static long count(StateStore store, String sql, Object... parameters) throws SQLException {
        try (Connection connection = store.dataSource().getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }
}
