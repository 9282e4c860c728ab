package io.dvbridge.export;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * A SQL database as an export target, over one JDBC connection. A page is one transaction: its rows go in bulk
 * (PostgreSQL: COPY into a staging table, then one guarded merge; MariaDB and H2: multi-row upserts; never a row
 * at a time), its deletes follow, and its position is saved in {@code dvb_export_checkpoints} before the commit.
 * When a bulk statement fails, the page's rows are tried one by one (each under a savepoint, with the retry
 * rule) so one bad record does not hold back the others; those that still fail are returned as failures.
 */
public final class JdbcSink implements ExportSink {

    private final Connection connection;
    private final SqlDialect dialect;
    private final String safeUrl;
    private final String prefix;
    private final boolean deleteLog;
    private final Clock clock;
    private boolean housekeepingReady;

    private JdbcSink(Connection connection, SqlDialect dialect, String safeUrl, String prefix, boolean deleteLog, Clock clock) {
        this.connection = connection;
        this.dialect = dialect;
        this.safeUrl = safeUrl;
        this.prefix = prefix;
        this.deleteLog = deleteLog;
        this.clock = clock;
    }

    /**
     * Connects to the target database.
     *
     * @param deleteLog keep a {@code <prefix>_deletelog} of the rows deleted
     */
    public static JdbcSink open(String url, String user, String password, String prefix, boolean deleteLog, Clock clock) {
        SqlDialect dialect = SqlDialect.forUrl(url);
        String safeUrl = JdbcUrls.mask(url);
        try {
            Connection connection = user.isEmpty() ? DriverManager.getConnection(url) : DriverManager.getConnection(url, user, password);
            connection.setAutoCommit(false);
            return new JdbcSink(connection, dialect, safeUrl, prefix, deleteLog, clock);
        } catch (SQLException e) {
            String message = JdbcUrls.maskIn(e.getMessage(), url);
            if (!password.isEmpty()) {
                message = message.replace(password, "***");
            }
            // the driver's exception is not kept as the cause: its message (and its cause's) may quote the URL unmasked
            throw new SinkException("Cannot connect to the export target " + safeUrl + ": " + message);
        }
    }

    /** A sink over a connection the caller opened (tests, and a caller with its own pool); it is closed with the sink. */
    public static JdbcSink over(Connection connection, String url, String prefix, boolean deleteLog, Clock clock) {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw new SinkException("Cannot use the connection to " + JdbcUrls.mask(url) + ": " + e.getMessage(), e);
        }
        return new JdbcSink(connection, SqlDialect.forUrl(url), JdbcUrls.mask(url), prefix, deleteLog, clock);
    }

    public SqlDialect dialect() {
        return dialect;
    }

    @Override
    public String describe() {
        return dialect.name() + " " + safeUrl;
    }

    @Override
    public List<String> housekeeping() {
        List<String> ddl = new ArrayList<>();
        try {
            if (columns(SqlDialect.CHECKPOINTS).isEmpty()) {
                ddl.add(dialect.createCheckpoints());
            }
            if (columns(SqlDialect.KEYS).isEmpty()) {
                ddl.add(dialect.createKeys());
            }
        } catch (SQLException e) {
            throw failed("read the schema of", SqlDialect.CHECKPOINTS, e);
        }
        return ddl;
    }

    @Override
    public SchemaChange prepare(TableLayout layout, boolean apply) {
        try {
            List<String> statements = new ArrayList<>();
            Set<String> existing = columns(layout.name());
            boolean created = existing.isEmpty();
            List<String> added = new ArrayList<>();
            List<String> removed = new ArrayList<>();
            if (created) {
                statements.add(dialect.createTable(layout));
            } else {
                for (SinkColumn column : layout.columns()) {
                    if (!existing.contains(column.name())) {
                        added.add(column.name());
                        statements.add(dialect.addColumn(layout.name(), column));
                    }
                }
                Set<String> wanted = new LinkedHashSet<>(layout.columnNames());
                existing.stream().filter(c -> !wanted.contains(c)).forEach(removed::add);
            }
            List<MetadataTables.Table> system = MetadataTables.tables(prefix, deleteLog);
            for (MetadataTables.Table table : system) {
                if (columns(table.name()).isEmpty()) {
                    statements.add(MetadataTables.create(dialect, table));
                }
            }
            if (apply) {
                ensureHousekeeping();
                try (Statement ddl = connection.createStatement()) {
                    for (String statement : statements) {
                        ddl.execute(statement);
                    }
                }
                MetadataTables.refresh(connection, dialect, prefix, layout.source());
                connection.commit();
            }
            return new SchemaChange(created, added, removed, statements);
        } catch (SQLException e) {
            rollback();
            throw failed("prepare", layout.name(), e);
        }
    }

    @Override
    public Optional<String> checkpoint(String key) {
        ensureHousekeeping();
        try (PreparedStatement select = connection.prepareStatement("SELECT " + dialect.quote("link") + " FROM "
                + dialect.quote(SqlDialect.CHECKPOINTS) + " WHERE " + dialect.quote("checkpoint_key") + " = ?")) {
            select.setString(1, key);
            try (ResultSet rows = select.executeQuery()) {
                Optional<String> link = rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
                connection.commit();
                return link;
            }
        } catch (SQLException e) {
            rollback();
            throw failed("read the checkpoint of", key, e);
        }
    }

    @Override
    public void clearCheckpoint(String key) {
        ensureHousekeeping();
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + dialect.quote(SqlDialect.CHECKPOINTS)
                + " WHERE " + dialect.quote("checkpoint_key") + " = ?")) {
            delete.setString(1, key);
            delete.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw failed("clear the checkpoint of", key, e);
        }
    }

    /** Saves a position inside the current transaction: update, else insert (one writer per table: the job's lease). */
    public void saveCheckpoint(String key, String link) throws SQLException {
        Object now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + dialect.quote(SqlDialect.CHECKPOINTS) + " SET "
                + dialect.quote("link") + " = ?, " + dialect.quote("updated_at") + " = ? WHERE " + dialect.quote("checkpoint_key") + " = ?")) {
            update.setString(1, link);
            dialect.bind(update, 2, ColumnKind.SINK_TIME, now);
            update.setString(3, key);
            if (update.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + dialect.quote(SqlDialect.CHECKPOINTS) + " ("
                + dialect.quote("checkpoint_key") + ", " + dialect.quote("link") + ", " + dialect.quote("updated_at") + ") VALUES (?, ?, ?)")) {
            insert.setString(1, key);
            insert.setString(2, link);
            dialect.bind(insert, 3, ColumnKind.SINK_TIME, now);
            insert.executeUpdate();
        }
    }

    @Override
    public PageOutcome write(TableLayout layout, ExportPage page, String checkpointKey, RetryRule retry, boolean fullRead,
                             boolean lastOfFullRead) {
        ensureHousekeeping();
        Instant now = clock.instant();
        RowValues values = new RowValues(layout);
        List<ExportFailure> failures = new ArrayList<>();
        TableChecksum read = new TableChecksum();
        // the newest version of each key: a page may carry a row twice, and one statement may touch a key once
        Map<List<Object>, SinkRow> rows = new LinkedHashMap<>();
        Map<UUID, Map<String, Object>> sources = new LinkedHashMap<>();
        for (Map<String, Object> row : page.upserts()) {
            try {
                SinkRow sinkRow = values.of(row, now);
                read.add(sinkRow.id(), sinkRow.version());
                rows.merge(key(layout, sinkRow), sinkRow, (a, b) -> b.version() >= a.version() ? b : a);
                sources.put(sinkRow.id(), row);
            } catch (RecordRejectedException e) {
                failures.add(new ExportFailure(layout.source().logicalName(), e.recordId(), now, ExportFailure.UPSERT, e.getMessage(), row));
            }
        }
        try {
            long upserted = upsert(layout, new ArrayList<>(rows.values()), sources, retry, failures, now);
            long deleted = delete(layout, page.deletedIds(), retry, failures, now);
            if (fullRead) {
                stage(layout, rows.values().stream().map(r -> new Object[] {r.id(), r.version()}).toList());
            }
            Optional<KeyRepair> finished = lastOfFullRead ? Optional.of(finishStaged(layout)) : Optional.empty();
            if (page.position().isPresent()) {
                saveCheckpoint(checkpointKey, page.position().get());
            }
            connection.commit();
            return new PageOutcome(upserted, deleted, failures, read, finished);
        } catch (SQLException e) {
            rollback();
            throw failed("write a page of", layout.name(), e);
        }
    }

    private static List<Object> key(TableLayout layout, SinkRow row) {
        return layout.source().elastic() ? List.of(row.id(), String.valueOf(row.values()[1])) : List.of(row.id());
    }

    private long upsert(TableLayout layout, List<SinkRow> rows, Map<UUID, Map<String, Object>> sources, RetryRule retry,
                        List<ExportFailure> failures, Instant now) throws SQLException {
        if (rows.isEmpty()) {
            return 0;
        }
        Savepoint beforeBulk = connection.setSavepoint();
        try {
            bulk(layout, rows);
            release(beforeBulk);
            return rows.size();
        } catch (SQLException bulkFailed) {
            connection.rollback(beforeBulk);
        }
        long written = 0;
        for (SinkRow row : rows) {
            Optional<String> reason = tryRecord(retry, () -> statementUpsert(layout, List.of(row)));
            if (reason.isEmpty()) {
                written++;
            } else {
                failures.add(new ExportFailure(layout.source().logicalName(), row.id().toString(), now, ExportFailure.UPSERT,
                        reason.get(), sources.get(row.id())));
            }
        }
        return written;
    }

    private void bulk(TableLayout layout, List<SinkRow> rows) throws SQLException {
        if (dialect instanceof SqlDialect.PostgreSql postgres) {
            copyThenMerge(postgres, layout, rows);
            return;
        }
        int chunk = dialect.rowsPerStatement(layout);
        for (int from = 0; from < rows.size(); from += chunk) {
            statementUpsert(layout, rows.subList(from, Math.min(rows.size(), from + chunk)));
        }
    }

    private void statementUpsert(TableLayout layout, List<SinkRow> rows) throws SQLException {
        try (PreparedStatement upsert = connection.prepareStatement(dialect.upsert(layout, rows.size()))) {
            int index = 1;
            for (SinkRow row : rows) {
                for (int i = 0; i < row.values().length; i++) {
                    dialect.bind(upsert, index++, layout.columns().get(i).kind(), row.values()[i]);
                }
            }
            upsert.executeUpdate();
        }
    }

    /** PostgreSQL: the page as CSV through COPY into a temporary table dropped at commit, then one guarded merge. */
    private void copyThenMerge(SqlDialect.PostgreSql postgres, TableLayout layout, List<SinkRow> rows) throws SQLException {
        String staging = "dvb_stage_" + layout.name();
        try (Statement ddl = connection.createStatement()) {
            ddl.execute("DROP TABLE IF EXISTS " + postgres.quote(staging));
            ddl.execute(postgres.createStaging(layout, staging));
        }
        StringBuilder csv = new StringBuilder(rows.size() * 256);
        try (CSVPrinter printer = new CSVPrinter(csv, CSVFormat.POSTGRESQL_CSV)) {
            for (SinkRow row : rows) {
                for (Object value : row.values()) {
                    printer.print(copyText(value));
                }
                printer.println();
            }
        } catch (IOException e) {
            throw new SQLException("Cannot write the page as CSV: " + e.getMessage(), e);
        }
        try {
            connection.unwrap(PGConnection.class).getCopyAPI().copyIn(postgres.copyInto(layout, staging), new StringReader(csv.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + staging + " failed: " + e.getMessage(), e);
        }
        try (Statement merge = connection.createStatement()) {
            merge.executeUpdate(postgres.mergeFromStaging(layout, staging));
            merge.execute("DROP TABLE " + postgres.quote(staging));
        }
    }

    private static String copyText(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value.toString();
    }

    private long delete(TableLayout layout, List<String> ids, RetryRule retry, List<ExportFailure> failures, Instant now)
            throws SQLException {
        if (ids.isEmpty()) {
            return 0;
        }
        List<UUID> valid = new ArrayList<>();
        for (String id : ids) {
            try {
                valid.add(UUID.fromString(id));
            } catch (IllegalArgumentException e) {
                failures.add(new ExportFailure(layout.source().logicalName(), id, now, ExportFailure.DELETE,
                        "Record " + id + ": the deleted id is not a GUID", Map.of()));
            }
        }
        Savepoint beforeBulk = connection.setSavepoint();
        long[] deleted = {0};
        try {
            int chunk = Math.max(1, dialect.maxParameters() - 2);
            for (int from = 0; from < valid.size(); from += chunk) {
                deleted[0] += deleteIds(layout, valid.subList(from, Math.min(valid.size(), from + chunk)), now);
            }
            release(beforeBulk);
            return deleted[0];
        } catch (SQLException bulkFailed) {
            connection.rollback(beforeBulk);
        }
        deleted[0] = 0;
        for (UUID id : valid) {
            Optional<String> reason = tryRecord(retry, () -> deleted[0] += deleteIds(layout, List.of(id), now));
            reason.ifPresent(r -> failures.add(new ExportFailure(layout.source().logicalName(), id.toString(), now, ExportFailure.DELETE,
                    r, Map.of())));
        }
        return deleted[0];
    }

    private int deleteIds(TableLayout layout, List<UUID> ids, Instant now) throws SQLException {
        if (deleteLog) {
            try (PreparedStatement log = connection.prepareStatement(dialect.logDeletes(layout.name(), MetadataTables.deleteLog(prefix),
                    ids.size()))) {
                log.setString(1, layout.source().logicalName());
                dialect.bind(log, 2, ColumnKind.SINK_TIME, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                for (int i = 0; i < ids.size(); i++) {
                    dialect.bind(log, i + 3, ColumnKind.GUID, ids.get(i));
                }
                log.executeUpdate();
            }
        }
        try (PreparedStatement delete = connection.prepareStatement(dialect.deleteByIds(layout.name(), ids.size()))) {
            for (int i = 0; i < ids.size(); i++) {
                dialect.bind(delete, i + 1, ColumnKind.GUID, ids.get(i));
            }
            return delete.executeUpdate();
        }
    }

    private interface RecordWrite {
        void run() throws SQLException;
    }

    /** One record under its own savepoint, tried as the rule says; the last error when it never lands. */
    private Optional<String> tryRecord(RetryRule retry, RecordWrite write) throws SQLException {
        String reason = "";
        for (int attempt = 1; attempt <= retry.attempts(); attempt++) {
            Savepoint savepoint = connection.setSavepoint();
            try {
                write.run();
                release(savepoint);
                return Optional.empty();
            } catch (SQLException e) {
                connection.rollback(savepoint);
                reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().strip();
                if (attempt < retry.attempts()) {
                    retry.pause();
                }
            }
        }
        return Optional.of(reason.length() > 1000 ? reason.substring(0, 1000) : reason);
    }

    private void release(Savepoint savepoint) {
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException | UnsupportedOperationException e) {
            // some drivers keep savepoints until the transaction ends; nothing depends on releasing them early
        }
    }

    @Override
    public void stageKeys(TableLayout layout, List<Map<String, Object>> keyRows) {
        ensureHousekeeping();
        List<Object[]> keys = new ArrayList<>();
        for (Map<String, Object> row : keyRows) {
            Object version = row.get(TableLayout.VERSION);
            keys.add(new Object[] {UUID.fromString(String.valueOf(row.get(layout.source().primaryId()))),
                    version == null ? null : Long.valueOf(version.toString())});
        }
        try {
            stage(layout, keys);
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw failed("stage the keys of", layout.name(), e);
        }
    }

    private void stage(TableLayout layout, List<Object[]> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + dialect.quote(SqlDialect.KEYS) + " WHERE "
                + dialect.quote("table_name") + " = ? AND " + dialect.quote(TableLayout.ID) + " = ?");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO " + dialect.quote(SqlDialect.KEYS) + " ("
                     + dialect.quote("table_name") + ", " + dialect.quote(TableLayout.ID) + ", " + dialect.quote(TableLayout.VERSION)
                     + ") VALUES (?, ?, ?)")) {
            for (Object[] key : keys) {
                delete.setString(1, layout.name());
                dialect.bind(delete, 2, ColumnKind.GUID, key[0]);
                delete.addBatch();
                insert.setString(1, layout.name());
                dialect.bind(insert, 2, ColumnKind.GUID, key[0]);
                dialect.bind(insert, 3, ColumnKind.BIGINT, key[1]);
                insert.addBatch();
            }
            delete.executeBatch();
            insert.executeBatch();
        }
    }

    @Override
    public boolean fullReadPending(TableLayout layout) {
        ensureHousekeeping();
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + dialect.quote(SqlDialect.KEYS)
                + " WHERE " + dialect.quote("table_name") + " = ?")) {
            select.setString(1, layout.name());
            try (ResultSet count = select.executeQuery()) {
                count.next();
                boolean pending = count.getLong(1) > 0;
                connection.commit();
                return pending;
            }
        } catch (SQLException e) {
            rollback();
            throw failed("read the staged keys of", layout.name(), e);
        }
    }

    @Override
    public KeyRepair finishFullRead(TableLayout layout) {
        ensureHousekeeping();
        try {
            KeyRepair repair = finishStaged(layout);
            connection.commit();
            return repair;
        } catch (SQLException e) {
            rollback();
            throw failed("reconcile the keys of", layout.name(), e);
        }
    }

    /** Deletes the rows whose keys were not staged and forgets the staged keys, inside the current transaction. */
    private KeyRepair finishStaged(TableLayout layout) throws SQLException {
        {
            long missing;
            try (PreparedStatement count = connection.prepareStatement(dialect.countMissing(layout.name()))) {
                count.setString(1, layout.name());
                try (ResultSet result = count.executeQuery()) {
                    result.next();
                    missing = result.getLong(1);
                }
            }
            long deleted = 0;
            if (fullReadPendingInTransaction(layout)) {
                if (deleteLog) {
                    try (PreparedStatement log = connection.prepareStatement("INSERT INTO " + dialect.quote(MetadataTables.deleteLog(prefix))
                            + " (" + dialect.quoted(List.of("entityname", "recordid", "sinkdeletetime", "versionnumber")) + ") SELECT ?, t."
                            + dialect.quote(TableLayout.ID) + ", ?, t." + dialect.quote(TableLayout.VERSION) + " FROM "
                            + dialect.quote(layout.name()) + " t WHERE NOT EXISTS (SELECT 1 FROM " + dialect.quote(SqlDialect.KEYS)
                            + " k WHERE k." + dialect.quote("table_name") + " = ? AND k." + dialect.quote(TableLayout.ID) + " = t."
                            + dialect.quote(TableLayout.ID) + ")")) {
                        log.setString(1, layout.source().logicalName());
                        dialect.bind(log, 2, ColumnKind.SINK_TIME, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                        log.setString(3, layout.name());
                        log.executeUpdate();
                    }
                }
                try (PreparedStatement delete = connection.prepareStatement(dialect.deleteUnstaged(layout.name()))) {
                    delete.setString(1, layout.name());
                    deleted = delete.executeUpdate();
                }
            }
            clearKeys(layout);
            return new KeyRepair(deleted, missing);
        }
    }

    private boolean fullReadPendingInTransaction(TableLayout layout) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM " + dialect.quote(SqlDialect.KEYS)
                + " WHERE " + dialect.quote("table_name") + " = ?")) {
            select.setString(1, layout.name());
            try (ResultSet count = select.executeQuery()) {
                count.next();
                return count.getLong(1) > 0;
            }
        }
    }

    @Override
    public void abandonFullRead(TableLayout layout) {
        ensureHousekeeping();
        try {
            clearKeys(layout);
            connection.commit();
        } catch (SQLException e) {
            rollback();
            throw failed("clear the staged keys of", layout.name(), e);
        }
    }

    private void clearKeys(TableLayout layout) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + dialect.quote(SqlDialect.KEYS) + " WHERE "
                + dialect.quote("table_name") + " = ?")) {
            delete.setString(1, layout.name());
            delete.executeUpdate();
        }
    }

    @Override
    public TableChecksum contents(TableLayout layout) {
        TableChecksum checksum = new TableChecksum();
        try (Statement select = connection.createStatement()) {
            select.setFetchSize(5000);
            try (ResultSet rows = select.executeQuery("SELECT " + dialect.quote(TableLayout.ID) + ", " + dialect.quote(TableLayout.VERSION)
                    + " FROM " + dialect.quote(layout.name()))) {
                while (rows.next()) {
                    checksum.add(UUID.fromString(rows.getString(1).toLowerCase(Locale.ROOT)), rows.getLong(2));
                }
            }
            connection.commit();
            return checksum;
        } catch (SQLException e) {
            rollback();
            throw failed("count the rows of", layout.name(), e);
        }
    }

    private void ensureHousekeeping() {
        if (housekeepingReady) {
            return;
        }
        try (Statement ddl = connection.createStatement()) {
            for (String statement : housekeeping()) {
                ddl.execute(statement);
            }
            connection.commit();
            housekeepingReady = true;
        } catch (SQLException e) {
            rollback();
            throw failed("create", SqlDialect.CHECKPOINTS, e);
        }
    }

    /** The columns a table has, in lower case; empty when it does not exist. */
    private Set<String> columns(String table) throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        Set<String> names = new LinkedHashSet<>();
        String schema = dialect instanceof SqlDialect.MariaDb ? null : connection.getSchema();
        try (ResultSet columns = meta.getColumns(connection.getCatalog(), schema, table, null)) {
            while (columns.next()) {
                names.add(columns.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        connection.commit();
        return names;
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException e) {
            // the connection is broken; the failure that led here is the one reported
        }
    }

    private SinkException failed(String action, String table, SQLException e) {
        return new SinkException("Cannot " + action + " " + table + " in " + describe() + ": " + e.getMessage(), e);
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            // nothing is pending: every page was committed or rolled back
        }
    }
}
