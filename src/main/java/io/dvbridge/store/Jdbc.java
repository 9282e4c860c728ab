package io.dvbridge.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/** Transactions and the few conversions every table of the store needs. */
final class Jdbc {

    /** Unique key violated (both databases), and the states after which trying again may succeed. */
    static final String UNIQUE_VIOLATION = "23505";
    private static final Set<String> RETRYABLE = Set.of(UNIQUE_VIOLATION, "40001", "40P01", "HYT00");
    private static final int ATTEMPTS = 5;

    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final DataSource dataSource;
    private final String storeName;

    Jdbc(DataSource dataSource, String storeName) {
        this.dataSource = dataSource;
        this.storeName = storeName;
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    <T> T inTransaction(String what, Work<T> work) {
        try {
            return attempt(work);
        } catch (SQLException e) {
            throw failure(what, e);
        }
    }

    /**
     * Like {@link #inTransaction}, but starts over when the database refused the transaction because a
     * concurrent one got there first (a unique key, a serialization failure, a deadlock or a lock timeout): the
     * next attempt sees what the other one committed.
     */
    <T> T inRetriedTransaction(String what, Work<T> work) {
        SQLException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return attempt(work);
            } catch (SQLException e) {
                if (!RETRYABLE.contains(e.getSQLState())) {
                    throw failure(what, e);
                }
                last = e;
            }
        }
        throw failure(what, last);
    }

    private <T> T attempt(Work<T> work) throws SQLException {
        // the pool puts auto-commit back when the connection returns to it
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    e.addSuppressed(rollbackFailure);
                }
                throw e;
            }
        }
    }

    private StateStoreException failure(String what, SQLException e) {
        return new StateStoreException("State store " + storeName + ": could not " + what + ": " + e.getMessage(), e);
    }

    /** The database's clock: the one time every instance agrees on, whatever their own clocks say. */
    static Instant databaseNow(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT CURRENT_TIMESTAMP");
             ResultSet rows = statement.executeQuery()) {
            rows.next();
            return micros(rows.getObject(1, OffsetDateTime.class).toInstant());
        }
    }

    /** Both databases keep microseconds: a time cut to them reads back equal to what was written. */
    static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    static OffsetDateTime timestamp(Instant instant) {
        return micros(instant).atOffset(ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rows, String column) throws SQLException {
        return rows.getObject(column, OffsetDateTime.class).toInstant();
    }

    static Optional<Instant> optionalInstant(ResultSet rows, String column) throws SQLException {
        return Optional.ofNullable(rows.getObject(column, OffsetDateTime.class)).map(OffsetDateTime::toInstant);
    }
}
