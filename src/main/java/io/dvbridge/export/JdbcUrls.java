package io.dvbridge.export;

import java.util.regex.Pattern;

/** JDBC URLs as they may be shown: in reports, run records, logs and error messages a URL never carries a password. */
public final class JdbcUrls {

    /** {@code password=...} / {@code user=...} in a query string or a SQL Server property list. */
    private static final Pattern PROPERTY = Pattern.compile("(?i)(password|pwd|user|username)=[^&;]*");
    /** {@code //user:password@host} (PostgreSQL, MariaDB and MySQL accept credentials in the authority). */
    private static final Pattern AUTHORITY = Pattern.compile("//[^/@?;]*@");

    private JdbcUrls() {
    }

    public static String mask(String url) {
        return PROPERTY.matcher(AUTHORITY.matcher(url).replaceAll("//***@")).replaceAll("$1=***");
    }

    /** A driver's message may quote the URL it was given: that quote is masked too. */
    public static String maskIn(String message, String url) {
        return message == null ? "" : message.replace(url, mask(url));
    }
}
