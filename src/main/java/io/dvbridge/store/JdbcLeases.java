package io.dvbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Leases in {@code dvb_leases}, one row per (kind, target) under a primary key. Expiry is decided by the
 * database's clock ({@code CURRENT_TIMESTAMP}), never by an instance's: two machines whose clocks disagree
 * still agree on whether a lease has run out. Taking a lease locks its row ({@code SELECT ... FOR UPDATE}), so a
 * take-over and a heartbeat of the same lease never interleave; two first inserts meet at the primary key, and
 * the loser tries again and finds the winner's row.
 */
final class JdbcLeases implements Leases {

    private static final String COLUMNS = "kind, target, run_id, instance_id, acquired_at, expires_at";

    private final Jdbc jdbc;
    private final JdbcRunRecords runs;
    private final String instanceId;
    /** The targets each run of this process took, so a heartbeat notices when one of several was taken over. */
    private final Map<String, Set<Target>> takenByRun = new ConcurrentHashMap<>();

    private record Target(String kind, String target) {
    }

    JdbcLeases(Jdbc jdbc, JdbcRunRecords runs, String instanceId) {
        this.jdbc = jdbc;
        this.runs = runs;
        this.instanceId = instanceId;
    }

    @Override
    public LeaseResult acquire(String kind, String target, String runId, Duration ttl) {
        requireText("kind", kind);
        requireText("target", target);
        requireText("runId", runId);
        requirePositive(ttl);
        LeaseResult result = take(kind, target, runId, ttl);
        if (result instanceof LeaseResult.Acquired) {
            takenByRun.computeIfAbsent(runId, id -> ConcurrentHashMap.newKeySet()).add(new Target(kind, target));
        }
        return result;
    }

    private LeaseResult take(String kind, String target, String runId, Duration ttl) {
        return jdbc.inRetriedTransaction("take the " + kind + " lease on " + target + " for run " + runId, connection -> {
            Instant now = Jdbc.databaseNow(connection);
            Lease wanted = new Lease(kind, target, runId, instanceId, now, Jdbc.micros(now.plus(ttl)));
            Optional<Lease> current = lockedLease(connection, kind, target);
            if (current.isEmpty()) {
                insert(connection, wanted);
                return new LeaseResult.Acquired(wanted);
            }
            Lease holder = current.get();
            boolean ours = holder.runId().equals(runId);
            if (!ours && holder.expiresAt().isAfter(now)) {
                return new LeaseResult.Held(holder);
            }
            Lease taken = ours ? new Lease(kind, target, runId, instanceId, holder.acquiredAt(), Jdbc.micros(now.plus(ttl))) : wanted;
            replace(connection, taken);
            if (!ours) {
                runs.abandon(connection, holder.runId(),
                        "lease expired; instance " + holder.instanceId() + " stopped renewing");
            }
            return new LeaseResult.Acquired(taken);
        });
    }

    @Override
    public boolean renew(String runId, Duration ttl) {
        requirePositive(ttl);
        int renewed = jdbc.inTransaction("renew the leases of run " + runId, connection -> {
            Instant now = Jdbc.databaseNow(connection);
            try (PreparedStatement statement = connection.prepareStatement("UPDATE dvb_leases SET expires_at = ? WHERE run_id = ?")) {
                statement.setObject(1, Jdbc.timestamp(now.plus(ttl)));
                statement.setString(2, runId);
                return statement.executeUpdate();
            }
        });
        int taken = takenByRun.getOrDefault(runId, Set.of()).size();
        return renewed > 0 && renewed >= taken;
    }

    @Override
    public void release(String runId) {
        takenByRun.remove(runId);
        jdbc.inTransaction("release the leases of run " + runId, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM dvb_leases WHERE run_id = ?")) {
                statement.setString(1, runId);
                return statement.executeUpdate();
            }
        });
    }

    @Override
    public List<Lease> held() {
        return jdbc.inTransaction("list the leases", connection -> {
            Instant now = Jdbc.databaseNow(connection);
            try (PreparedStatement statement = connection.prepareStatement(
                    "SELECT " + COLUMNS + " FROM dvb_leases WHERE expires_at > ? ORDER BY kind, target")) {
                statement.setObject(1, Jdbc.timestamp(now));
                List<Lease> leases = new ArrayList<>();
                try (ResultSet rows = statement.executeQuery()) {
                    while (rows.next()) {
                        leases.add(lease(rows));
                    }
                }
                return leases;
            }
        });
    }

    private static Optional<Lease> lockedLease(Connection connection, String kind, String target) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT " + COLUMNS + " FROM dvb_leases WHERE kind = ? AND target = ? FOR UPDATE")) {
            statement.setString(1, kind);
            statement.setString(2, target);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(lease(rows)) : Optional.empty();
            }
        }
    }

    private static void insert(Connection connection, Lease lease) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO dvb_leases (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            statement.setString(1, lease.kind());
            statement.setString(2, lease.target());
            statement.setString(3, lease.runId());
            statement.setString(4, lease.instanceId());
            statement.setObject(5, Jdbc.timestamp(lease.acquiredAt()));
            statement.setObject(6, Jdbc.timestamp(lease.expiresAt()));
            statement.executeUpdate();
        }
    }

    private static void replace(Connection connection, Lease lease) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("UPDATE dvb_leases SET run_id = ?, instance_id = ?,"
                + " acquired_at = ?, expires_at = ? WHERE kind = ? AND target = ?")) {
            statement.setString(1, lease.runId());
            statement.setString(2, lease.instanceId());
            statement.setObject(3, Jdbc.timestamp(lease.acquiredAt()));
            statement.setObject(4, Jdbc.timestamp(lease.expiresAt()));
            statement.setString(5, lease.kind());
            statement.setString(6, lease.target());
            statement.executeUpdate();
        }
    }

    private static Lease lease(ResultSet rows) throws SQLException {
        return new Lease(rows.getString("kind"), rows.getString("target"), rows.getString("run_id"),
                rows.getString("instance_id"), Jdbc.instant(rows, "acquired_at"), Jdbc.instant(rows, "expires_at"));
    }

    private static void requireText(String field, String value) {
        Objects.requireNonNull(value, field);
        if (value.isBlank() || value.length() > RunRecord.ID_LENGTH) {
            throw new IllegalArgumentException("A lease's " + field + " must have 1 to " + RunRecord.ID_LENGTH
                    + " characters, not '" + value + "'");
        }
    }

    private static void requirePositive(Duration ttl) {
        if (ttl.isNegative() || ttl.isZero()) {
            throw new IllegalArgumentException("A lease must last a while, not " + ttl);
        }
    }
}
