package io.dvbridge.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.OptionalLong;

/**
 * Where a push may resume: for each run identity (a hash of environment, table, mode, key and source fingerprint)
 * the source row up to which every batch is committed. Shared by every instance through the state store.
 */
public final class PushCheckpoints {

    private final Jdbc jdbc;
    private final Clock clock;

    PushCheckpoints(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The committed row of an unfinished earlier run of this push; empty when there is none. */
    public OptionalLong committedRow(String runIdentity) {
        return jdbc.inTransaction("read the push checkpoint", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT committed_row FROM dvb_push_checkpoints WHERE run_identity = ?")) {
                statement.setString(1, runIdentity);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
                }
            }
        });
    }

    /** Records that every row up to {@code committedRow} is written; never moves a checkpoint back. */
    public void save(String runIdentity, String environment, String table, String fingerprint, long committedRow, String runId) {
        jdbc.inRetriedTransaction("save the push checkpoint", connection -> {
            int updated;
            try (PreparedStatement update = connection.prepareStatement("UPDATE dvb_push_checkpoints SET committed_row = ?, run_id = ?,"
                    + " updated_at = ? WHERE run_identity = ? AND committed_row <= ?")) {
                update.setLong(1, committedRow);
                update.setString(2, runId);
                update.setObject(3, Jdbc.timestamp(clock.instant()));
                update.setString(4, runIdentity);
                update.setLong(5, committedRow);
                updated = update.executeUpdate();
            }
            if (updated == 0 && committedRow(connection, runIdentity).isEmpty()) {
                try (PreparedStatement insert = connection.prepareStatement("INSERT INTO dvb_push_checkpoints (run_identity, environment,"
                        + " table_name, source_fingerprint, committed_row, run_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    insert.setString(1, runIdentity);
                    insert.setString(2, environment);
                    insert.setString(3, table);
                    insert.setString(4, fingerprint);
                    insert.setLong(5, committedRow);
                    insert.setString(6, runId);
                    insert.setObject(7, Jdbc.timestamp(clock.instant()));
                    insert.executeUpdate();
                }
            }
            return null;
        });
    }

    /** The push finished: a later run of it starts from the first row. */
    public void clear(String runIdentity) {
        jdbc.inTransaction("clear the push checkpoint", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM dvb_push_checkpoints WHERE run_identity = ?")) {
                statement.setString(1, runIdentity);
                statement.executeUpdate();
            }
            return null;
        });
    }

    private static OptionalLong committedRow(java.sql.Connection connection, String runIdentity) throws java.sql.SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT committed_row FROM dvb_push_checkpoints WHERE run_identity = ?")) {
            statement.setString(1, runIdentity);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
            }
        }
    }
}
