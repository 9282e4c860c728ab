package io.dvbridge.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import static org.assertj.core.api.Assertions.fail;

/**
 * A schema of its own in the machine's PostgreSQL (database {@code test}, trust authentication), so tests
 * running in parallel never see each other's tables; dropped with everything in it afterwards.
 */
final class PostgresSchema implements TestDatabase {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static final String USER = "postgres";

    private final String name = "store_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    PostgresSchema() {
        execute("CREATE SCHEMA " + name);
    }

    @Override
    public StoreSettings settings() {
        return new StoreSettings(SERVER + "?currentSchema=" + name, USER, "", 8);
    }

    String name() {
        return name;
    }

    @Override
    public void close() {
        execute("DROP SCHEMA " + name + " CASCADE");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(SERVER, USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            fail("PostgreSQL on 127.0.0.1:5432 (database test, user postgres) is needed: " + e.getMessage());
        }
    }
}
