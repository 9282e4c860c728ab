package io.dvbridge.push;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Properties;
import java.util.regex.Pattern;

/**
 * The rows of one SQL query, streamed with a fetch size (PostgreSQL streams only inside a transaction, so
 * auto-commit is off; the query only reads). Row numbers follow the query's order, so a resumable push needs
 * a query with an {@code ORDER BY}. Credentials come from configuration, never from the URL shown in reports.
 */
public final class JdbcRowSource implements RowSource {

    private static final Pattern SECRET_PARAMETER = Pattern.compile("(?i)((?:password|pwd|user|username)=)[^&;]*");
    private static final Pattern USER_INFO = Pattern.compile("//[^/@]*@");

    private final String safeUrl;
    private final String query;
    private final Connection connection;
    private final Statement statement;
    private final ResultSet rows;
    private final List<String> columns = new ArrayList<>();
    private Boolean ready;
    private long rowNumber;

    public JdbcRowSource(String url, String username, String password, String query, int fetchSize) {
        this.safeUrl = safe(url);
        this.query = query;
        Properties credentials = new Properties();
        if (!username.isEmpty()) {
            credentials.setProperty("user", username);
        }
        if (!password.isEmpty()) {
            credentials.setProperty("password", password);
        }
        try {
            connection = DriverManager.getConnection(url, credentials);
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            statement = connection.createStatement(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY);
            statement.setFetchSize(fetchSize);
            rows = statement.executeQuery(query);
            ResultSetMetaData meta = rows.getMetaData();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
                columns.add(meta.getColumnLabel(i));
            }
        } catch (SQLException e) {
            close();
            throw new PushSetupException("The query on " + safeUrl + " failed: " + e.getMessage(), e);
        }
    }

    /** The URL without user names and passwords. */
    public static String safe(String url) {
        return SECRET_PARAMETER.matcher(USER_INFO.matcher(url).replaceAll("//")).replaceAll("$1***");
    }

    @Override
    public boolean hasNext() {
        if (ready == null) {
            try {
                ready = rows.next();
            } catch (SQLException e) {
                throw new PushSetupException("Reading the query's rows from " + safeUrl + " failed after row " + rowNumber + ": "
                        + e.getMessage(), e);
            }
        }
        return ready;
    }

    @Override
    public SourceRow next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ready = null;
        rowNumber++;
        Map<String, Object> values = new LinkedHashMap<>();
        try {
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i), value(rows.getObject(i + 1)));
            }
        } catch (SQLException e) {
            throw new PushSetupException("Reading row " + rowNumber + " from " + safeUrl + " failed: " + e.getMessage(), e);
        }
        return new SourceRow(rowNumber, values);
    }

    /** Numbers and booleans keep their kind; dates, times and GUIDs become their ISO text; the rest its text. */
    private static Object value(Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof String) {
            return value;
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate().toString();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toLocalDateTime().toString();
        }
        if (value instanceof OffsetDateTime time) {
            return time.toString();
        }
        return String.valueOf(value);
    }

    @Override
    public List<String> columns() {
        return columns;
    }

    @Override
    public boolean typed() {
        return true;
    }

    @Override
    public String fingerprint() {
        return Fingerprints.ofText(safeUrl + "\n" + query);
    }

    @Override
    public String description() {
        return safeUrl;
    }

    @Override
    public void close() {
        for (AutoCloseable resource : new AutoCloseable[]{rows, statement, connection}) {
            if (resource != null) {
                try {
                    resource.close();
                } catch (Exception e) {
                    // the query only read
                }
            }
        }
    }
}
