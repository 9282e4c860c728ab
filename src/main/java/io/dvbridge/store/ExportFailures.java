package io.dvbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * The export failure log in the state store: records that did not land after their retries, kept until a later
 * run writes them (DES marked them processed and gave up; dvbridge tries them again on every run).
 */
public final class ExportFailures {

    private static final String COLUMNS = "failure_id, profile, run_id, environment, target, entity, record_id, notification_time,"
            + " change_type, failure_reason, payload, resolved_at";

    private final Jdbc jdbc;

    ExportFailures(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** Records new failures; a record already pending for the same table and target is replaced by the newer attempt. */
    public void record(Collection<ExportFailureRecord> failures) {
        if (failures.isEmpty()) {
            return;
        }
        jdbc.inTransaction("record export failures", connection -> {
            try (PreparedStatement resolveOld = connection.prepareStatement("DELETE FROM export_failures WHERE environment = ? AND target = ?"
                    + " AND entity = ? AND record_id = ? AND resolved_at IS NULL");
                 PreparedStatement insert = connection.prepareStatement("INSERT INTO export_failures (profile, run_id, environment, target,"
                         + " entity, record_id, notification_time, change_type, failure_reason, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ExportFailureRecord f : failures) {
                    resolveOld.setString(1, f.environment());
                    resolveOld.setString(2, f.target());
                    resolveOld.setString(3, f.entity());
                    resolveOld.setString(4, f.recordId());
                    resolveOld.addBatch();
                    insert.setString(1, f.profile());
                    insert.setString(2, f.runId());
                    insert.setString(3, f.environment());
                    insert.setString(4, f.target());
                    insert.setString(5, f.entity());
                    insert.setString(6, f.recordId());
                    insert.setTimestamp(7, Timestamp.from(f.notificationTime()));
                    insert.setString(8, f.changeType());
                    insert.setString(9, f.failureReason().length() > 2000 ? f.failureReason().substring(0, 2000) : f.failureReason());
                    insert.setString(10, f.payload());
                    insert.addBatch();
                }
                resolveOld.executeBatch();
                insert.executeBatch();
            }
            return null;
        });
    }

    /** The records of one table still to land in one target, oldest first, at most {@code limit}. */
    public List<ExportFailureRecord> pending(String environment, String target, String entity, int limit) {
        return jdbc.inTransaction("read pending export failures", connection -> query(connection, "SELECT " + COLUMNS
                + " FROM export_failures WHERE environment = ? AND target = ? AND entity = ? AND resolved_at IS NULL"
                + " ORDER BY failure_id", limit, environment, target, entity));
    }

    /** Marks records as landed. */
    public void resolved(Collection<Long> ids, Instant when) {
        if (ids.isEmpty()) {
            return;
        }
        jdbc.inTransaction("resolve export failures", connection -> {
            try (PreparedStatement update = connection.prepareStatement("UPDATE export_failures SET resolved_at = ? WHERE failure_id = ?")) {
                for (long id : ids) {
                    update.setTimestamp(1, Timestamp.from(when));
                    update.setLong(2, id);
                    update.addBatch();
                }
                update.executeBatch();
            }
            return null;
        });
    }

    /** The failure log of a profile, newest first (what the profile's {@code failures} operation serves). */
    public List<ExportFailureRecord> ofProfile(String profile, int limit) {
        return jdbc.inTransaction("read the export failures of a profile", connection -> query(connection, "SELECT " + COLUMNS
                + " FROM export_failures WHERE profile = ? ORDER BY notification_time DESC, failure_id DESC", limit, profile));
    }

    /** The failures a run recorded, in order. */
    public List<ExportFailureRecord> ofRun(String runId) {
        return jdbc.inTransaction("read the export failures of a run", connection -> query(connection, "SELECT " + COLUMNS
                + " FROM export_failures WHERE run_id = ? ORDER BY failure_id", Integer.MAX_VALUE, runId));
    }

    private static List<ExportFailureRecord> query(Connection connection, String sql, int limit, String... parameters) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setMaxRows(Math.max(0, limit == Integer.MAX_VALUE ? 0 : limit));
            for (int i = 0; i < parameters.length; i++) {
                select.setString(i + 1, parameters[i]);
            }
            List<ExportFailureRecord> records = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Timestamp resolved = rows.getTimestamp("resolved_at");
                    records.add(new ExportFailureRecord(rows.getLong("failure_id"), rows.getString("profile"), rows.getString("run_id"),
                            rows.getString("environment"), rows.getString("target"), rows.getString("entity"), rows.getString("record_id"),
                            rows.getTimestamp("notification_time").toInstant(), rows.getString("change_type"),
                            rows.getString("failure_reason"), rows.getString("payload"),
                            Optional.ofNullable(resolved).map(Timestamp::toInstant)));
                }
            }
            return records;
        }
    }
}
