package io.dvbridge.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pages of the export job's failure log ({@code export_failures}, its own migration) for one profile. An entry
 * belongs to the profile when it names it, or when the run that wrote it was one the profile's schedule started
 * (its run record's caller is {@code profile:<name>}).
 */
final class JdbcProfileFailures implements ProfileFailures {

    private static final String COLUMNS = "failure_id, profile, run_id, environment, target, entity, record_id, notification_time,"
            + " change_type, failure_reason, resolved_at";

    private final Jdbc jdbc;

    JdbcProfileFailures(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public Page page(String profile, Optional<String> entity, int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset >= 0 and limit 1-" + MAX_LIMIT + " expected");
        }
        return jdbc.inTransaction("read the failure log of export profile " + profile, connection -> {
            // one row more than asked tells whether another page follows
            try (PreparedStatement statement = connection.prepareStatement("SELECT " + COLUMNS + " FROM export_failures"
                    + " WHERE (profile = ? OR run_id IN (SELECT run_id FROM dvb_runs WHERE caller = ?))"
                    + (entity.isPresent() ? " AND entity = ?" : "")
                    + " ORDER BY notification_time DESC, failure_id DESC LIMIT ? OFFSET ?")) {
                int i = 1;
                statement.setString(i++, profile);
                statement.setString(i++, "profile:" + profile);
                if (entity.isPresent()) {
                    statement.setString(i++, entity.get());
                }
                statement.setInt(i++, limit + 1);
                statement.setInt(i, offset);
                try (ResultSet rows = statement.executeQuery()) {
                    List<ExportFailureRecord> failures = new ArrayList<>();
                    while (rows.next()) {
                        failures.add(failure(rows));
                    }
                    boolean more = failures.size() > limit;
                    return new Page(more ? List.copyOf(failures.subList(0, limit)) : List.copyOf(failures), more);
                }
            }
        });
    }

    /** The row itself (payload) stays in the store: it is for the export's next attempt, not for the log's readers. */
    private static ExportFailureRecord failure(ResultSet rows) throws SQLException {
        return new ExportFailureRecord(rows.getLong("failure_id"), rows.getString("profile"), rows.getString("run_id"),
                rows.getString("environment"), rows.getString("target"), rows.getString("entity"), rows.getString("record_id"),
                Jdbc.instant(rows, "notification_time"), rows.getString("change_type"), rows.getString("failure_reason"), "",
                Jdbc.optionalInstant(rows, "resolved_at"));
    }
}
