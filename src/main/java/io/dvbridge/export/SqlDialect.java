package io.dvbridge.export;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The SQL one kind of database needs from the export: column types, DDL, the version-guarded multi-row upsert,
 * deletes and the checkpoint table. The mapping from {@link ColumnKind} to types is documented in docs/export.md.
 */
public abstract sealed class SqlDialect permits SqlDialect.PostgreSql, SqlDialect.MariaDb, SqlDialect.MergeDialect {

    /** The table that holds each exported table's position (nextLink or deltaLink), committed with the rows it covers. */
    public static final String CHECKPOINTS = "dvb_export_checkpoints";
    /** Source keys staged during a key reconciliation. */
    public static final String KEYS = "dvb_export_keys";

    public static SqlDialect forUrl(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:postgresql:")) {
            return new PostgreSql();
        }
        if (url.startsWith("jdbc:mariadb:") || url.startsWith("jdbc:mysql:")) {
            return new MariaDb();
        }
        if (url.startsWith("jdbc:h2:")) {
            return new H2();
        }
        if (url.startsWith("jdbc:sqlserver:")) {
            return new SqlServer();
        }
        throw new IllegalArgumentException("No export dialect for '" + jdbcUrl.replaceAll("[?;].*", "")
                + "': PostgreSQL, MariaDB/MySQL, H2 and SQL Server are supported");
    }

    public abstract String name();

    public String quote(String name) {
        return '"' + name + '"';
    }

    /** The most parameters one statement may carry (drivers' and servers' limits, with room to spare). */
    int maxParameters() {
        return 30_000;
    }

    public abstract String type(ColumnKind kind, int maxLength);

    public String createTable(TableLayout layout) {
        String columns = layout.columns().stream()
                .map(c -> quote(c.name()) + " " + type(c.kind(), c.maxLength()) + (layout.key().contains(c.name()) ? " NOT NULL" : ""))
                .collect(Collectors.joining(", "));
        return "CREATE TABLE " + quote(layout.name()) + " (" + columns + ", CONSTRAINT " + quote("pk_" + layout.name())
                + " PRIMARY KEY (" + quoted(layout.key()) + "))";
    }

    public String addColumn(String table, SinkColumn column) {
        return "ALTER TABLE " + quote(table) + " ADD " + quote(column.name()) + " " + type(column.kind(), column.maxLength());
    }

    /** Rows per statement for a layout, within {@link #maxParameters()}. */
    public int rowsPerStatement(TableLayout layout) {
        return Math.max(1, Math.min(1000, maxParameters() / layout.columns().size()));
    }

    /**
     * One statement that inserts {@code rows} rows, or updates the rows whose key exists and whose
     * versionnumber is not newer than the incoming one (an older version never overwrites a newer one).
     */
    public abstract String upsert(TableLayout layout, int rows);

    public String deleteByIds(String table, int ids) {
        return "DELETE FROM " + quote(table) + " WHERE " + quote(TableLayout.ID) + " IN (" + placeholders(ids) + ")";
    }

    /** Copies the rows about to be deleted into the delete log, with their last version. */
    public String logDeletes(String table, String deleteLog, int ids) {
        return "INSERT INTO " + quote(deleteLog) + " (" + quoted(List.of("entityname", "recordid", "sinkdeletetime", "versionnumber"))
                + ") SELECT ?, " + quote(TableLayout.ID) + ", ?, " + quote(TableLayout.VERSION) + " FROM " + quote(table)
                + " WHERE " + quote(TableLayout.ID) + " IN (" + placeholders(ids) + ")";
    }

    public String createCheckpoints() {
        return "CREATE TABLE " + quote(CHECKPOINTS) + " (" + quote("checkpoint_key") + " " + type(ColumnKind.TEXT, 400) + " NOT NULL, "
                + quote("link") + " " + type(ColumnKind.MEMO, 0) + " NOT NULL, " + quote("updated_at") + " " + type(ColumnKind.SINK_TIME, 0)
                + " NOT NULL, CONSTRAINT " + quote("pk_" + CHECKPOINTS) + " PRIMARY KEY (" + quote("checkpoint_key") + "))";
    }

    public String createKeys() {
        return "CREATE TABLE " + quote(KEYS) + " (" + quote("table_name") + " " + type(ColumnKind.TEXT, 200) + " NOT NULL, "
                + quote(TableLayout.ID) + " " + type(ColumnKind.GUID, 0) + " NOT NULL, " + quote(TableLayout.VERSION) + " "
                + type(ColumnKind.BIGINT, 0) + ", CONSTRAINT " + quote("pk_" + KEYS) + " PRIMARY KEY (" + quote("table_name") + ", "
                + quote(TableLayout.ID) + "))";
    }

    /** Sink rows whose id the source did not list in the staged keys. */
    public String deleteUnstaged(String table) {
        return "DELETE FROM " + quote(table) + " WHERE NOT EXISTS (SELECT 1 FROM " + quote(KEYS) + " k WHERE k." + quote("table_name")
                + " = ? AND k." + quote(TableLayout.ID) + " = " + quote(table) + "." + quote(TableLayout.ID) + ")";
    }

    /** Staged source keys that the sink lacks or holds in an older version. */
    public String countMissing(String table) {
        return "SELECT COUNT(*) FROM " + quote(KEYS) + " k WHERE k." + quote("table_name") + " = ? AND NOT EXISTS (SELECT 1 FROM "
                + quote(table) + " t WHERE t." + quote(TableLayout.ID) + " = k." + quote(TableLayout.ID) + " AND t."
                + quote(TableLayout.VERSION) + " >= k." + quote(TableLayout.VERSION) + ")";
    }

    /** Binds one value as this database wants it (see {@link RowValues} for the Java types). */
    public void bind(PreparedStatement statement, int index, ColumnKind kind, Object value) throws SQLException {
        if (value == null) {
            statement.setNull(index, sqlType(kind));
        } else if (value instanceof OffsetDateTime time) {
            bindTime(statement, index, time);
        } else if (value instanceof UUID id) {
            bindGuid(statement, index, id);
        } else {
            statement.setObject(index, value);
        }
    }

    void bindTime(PreparedStatement statement, int index, OffsetDateTime time) throws SQLException {
        statement.setObject(index, time);
    }

    void bindGuid(PreparedStatement statement, int index, UUID id) throws SQLException {
        statement.setObject(index, id);
    }

    static int sqlType(ColumnKind kind) {
        return switch (kind) {
            case GUID, LOOKUP -> Types.OTHER;
            case TEXT, ENTITY_TYPE, MEMO, PARTITION -> Types.VARCHAR;
            case INTEGER, CHOICE -> Types.INTEGER;
            case BIGINT -> Types.BIGINT;
            case DECIMAL -> Types.DECIMAL;
            case DOUBLE -> Types.DOUBLE;
            case BOOLEAN -> Types.BOOLEAN;
            case DATETIME, SINK_TIME -> Types.TIMESTAMP_WITH_TIMEZONE;
            case DATE -> Types.DATE;
        };
    }

    String quoted(List<String> names) {
        return names.stream().map(this::quote).collect(Collectors.joining(", "));
    }

    static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    String valueRows(int columns, int rows) {
        String row = "(" + placeholders(columns) + ")";
        return String.join(", ", java.util.Collections.nCopies(rows, row));
    }

    /** PostgreSQL: {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE versionnumber <= excluded}; pages arrive by COPY (JdbcSink). */
    public static final class PostgreSql extends SqlDialect {
        @Override
        public String name() {
            return "PostgreSQL";
        }

        @Override
        public String type(ColumnKind kind, int maxLength) {
            return switch (kind) {
                case GUID, LOOKUP -> "uuid";
                case PARTITION -> "varchar(1024)";
                case TEXT, ENTITY_TYPE -> maxLength > 0 && maxLength <= 10_485_760 ? "varchar(" + maxLength + ")" : "text";
                case MEMO -> "text";
                case INTEGER, CHOICE -> "integer";
                case BIGINT -> "bigint";
                case DECIMAL -> "numeric(38,10)";
                case DOUBLE -> "double precision";
                case BOOLEAN -> "boolean";
                case DATETIME, SINK_TIME -> "timestamptz";
                case DATE -> "date";
            };
        }

        @Override
        public String upsert(TableLayout layout, int rows) {
            return insertInto(layout) + " VALUES " + valueRows(layout.columns().size(), rows) + onConflict(layout);
        }

        /** The merge of a staging table that COPY filled: the newest version of each key, then the guarded upsert. */
        public String mergeFromStaging(TableLayout layout, String staging) {
            String columns = quoted(layout.columnNames());
            return insertInto(layout) + " SELECT DISTINCT ON (" + quoted(layout.key()) + ") " + columns + " FROM " + quote(staging)
                    + " ORDER BY " + quoted(layout.key()) + ", " + quote(TableLayout.VERSION) + " DESC" + onConflict(layout);
        }

        public String createStaging(TableLayout layout, String staging) {
            return "CREATE TEMPORARY TABLE " + quote(staging) + " (LIKE " + quote(layout.name()) + ") ON COMMIT DROP";
        }

        public String copyInto(TableLayout layout, String staging) {
            return "COPY " + quote(staging) + " (" + quoted(layout.columnNames()) + ") FROM STDIN WITH (FORMAT csv)";
        }

        private String insertInto(TableLayout layout) {
            return "INSERT INTO " + quote(layout.name()) + " AS t (" + quoted(layout.columnNames()) + ")";
        }

        private String onConflict(TableLayout layout) {
            String set = layout.updatable().stream().map(c -> quote(c) + " = EXCLUDED." + quote(c)).collect(Collectors.joining(", "));
            return " ON CONFLICT (" + quoted(layout.key()) + ") DO UPDATE SET " + set + " WHERE t." + quote(TableLayout.VERSION)
                    + " IS NULL OR t." + quote(TableLayout.VERSION) + " <= EXCLUDED." + quote(TableLayout.VERSION);
        }
    }

    /** MariaDB/MySQL: multi-row {@code INSERT ... ON DUPLICATE KEY UPDATE c = IF(newer, new, old)}, versionnumber assigned last. */
    public static final class MariaDb extends SqlDialect {
        @Override
        public String name() {
            return "MariaDB";
        }

        @Override
        public String quote(String name) {
            return '`' + name + '`';
        }

        @Override
        public String type(ColumnKind kind, int maxLength) {
            return switch (kind) {
                case GUID, LOOKUP -> "CHAR(36) CHARACTER SET ascii";
                // InnoDB keys hold 3,072 bytes: 36 for the id, 4 per utf8mb4 character of the partition
                case PARTITION -> "VARCHAR(750)";
                // a row holds at most 65,535 bytes of VARCHAR: long texts go to TEXT types, stored off the row
                case TEXT, ENTITY_TYPE -> maxLength > 0 && maxLength <= 400 ? "VARCHAR(" + maxLength + ")" : "MEDIUMTEXT";
                case MEMO -> "MEDIUMTEXT";
                case INTEGER, CHOICE -> "INT";
                case BIGINT -> "BIGINT";
                case DECIMAL -> "DECIMAL(38,10)";
                case DOUBLE -> "DOUBLE";
                case BOOLEAN -> "BOOLEAN";
                case DATETIME, SINK_TIME -> "DATETIME(6)";
                case DATE -> "DATE";
            } + (kind == ColumnKind.TEXT || kind == ColumnKind.MEMO || kind == ColumnKind.ENTITY_TYPE || kind == ColumnKind.PARTITION
                    ? " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : "");
        }

        @Override
        public String createTable(TableLayout layout) {
            return super.createTable(layout).replace("CONSTRAINT " + quote("pk_" + layout.name()) + " ", "");
        }

        @Override
        public String createCheckpoints() {
            return super.createCheckpoints().replace("CONSTRAINT " + quote("pk_" + CHECKPOINTS) + " ", "");
        }

        @Override
        public String createKeys() {
            return super.createKeys().replace("CONSTRAINT " + quote("pk_" + KEYS) + " ", "");
        }

        @Override
        public String upsert(TableLayout layout, int rows) {
            String version = quote(TableLayout.VERSION);
            // assignments run left to right and see the values already assigned: the guard reads versionnumber, set last
            String set = layout.updatable().stream().map(c -> quote(c) + " = IF(" + version + " IS NULL OR " + version
                    + " <= VALUES(" + version + "), VALUES(" + quote(c) + "), " + quote(c) + ")").collect(Collectors.joining(", "));
            return "INSERT INTO " + quote(layout.name()) + " (" + quoted(layout.columnNames()) + ") VALUES "
                    + valueRows(layout.columns().size(), rows) + " ON DUPLICATE KEY UPDATE " + set;
        }

        @Override
        public String deleteUnstaged(String table) {
            return "DELETE t FROM " + quote(table) + " t WHERE NOT EXISTS (SELECT 1 FROM " + quote(KEYS) + " k WHERE k."
                    + quote("table_name") + " = ? AND k." + quote(TableLayout.ID) + " = t." + quote(TableLayout.ID) + ")";
        }

        @Override
        void bindTime(PreparedStatement statement, int index, OffsetDateTime time) throws SQLException {
            statement.setTimestamp(index, Timestamp.valueOf(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()));
        }

        @Override
        void bindGuid(PreparedStatement statement, int index, UUID id) throws SQLException {
            statement.setString(index, id.toString());
        }
    }

    /** H2 and SQL Server share the standard MERGE with a guarded WHEN MATCHED. */
    abstract static sealed class MergeDialect extends SqlDialect permits H2, SqlServer {

        abstract String valueCast(String placeholder, ColumnKind kind, int maxLength);

        @Override
        public String upsert(TableLayout layout, int rows) {
            List<String> names = layout.columnNames();
            List<String> rowTexts = new ArrayList<>();
            String row = "(" + layout.columns().stream().map(c -> valueCast("?", c.kind(), c.maxLength())).collect(Collectors.joining(", ")) + ")";
            for (int i = 0; i < rows; i++) {
                rowTexts.add(row);
            }
            String on = layout.key().stream().map(k -> "t." + quote(k) + " = s." + quote(k)).collect(Collectors.joining(" AND "));
            String set = layout.updatable().stream().map(c -> quote(c) + " = s." + quote(c)).collect(Collectors.joining(", "));
            String version = quote(TableLayout.VERSION);
            return "MERGE INTO " + quote(layout.name()) + hint() + " t USING (VALUES " + String.join(", ", rowTexts) + ") AS s ("
                    + quoted(names) + ") ON " + on + " WHEN MATCHED AND (t." + version + " IS NULL OR t." + version + " <= s." + version
                    + ") THEN UPDATE SET " + set + " WHEN NOT MATCHED THEN INSERT (" + quoted(names) + ") VALUES ("
                    + names.stream().map(n -> "s." + quote(n)).collect(Collectors.joining(", ")) + ")" + terminator();
        }

        String hint() {
            return "";
        }

        String terminator() {
            return "";
        }
    }

    /** H2 (the embedded default target). */
    public static final class H2 extends MergeDialect {
        @Override
        public String name() {
            return "H2";
        }

        @Override
        public String type(ColumnKind kind, int maxLength) {
            return switch (kind) {
                case GUID, LOOKUP -> "UUID";
                case PARTITION -> "VARCHAR(1024)";
                case TEXT, ENTITY_TYPE -> maxLength > 0 ? "VARCHAR(" + maxLength + ")" : "VARCHAR(1048576)";
                case MEMO -> "VARCHAR(1048576)";
                case INTEGER, CHOICE -> "INTEGER";
                case BIGINT -> "BIGINT";
                case DECIMAL -> "NUMERIC(38,10)";
                case DOUBLE -> "DOUBLE PRECISION";
                case BOOLEAN -> "BOOLEAN";
                case DATETIME, SINK_TIME -> "TIMESTAMP WITH TIME ZONE";
                case DATE -> "DATE";
            };
        }

        @Override
        String valueCast(String placeholder, ColumnKind kind, int maxLength) {
            // VALUES of parameters have no type of their own in H2: each is cast to its column's
            return "CAST(" + placeholder + " AS " + type(kind, maxLength) + ")";
        }
    }

    /**
     * SQL Server (the Data Export Service's target): T-SQL MERGE with HOLDLOCK. Its SQL text is unit-tested only;
     * it has not yet run against a live server.
     */
    public static final class SqlServer extends MergeDialect {
        @Override
        public String name() {
            return "SQL Server";
        }

        @Override
        public String quote(String name) {
            return "[" + name + "]";
        }

        @Override
        int maxParameters() {
            return 2_000;
        }

        @Override
        public String type(ColumnKind kind, int maxLength) {
            return switch (kind) {
                case GUID, LOOKUP -> "UNIQUEIDENTIFIER";
                // a clustered key holds 900 bytes: 16 for the id, 2 per character of the partition
                case PARTITION -> "NVARCHAR(442)";
                case TEXT, ENTITY_TYPE -> maxLength > 0 && maxLength <= 4000 ? "NVARCHAR(" + maxLength + ")" : "NVARCHAR(MAX)";
                case MEMO -> "NVARCHAR(MAX)";
                case INTEGER, CHOICE -> "INT";
                case BIGINT -> "BIGINT";
                case DECIMAL -> "DECIMAL(38,10)";
                case DOUBLE -> "FLOAT";
                case BOOLEAN -> "BIT";
                case DATETIME, SINK_TIME -> "DATETIMEOFFSET";
                case DATE -> "DATE";
            };
        }

        @Override
        public String createKeys() {
            return super.createKeys();
        }

        @Override
        String valueCast(String placeholder, ColumnKind kind, int maxLength) {
            return placeholder;
        }

        @Override
        String hint() {
            // without HOLDLOCK two MERGEs of one key can both take the NOT MATCHED branch
            return " WITH (HOLDLOCK)";
        }

        @Override
        String terminator() {
            return ";";
        }

        @Override
        public String deleteUnstaged(String table) {
            return "DELETE t FROM " + quote(table) + " t WHERE NOT EXISTS (SELECT 1 FROM " + quote(KEYS) + " k WHERE k."
                    + quote("table_name") + " = ? AND k." + quote(TableLayout.ID) + " = t." + quote(TableLayout.ID) + ")";
        }

        @Override
        void bindGuid(PreparedStatement statement, int index, UUID id) throws SQLException {
            statement.setString(index, id.toString());
        }
    }

    static LocalDateTime utc(OffsetDateTime time) {
        return time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
    }
}
