package io.dvbridge.triggers.profiles;

import io.dvbridge.store.StoreSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The sink half of a profile's test, as DES checked its database user's permissions: a JDBC target must let the
 * export create, alter, insert into and delete from a table (tried on a scratch table, dropped afterwards); a folder
 * must take a file written beside its target and moved into place. Each step says what failed, never the URL's
 * credentials.
 */
final class SinkProbe {

    /** One thing tried on the sink. */
    record Step(String step, boolean passed, String detail) {
    }

    record Result(String kind, String target, List<Step> steps) {
        boolean passed() {
            return steps.stream().allMatch(Step::passed);
        }
    }

    private SinkProbe() {
    }

    static Result probe(Object target) {
        String text = String.valueOf(target);
        return text.regionMatches(true, 0, "jdbc:", 0, 5) ? database(text) : folder(Path.of(text));
    }

    /** The export's embedded H2 file: its folder must take files (the database is created in it). */
    static Result embedded(Path folder) {
        Result probe = folder(folder);
        return new Result("embedded", "embedded", probe.steps());
    }

    /** A configured export target, with its configured credentials; shown by its name. */
    static Result target(io.dvbridge.config.ExportTargets.Target target) {
        return database(target.url(), target.user(), target.password(), "export target " + target.name());
    }

    private static Result database(String url) {
        return database(url, "", "", new StoreSettings(url, "", "", 1).safeUrl());
    }

    private static Result database(String url, String user, String password, String shown) {
        List<Step> steps = new ArrayList<>();
        String table = "dvb_probe_" + HexFormat.of().formatHex(random(4));
        try (Connection connection = user.isEmpty() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password)) {
            steps.add(new Step("connect", true, connection.getMetaData().getDatabaseProductName() + " "
                    + connection.getMetaData().getDatabaseProductVersion()));
            connection.setAutoCommit(true);
            try (Statement statement = connection.createStatement()) {
                boolean created = run(steps, statement, "create table", "CREATE TABLE " + table + " (id VARCHAR(36) NOT NULL PRIMARY KEY)");
                try {
                    if (created
                            && run(steps, statement, "alter table", "ALTER TABLE " + table + " ADD note VARCHAR(100)")
                            && run(steps, statement, "insert", "INSERT INTO " + table + " (id, note) VALUES ('probe', 'dvbridge')")) {
                        run(steps, statement, "delete", "DELETE FROM " + table + " WHERE id = 'probe'");
                    }
                } finally {
                    if (created) {
                        run(steps, statement, "drop table", "DROP TABLE " + table);
                    }
                }
            }
        } catch (SQLException e) {
            steps.add(new Step(steps.isEmpty() ? "connect" : "close", false, message(e)));
        }
        return new Result("jdbc", shown, steps);
    }

    private static boolean run(List<Step> steps, Statement statement, String step, String sql) {
        try {
            statement.execute(sql);
            steps.add(new Step(step, true, sql));
            return true;
        } catch (SQLException e) {
            steps.add(new Step(step, false, sql + ": " + message(e)));
            return false;
        }
    }

    private static Result folder(Path folder) {
        List<Step> steps = new ArrayList<>();
        Path probe = folder.resolve(".dvbridge-probe-" + HexFormat.of().formatHex(random(4)));
        Path temporary = folder.resolve(probe.getFileName() + ".tmp");
        try {
            Files.createDirectories(folder);
            steps.add(new Step("folder", true, "exists"));
            Files.writeString(temporary, "dvbridge sink test\n", StandardCharsets.UTF_8);
            steps.add(new Step("write", true, "a file beside the target"));
            Files.move(temporary, probe, StandardCopyOption.ATOMIC_MOVE);
            steps.add(new Step("move into place", true, "atomic move"));
            Files.delete(probe);
            steps.add(new Step("delete", true, "removed"));
        } catch (IOException | RuntimeException e) {
            // the exception's name says what went wrong (AccessDeniedException, FileSystemException); its message is a server path
            steps.add(new Step(steps.isEmpty() ? "folder" : "write", false, e.getClass().getSimpleName()));
        } finally {
            try {
                Files.deleteIfExists(temporary);
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                steps.add(new Step("clean up", false, e.getClass().getSimpleName()));
            }
        }
        return new Result("folder", folder.getFileName() == null ? folder.toString() : folder.getFileName().toString(), steps);
    }

    /** Drivers' messages name the problem (permission denied, unknown database), not the URL's password. */
    private static String message(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return (e.getSQLState() == null ? "" : "[" + e.getSQLState() + "] ") + message;
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }
}
