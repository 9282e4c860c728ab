package io.dvbridge.store;

import org.quartz.utils.ConnectionProvider;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Hands the state store's pool to Quartz's JDBC job store, so schedules live in the same database as the runs
 * (register it with {@code DBConnectionManager.getInstance().addConnectionProvider(name, ...)} and name it in
 * {@code org.quartz.jobStore.dataSource}). The pool belongs to the store: Quartz's shutdown does not close it.
 */
public final class QuartzConnections implements ConnectionProvider {

    private final DataSource dataSource;

    public QuartzConnections(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return dataSource.getConnection();
    }

    @Override
    public void shutdown() {
        // the state store closes the pool when it closes
    }

    @Override
    public void initialize() {
        // nothing to prepare: the pool is open
    }
}
