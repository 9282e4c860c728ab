package io.dvbridge.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Properties;
import javax.sql.DataSource;

/**
 * The state every instance of dvbridge shares: run history, leases, the queue's idempotency keys and the Quartz
 * tables, in one database behind one connection pool. PostgreSQL in production; an H2 file as the embedded
 * default for a single instance. The schema is created and migrated when the store opens (Flyway, scripts in
 * {@code db/migration/common} plus one folder per database).
 *
 * <p>Times: run records carry the times their callers give (from {@code clock}), and the store stamps the runs it
 * abandons with the same clock. Lease expiry alone is judged by the database's clock, because it is compared
 * across instances whose own clocks may disagree.
 */
public final class StateStore implements AutoCloseable {

    private static final int VALIDATION_TIMEOUT_SECONDS = 2;

    private final HikariDataSource dataSource;
    private final Dialect dialect;
    private final String instanceId;
    private final JdbcRunRecords runs;
    private final JdbcLeases leases;
    private final JdbcExportProfiles exportProfiles;
    private final ExportFailures exportFailures;
    private final JdbcProfileFailures profileFailures;
    private final PushCheckpoints pushCheckpoints;

    private StateStore(HikariDataSource dataSource, Dialect dialect, String instanceId, Jdbc jdbc, Clock clock) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.instanceId = instanceId;
        this.runs = new JdbcRunRecords(jdbc, clock);
        this.leases = new JdbcLeases(jdbc, runs, instanceId);
        this.exportProfiles = new JdbcExportProfiles(jdbc);
        this.exportFailures = new ExportFailures(jdbc);
        this.profileFailures = new JdbcProfileFailures(jdbc);
        this.pushCheckpoints = new PushCheckpoints(jdbc, clock);
    }

    /**
     * Opens the pool and brings the schema up to date. Fails with a {@link StateStoreException} that names the
     * store (URL without credentials) and the reason when the database is unreachable or cannot be migrated.
     */
    public static StateStore open(StoreSettings settings, Clock clock) {
        Dialect dialect = Dialect.of(settings);
        probe(settings);
        HikariDataSource dataSource = pool(settings);
        try {
            migrate(dataSource, dialect, settings);
            return new StateStore(dataSource, dialect, newInstanceId(), new Jdbc(dataSource, settings.safeUrl()), clock);
        } catch (RuntimeException e) {
            dataSource.close();
            throw e;
        }
    }

    /** The connection pool; Quartz and camel-sql's idempotent repository use it too. */
    public DataSource dataSource() {
        return dataSource;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** This process: host name, process id and a random suffix, the same for the whole life of the store. */
    public String instanceId() {
        return instanceId;
    }

    public RunRecords runs() {
        return runs;
    }

    public Leases leases() {
        return leases;
    }

    public ExportProfiles exportProfiles() {
        return exportProfiles;
    }

    /** The export failure log as the profiles' {@code failures} operation reads it: paged, by table. */
    public ProfileFailures profileFailures() {
        return profileFailures;
    }

    /** The export job's failure log. */
    public ExportFailures exportFailures() {
        return exportFailures;
    }

    /** The push job's resume points. */
    public PushCheckpoints pushCheckpoints() {
        return pushCheckpoints;
    }

    /** Whether a connection can be had and is valid now: for health checks; never throws. */
    public boolean isReachable() {
        if (dataSource.isClosed()) {
            return false;
        }
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        dataSource.close();
    }

    /**
     * One plain connection before the pool starts: its failure gives the driver's own reason in one line, where
     * a failing pool would log a stack trace of its own first.
     */
    private static void probe(StoreSettings settings) {
        Properties credentials = new Properties();
        if (!settings.username().isEmpty()) {
            credentials.setProperty("user", settings.username());
        }
        if (!settings.password().isEmpty()) {
            credentials.setProperty("password", settings.password());
        }
        try {
            Driver driver = DriverManager.getDriver(settings.url());
            try (Connection connection = driver.connect(settings.url(), credentials)) {
                connection.isValid(VALIDATION_TIMEOUT_SECONDS);
            }
        } catch (SQLException e) {
            throw new StateStoreException("State store " + settings.safeUrl() + " is unreachable: " + e.getMessage());
        }
    }

    private static HikariDataSource pool(StoreSettings settings) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("dvbridge-state");
        config.setJdbcUrl(settings.url());
        config.setUsername(settings.username().isEmpty() ? null : settings.username());
        config.setPassword(settings.password().isEmpty() ? null : settings.password());
        config.setMaximumPoolSize(settings.maxPoolSize());
        config.setMinimumIdle(Math.min(2, settings.maxPoolSize()));
        config.setConnectionTimeout(10_000);
        try {
            return new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new StateStoreException("State store " + settings.safeUrl() + " is unreachable: " + rootMessage(e));
        }
    }

    private static void migrate(DataSource dataSource, Dialect dialect, StoreSettings settings) {
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration/common", dialect.migrationLocation())
                    .table("dvb_schema_history")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new StateStoreException("State store " + settings.safeUrl() + ": the schema could not be migrated: "
                    + e.getMessage());
        }
    }

    private static String newInstanceId() {
        byte[] suffix = new byte[3];
        new SecureRandom().nextBytes(suffix);
        return hostName() + "-" + ProcessHandle.current().pid() + "-" + HexFormat.of().formatHex(suffix);
    }

    private static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name.length() > 150 ? name.substring(0, 150) : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
