package io.dvbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** Run records in {@code dvb_runs}, their environments in {@code dvb_run_environments} (indexed for the filter). */
final class JdbcRunRecords implements RunRecords {

    /** A run's record must not be lost because its summary is long: longer summaries are cut to this many characters. */
    static final int SUMMARY_LENGTH = 2000;

    private static final String COLUMNS = "run_id, job, status, dry_run, trigger, caller, created_at, started_at, finished_at,"
            + " exit_code, summary, done, total, instance_id";

    private final Jdbc jdbc;
    private final Clock clock;

    JdbcRunRecords(Jdbc jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void insert(RunRecord record) {
        jdbc.inTransaction("record run " + record.runId(), connection -> {
            if (exists(connection, record.runId())) {
                throw new StateStoreException("Run " + record.runId() + " is already recorded");
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO dvb_runs (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                statement.setString(1, record.runId());
                statement.setString(2, record.job());
                statement.setString(3, record.status().name());
                statement.setBoolean(4, record.dryRun());
                statement.setString(5, record.trigger());
                statement.setString(6, record.caller());
                statement.setObject(7, Jdbc.timestamp(record.createdAt()));
                statement.setObject(8, record.startedAt().map(Jdbc::timestamp).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE);
                statement.setObject(9, record.finishedAt().map(Jdbc::timestamp).orElse(null), Types.TIMESTAMP_WITH_TIMEZONE);
                statement.setObject(10, record.exitCode().orElse(null), Types.INTEGER);
                statement.setString(11, summary(record.summary()));
                statement.setLong(12, record.done());
                statement.setLong(13, record.total());
                statement.setString(14, record.instanceId());
                statement.executeUpdate();
            }
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT INTO dvb_run_environments (run_id, ordinal, environment) VALUES (?, ?, ?)")) {
                for (int i = 0; i < record.environments().size(); i++) {
                    statement.setString(1, record.runId());
                    statement.setInt(2, i);
                    statement.setString(3, record.environments().get(i));
                    statement.addBatch();
                }
                statement.executeBatch();
            }
            return null;
        });
    }

    @Override
    public void started(String runId, Instant at) {
        jdbc.inTransaction("mark run " + runId + " started", connection -> {
            int updated = update(connection, "UPDATE dvb_runs SET status = 'RUNNING', started_at = ? WHERE run_id = ?"
                    + " AND status IN ('QUEUED', 'RUNNING')", Jdbc.timestamp(at), runId);
            if (updated == 0) {
                throw refusal(connection, runId);
            }
            return null;
        });
    }

    @Override
    public void progress(String runId, long done, long total) {
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("Run " + runId + ": progress cannot be negative (done " + done + ", total " + total + ")");
        }
        int updated = jdbc.inTransaction("record the progress of run " + runId,
                connection -> update(connection, "UPDATE dvb_runs SET done = ?, total = ? WHERE run_id = ?", done, total, runId));
        if (updated == 0) {
            throw new UnknownRunException(runId);
        }
    }

    @Override
    public void finish(String runId, RunStatus status, int exitCode, String summary, Instant at) {
        if (!status.finished()) {
            throw new IllegalArgumentException("Run " + runId + " cannot finish as " + status + ": that status is not final");
        }
        jdbc.inTransaction("finish run " + runId, connection -> {
            int updated = update(connection, "UPDATE dvb_runs SET status = ?, exit_code = ?, summary = ?, finished_at = ?"
                            + " WHERE run_id = ? AND status IN ('QUEUED', 'RUNNING')",
                    status.name(), exitCode, summary(summary), Jdbc.timestamp(at), runId);
            if (updated == 0) {
                throw refusal(connection, runId);
            }
            return null;
        });
    }

    @Override
    public Optional<RunRecord> find(String runId) {
        return jdbc.inTransaction("read run " + runId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM dvb_runs WHERE run_id = ?")) {
                statement.setString(1, runId);
                return read(connection, statement).stream().findFirst();
            }
        });
    }

    @Override
    public RunPage page(RunQuery query) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM dvb_runs r WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        query.job().ifPresent(job -> {
            sql.append(" AND r.job = ?");
            parameters.add(job);
        });
        query.status().ifPresent(status -> {
            sql.append(" AND r.status = ?");
            parameters.add(status.name());
        });
        query.environment().ifPresent(environment -> {
            sql.append(" AND EXISTS (SELECT 1 FROM dvb_run_environments e WHERE e.run_id = r.run_id AND e.environment = ?)");
            parameters.add(environment);
        });
        query.cursor().ifPresent(cursor -> {
            sql.append(" AND (r.created_at < ? OR (r.created_at = ? AND r.run_id < ?))");
            parameters.add(Jdbc.timestamp(cursor.createdAt()));
            parameters.add(Jdbc.timestamp(cursor.createdAt()));
            parameters.add(cursor.runId());
        });
        sql.append(" ORDER BY r.created_at DESC, r.run_id DESC LIMIT ?");
        parameters.add(query.limit() + 1);
        List<RunRecord> runs = jdbc.inTransaction("list runs", connection -> {
            try (PreparedStatement statement = connection.prepareStatement(sql.toString())) {
                for (int i = 0; i < parameters.size(); i++) {
                    statement.setObject(i + 1, parameters.get(i));
                }
                return read(connection, statement);
            }
        });
        if (runs.size() <= query.limit()) {
            return new RunPage(runs, Optional.empty());
        }
        List<RunRecord> page = runs.subList(0, query.limit());
        RunRecord last = page.get(page.size() - 1);
        return new RunPage(page, Optional.of(new RunCursor(last.createdAt(), last.runId()).encode()));
    }

    @Override
    public int abandonRunning(String instanceId, String reason) {
        return jdbc.inTransaction("abandon the runs of instance " + instanceId, connection -> {
            int abandoned = update(connection, "UPDATE dvb_runs SET status = 'ABANDONED', summary = ?, finished_at = ?"
                            + " WHERE instance_id = ? AND status IN ('QUEUED', 'RUNNING')",
                    summary(reason), Jdbc.timestamp(clock.instant()), instanceId);
            update(connection, "DELETE FROM dvb_leases WHERE instance_id = ?", instanceId);
            return abandoned;
        });
    }

    /** Marks one run ABANDONED inside the caller's transaction, unless it already finished. */
    void abandon(Connection connection, String runId, String reason) throws SQLException {
        update(connection, "UPDATE dvb_runs SET status = 'ABANDONED', summary = ?, finished_at = ?"
                + " WHERE run_id = ? AND status IN ('QUEUED', 'RUNNING')", summary(reason), Jdbc.timestamp(clock.instant()), runId);
    }

    private static String summary(String summary) {
        return summary.length() <= SUMMARY_LENGTH ? summary : summary.substring(0, SUMMARY_LENGTH - 1) + "…";
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static boolean exists(Connection connection, String runId) throws SQLException {
        return status(connection, runId).isPresent();
    }

    private static Optional<RunStatus> status(Connection connection, String runId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT status FROM dvb_runs WHERE run_id = ?")) {
            statement.setString(1, runId);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(RunStatus.valueOf(rows.getString(1))) : Optional.empty();
            }
        }
    }

    /** Why an update of a run touched no row: the run is unknown, or it already finished. */
    private static StateStoreException refusal(Connection connection, String runId) throws SQLException {
        Optional<RunStatus> status = status(connection, runId);
        return status.<StateStoreException>map(s -> new RunAlreadyFinishedException(runId, s))
                .orElseGet(() -> new UnknownRunException(runId));
    }

    private static List<RunRecord> read(Connection connection, PreparedStatement statement) throws SQLException {
        Map<String, RunRow> rows = new LinkedHashMap<>();
        try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                RunRow row = RunRow.of(result);
                rows.put(row.runId(), row);
            }
        }
        Map<String, List<String>> environments = environments(connection, rows.keySet());
        return rows.values().stream()
                .map(row -> row.toRecord(environments.getOrDefault(row.runId(), List.of())))
                .collect(Collectors.toList());
    }

    private static Map<String, List<String>> environments(Connection connection, java.util.Collection<String> runIds)
            throws SQLException {
        Map<String, List<String>> environments = new LinkedHashMap<>();
        if (runIds.isEmpty()) {
            return environments;
        }
        String marks = runIds.stream().map(id -> "?").collect(Collectors.joining(", "));
        try (PreparedStatement statement = connection.prepareStatement("SELECT run_id, environment FROM dvb_run_environments"
                + " WHERE run_id IN (" + marks + ") ORDER BY run_id, ordinal")) {
            int index = 1;
            for (String runId : runIds) {
                statement.setString(index++, runId);
            }
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    environments.computeIfAbsent(rows.getString(1), id -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return environments;
    }

    /** One row of dvb_runs before its environments are joined in. */
    private record RunRow(String runId, String job, RunStatus status, boolean dryRun, String trigger, String caller,
                          Instant createdAt, Optional<Instant> startedAt, Optional<Instant> finishedAt,
                          Optional<Integer> exitCode, String summary, long done, long total, String instanceId) {

        static RunRow of(ResultSet rows) throws SQLException {
            int exitCode = rows.getInt("exit_code");
            Optional<Integer> exit = rows.wasNull() ? Optional.empty() : Optional.of(exitCode);
            return new RunRow(rows.getString("run_id"), rows.getString("job"), RunStatus.valueOf(rows.getString("status")),
                    rows.getBoolean("dry_run"), rows.getString("trigger"), rows.getString("caller"),
                    Jdbc.instant(rows, "created_at"), Jdbc.optionalInstant(rows, "started_at"),
                    Jdbc.optionalInstant(rows, "finished_at"), exit, rows.getString("summary"), rows.getLong("done"),
                    rows.getLong("total"), rows.getString("instance_id"));
        }

        RunRecord toRecord(List<String> environments) {
            return new RunRecord(runId, job, status, environments, dryRun, trigger, caller, createdAt, startedAt, finishedAt,
                    exitCode, summary, done, total, instanceId);
        }
    }
}
