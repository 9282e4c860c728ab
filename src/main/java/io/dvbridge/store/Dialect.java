package io.dvbridge.store;

/** The databases the state store runs on, each with its migration folder and its Quartz driver delegate. */
public enum Dialect {
    H2("jdbc:h2:", "h2", "org.quartz.impl.jdbcjobstore.StdJDBCDelegate"),
    POSTGRESQL("jdbc:postgresql:", "postgresql", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");

    private final String urlPrefix;
    private final String migrationFolder;
    private final String quartzDelegateClass;

    Dialect(String urlPrefix, String migrationFolder, String quartzDelegateClass) {
        this.urlPrefix = urlPrefix;
        this.migrationFolder = migrationFolder;
        this.quartzDelegateClass = quartzDelegateClass;
    }

    /** The dialect a JDBC URL names; anything else is refused, naming the URL (without credentials). */
    public static Dialect of(StoreSettings settings) {
        for (Dialect dialect : values()) {
            if (settings.url().regionMatches(true, 0, dialect.urlPrefix, 0, dialect.urlPrefix.length())) {
                return dialect;
            }
        }
        throw new StateStoreException("State store " + settings.safeUrl()
                + " is not supported: use a jdbc:postgresql: URL, or jdbc:h2: for the embedded store");
    }

    /** The Quartz driver delegate for a clustered JDBC job store on this database. */
    public String quartzDelegateClass() {
        return quartzDelegateClass;
    }

    /** The classpath folder of the migrations that only this database runs (e.g. the Quartz tables). */
    String migrationLocation() {
        return "classpath:db/migration/" + migrationFolder;
    }
}
