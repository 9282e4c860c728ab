package io.dvbridge.jobs;

/** What a request field refers to, beyond its type. */
public enum ParamKind {
    /** A plain value. */
    VALUE,
    /** A configured environment the job only reads. */
    READS_ENVIRONMENT,
    /** A configured environment the job writes to: a real run holds the environment's writer lease. */
    WRITES_ENVIRONMENT,
    /** A CMT schema: from REST or a queue a plain file name in {@code dvbridge.run.schemas-dir}. */
    SCHEMA_FILE,
    /** A file or folder the job reads: from REST or a queue a plain name in {@code dvbridge.run.files-dir}. */
    INPUT_FILE,
    /** A file the job writes: from REST or a queue a plain name in {@code dvbridge.run.files-dir}. */
    OUTPUT_FILE,
    /**
     * Where rows come from, as text: a JDBC URL ({@code jdbc:...}) or a queue ({@code queue:<name>}) as given, else
     * a file the job reads, resolved and checked like {@link #INPUT_FILE}.
     */
    INPUT_SOURCE,
    /**
     * Where an export writes: a configured target ({@code dvbridge.export.target.<name>}), {@code embedded}, or a folder
     * (from REST, a queue or a schedule a plain name in {@code dvbridge.run.files-dir}); only the CLI may give a JDBC URL.
     */
    EXPORT_TARGET;

    public boolean environment() {
        return this == READS_ENVIRONMENT || this == WRITES_ENVIRONMENT;
    }

    public boolean file() {
        return this == SCHEMA_FILE || this == INPUT_FILE || this == OUTPUT_FILE || this == INPUT_SOURCE;
    }
}
