package io.dvbridge.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the failure log the export job writes into the state store: table {@code export_failures} with the
 * columns profile, run_id, entity, record_id, notification_time, change_type, failure_reason. The export job owns
 * the table and its migration; this side only reads it.
 */
final class JdbcExportFailures implements ExportFailures {

    static final String TABLE = "export_failures";

    private final Jdbc jdbc;

    JdbcExportFailures(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Page page(String profile, Optional<String> entity, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset >= 0 and limit 1-" + MAX_LIMIT + " expected");
        }
        return jdbc.inTransaction("read the failure log of export profile " + profile, connection -> {
            // one row more than asked tells whether another page follows
            try (PreparedStatement statement = connection.prepareStatement("SELECT profile, run_id, entity, record_id, notification_time,"
                    + " change_type, failure_reason FROM " + TABLE + " WHERE profile = ?" + (entity.isPresent() ? " AND entity = ?" : "")
                    + " ORDER BY notification_time DESC, run_id DESC, entity, record_id LIMIT ? OFFSET ?")) {
                int i = 1;
                statement.setString(i++, profile);
                if (entity.isPresent()) {
                    statement.setString(i++, entity.get());
                }
                statement.setInt(i++, limit + 1);
                statement.setInt(i, offset);
                try (ResultSet rows = statement.executeQuery()) {
                    List<ExportFailure> failures = new ArrayList<>();
                    while (rows.next()) {
                        failures.add(failure(rows));
                    }
                    boolean more = failures.size() > limit;
                    return new Page(more ? List.copyOf(failures.subList(0, limit)) : List.copyOf(failures), more);
                }
            }
        });
    }

    private static ExportFailure failure(ResultSet rows) throws SQLException {
        return new ExportFailure(rows.getString("profile"), rows.getString("run_id"), rows.getString("entity"),
                Optional.ofNullable(rows.getString("record_id")).filter(id -> !id.isBlank() && !id.equals("N/A")),
                Jdbc.instant(rows, "notification_time"), rows.getString("change_type"), rows.getString("failure_reason"));
    }
}
