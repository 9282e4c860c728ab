package io.dvbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Export profiles in {@code dvb_export_profiles}; the primary key on the name makes two instances' creations safe. */
final class JdbcExportProfiles implements ExportProfiles {

    private static final String COLUMNS = "name, request, interval_seconds, retry_interval_seconds, retry_max, active, created_at, updated_at";

    private final Jdbc jdbc;

    JdbcExportProfiles(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<ExportProfile> all() {
        return jdbc.inTransaction("list export profiles", connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM dvb_export_profiles ORDER BY name");
                 ResultSet rows = statement.executeQuery()) {
                List<ExportProfile> profiles = new ArrayList<>();
                while (rows.next()) {
                    profiles.add(profile(rows));
                }
                return profiles;
            }
        });
    }

    @Override
    public Optional<ExportProfile> find(String name) {
        return jdbc.inTransaction("read export profile " + name, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM dvb_export_profiles WHERE name = ?")) {
                statement.setString(1, name);
                try (ResultSet rows = statement.executeQuery()) {
                    return rows.next() ? Optional.of(profile(rows)) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean insert(ExportProfile profile) {
        try {
            return jdbc.inTransaction("save export profile " + profile.name(), connection -> {
                if (exists(connection, profile.name())) {
                    return false;
                }
                try (PreparedStatement statement = connection.prepareStatement(
                        "INSERT INTO dvb_export_profiles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
                    statement.setString(1, profile.name());
                    statement.setString(2, profile.request());
                    statement.setLong(3, profile.interval().toSeconds());
                    statement.setLong(4, profile.retryInterval().toSeconds());
                    statement.setInt(5, profile.retryMax());
                    statement.setBoolean(6, profile.active());
                    statement.setObject(7, Jdbc.timestamp(profile.createdAt()));
                    statement.setObject(8, Jdbc.timestamp(profile.updatedAt()));
                    statement.executeUpdate();
                }
                return true;
            });
        } catch (StateStoreException e) {
            // another instance inserted the same name between our check and our insert
            if (e.getCause() instanceof SQLException sql && Jdbc.UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean update(ExportProfile profile) {
        return jdbc.inTransaction("save export profile " + profile.name(), connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE dvb_export_profiles SET request = ?, interval_seconds = ?,"
                    + " retry_interval_seconds = ?, retry_max = ?, active = ?, updated_at = ? WHERE name = ?")) {
                statement.setString(1, profile.request());
                statement.setLong(2, profile.interval().toSeconds());
                statement.setLong(3, profile.retryInterval().toSeconds());
                statement.setInt(4, profile.retryMax());
                statement.setBoolean(5, profile.active());
                statement.setObject(6, Jdbc.timestamp(profile.updatedAt()));
                statement.setString(7, profile.name());
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean setActive(String name, boolean active, Instant at) {
        return jdbc.inTransaction((active ? "activate" : "deactivate") + " export profile " + name, connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "UPDATE dvb_export_profiles SET active = ?, updated_at = ? WHERE name = ?")) {
                statement.setBoolean(1, active);
                statement.setObject(2, Jdbc.timestamp(at));
                statement.setString(3, name);
                return statement.executeUpdate() == 1;
            }
        });
    }

    @Override
    public boolean delete(String name) {
        return jdbc.inTransaction("delete export profile " + name, connection -> {
            try (PreparedStatement statement = connection.prepareStatement("DELETE FROM dvb_export_profiles WHERE name = ?")) {
                statement.setString(1, name);
                return statement.executeUpdate() == 1;
            }
        });
    }

    private static boolean exists(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM dvb_export_profiles WHERE name = ?")) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    private static ExportProfile profile(ResultSet rows) throws SQLException {
        return new ExportProfile(rows.getString("name"), rows.getString("request"), Duration.ofSeconds(rows.getLong("interval_seconds")),
                Duration.ofSeconds(rows.getLong("retry_interval_seconds")), rows.getInt("retry_max"), rows.getBoolean("active"),
                Jdbc.instant(rows, "created_at"), Jdbc.instant(rows, "updated_at"));
    }
}
