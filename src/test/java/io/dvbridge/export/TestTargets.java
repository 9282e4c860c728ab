package io.dvbridge.export;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** A fresh, empty place per test on the machine's real databases: its own PostgreSQL schema, MariaDB database, H2 memory database. */
enum TestTargets {
    POSTGRESQL, MARIADB, H2;

    /** A JDBC URL of a new empty schema or database. */
    String freshUrl() {
        String name = "exp_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12).toLowerCase(Locale.ROOT);
        try {
            return switch (this) {
                case POSTGRESQL -> {
                    try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "");
                         Statement s = c.createStatement()) {
                        s.execute("CREATE SCHEMA " + name);
                    }
                    yield "jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema=" + name;
                }
                case MARIADB -> {
                    try (Connection c = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/test", "root", "");
                         Statement s = c.createStatement()) {
                        s.execute("CREATE DATABASE " + name);
                    }
                    yield "jdbc:mariadb://127.0.0.1:3306/" + name + "?user=root";
                }
                case H2 -> "jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1;DATABASE_TO_LOWER=TRUE";
            };
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create a test place on " + this + ": " + e.getMessage(), e);
        }
    }
}
