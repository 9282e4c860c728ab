package io.dvbridge.jobs;

import io.dvbridge.push.WriteMode;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code dvbridge push}: rows from a file, a database query or a queue into one Dataverse table, each validated
 * against the table's own metadata; only valid rows are written, every rejected row is reported. See docs/push.md.
 *
 * @param from       a CSV or JSON Lines file (by extension), a JDBC URL (with {@code query}), or {@code queue:<name>}
 * @param key        the rows' identity: {@code id} (the primary id column), an alternate key's logical name, or
 *                   {@code uuid5:<column>} (a UUID v5 of that column, see docs/push.md); without it the primary id
 *                   column when the source has one
 * @param maxRejects a count ({@code 10}) or a share of the rows read ({@code 0.5%}); more rejected rows stop the
 *                   push before its first write
 * @throws InvalidRequestException when a field is missing or out of range
 */
@JobSpec(name = "push", title = "Push rows into a table, validated against its metadata",
        description = {"Read rows from a CSV or JSON Lines file, a JDBC query or a queue; validate every row against the",
                "table's metadata (columns, types, lengths, ranges, choices, lookups, keys); if the rejects stay within",
                "--max-rejects, write the valid rows in bulk (CreateMultiple, UpdateMultiple, UpsertMultiple) and report",
                "every rejected or failed row. --replace then deletes the table's rows that are not in the input."},
        exitCodes = {"0:every row was written", "1:the push could not run, or stopped at the reject threshold",
                "2:the valid rows were written; some rows were rejected or failed (see the rejects file)"})
public record PushRequest(
        @Param(description = "Configured environment to write", required = true, cli = {"-e", "--environment"}, label = "NAME",
                kind = ParamKind.WRITES_ENVIRONMENT)
        String environment,
        @Param(description = "Logical name of the table to write, e.g. dvb_customerimport", required = true, label = "TABLE",
                pattern = "[a-z_][a-z0-9_]{0,127}", patternName = "a table's logical name")
        String table,
        @Param(description = "A .csv or .jsonl file, a JDBC URL (with --query), or queue:<name>", required = true,
                label = "FILE|JDBC-URL|queue:NAME", kind = ParamKind.INPUT_SOURCE)
        String from,
        @Param(description = "The SQL query whose rows a JDBC source pushes (ORDER BY a key to make the push resumable)",
                label = "SQL")
        Optional<String> query,
        @Param(description = "How rows are written", defaultValue = "upsert", label = "create|update|upsert")
        WriteMode mode,
        @Param(description = "The rows' identity: id, an alternate key's name, or uuid5:<column>", label = "KEY")
        Optional<String> key,
        @Param(description = "The source's columns must be the table's, in its order, with values of its types")
        boolean strictColumns,
        @Param(description = "After writing, delete the table's rows that are not in the input (bounded by dvbridge.push.max-replace-deletes)")
        boolean replace,
        @Param(description = "Also write the rejected rows (CSV: row, column, value, reason) here; always kept with the run",
                label = "FILE", kind = ParamKind.OUTPUT_FILE)
        Optional<Path> rejects,
        @Param(description = "Rejected rows tolerated before anything is written: a count or a percentage such as 0.5%",
                label = "N|P%", pattern = "\\d{1,18}|\\d{1,3}(\\.\\d+)?%", patternName = "a count or a percentage")
        Optional<String> maxRejects,
        @Param(description = "Rows per bulk request", defaultValue = "500", label = "N", min = 1, max = 1000)
        int batchSize,
        @Param(description = "Validate every row and report; write nothing")
        boolean dryRun,
        @Param(description = "A queue source ends after this many seconds without a message", defaultValue = "5", label = "S",
                min = 1, max = 3600)
        int idleSeconds,
        @Param(description = "A queue source ends after this many rows (0: no limit)", defaultValue = "0", label = "N", min = 0,
                max = 100000000)
        int maxRows) {

    public static final int DEFAULT_BATCH_SIZE = 500;
    public static final int DEFAULT_IDLE_SECONDS = 5;
    /** A queue's name as RabbitMQ takes it; never a URL, so a request cannot point the job at another broker. */
    private static final java.util.regex.Pattern QUEUE_NAME = java.util.regex.Pattern.compile("[A-Za-z0-9._-]{1,200}");

    /** A push with a file or JDBC source (the queue-only fields at their defaults). */
    public PushRequest(String environment, String table, String from, Optional<String> query, WriteMode mode, Optional<String> key,
                       boolean strictColumns, boolean replace, Optional<Path> rejects, Optional<String> maxRejects, int batchSize,
                       boolean dryRun) {
        this(environment, table, from, query, mode, key, strictColumns, replace, rejects, maxRejects, batchSize, dryRun,
                DEFAULT_IDLE_SECONDS, 0);
    }

    public PushRequest {
        if (environment == null || environment.isBlank()) {
            throw new InvalidRequestException("environment", "A push must name an environment");
        }
        if (table == null || table.isBlank()) {
            throw new InvalidRequestException("table", "A push must name the table to write (its logical name)");
        }
        if (from == null || from.isBlank()) {
            throw new InvalidRequestException("from", "A push needs rows: --from a .csv or .jsonl file, a JDBC URL or queue:<name>");
        }
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rejects, "rejects");
        Objects.requireNonNull(maxRejects, "maxRejects");
        mode = mode == null ? WriteMode.UPSERT : mode;
        if (from.startsWith("jdbc:") && query.isEmpty()) {
            throw new InvalidRequestException("query", "A JDBC source needs --query, the SQL whose rows are pushed");
        }
        if (!from.startsWith("jdbc:") && query.isPresent()) {
            throw new InvalidRequestException("query", "--query goes with a JDBC URL in --from, not with " + RequestField.printable(from));
        }
        if (from.startsWith("queue:") && !QUEUE_NAME.matcher(from.substring("queue:".length())).matches()) {
            throw new InvalidRequestException("from", "queue:<name> takes a queue's name (letters, digits, '.', '_', '-'), not "
                    + RequestField.printable(from));
        }
        if (idleSeconds < 1 || idleSeconds > 3600) {
            throw new InvalidRequestException("idleSeconds", "--idle-seconds must be between 1 and 3600, not " + idleSeconds);
        }
        if (maxRows < 0) {
            throw new InvalidRequestException("maxRows", "--max-rows must be 0 (no limit) or more, not " + maxRows);
        }
        if (!from.startsWith("jdbc:") && !from.startsWith("queue:") && !from.toLowerCase(java.util.Locale.ROOT).endsWith(".csv")
                && !from.toLowerCase(java.util.Locale.ROOT).endsWith(".jsonl")) {
            throw new InvalidRequestException("from", "--from takes a .csv or .jsonl file, a JDBC URL or queue:<name>, not "
                    + RequestField.printable(from));
        }
        if (batchSize < 1 || batchSize > 1000) {
            throw new InvalidRequestException("batchSize", "--batch-size must be between 1 and 1000, not " + batchSize);
        }
        if (replace && mode != WriteMode.UPSERT) {
            throw new InvalidRequestException("replace", "--replace upserts the input before deleting what it lacks: use --mode upsert");
        }
        if (replace && from.startsWith("queue:")) {
            throw new InvalidRequestException("replace", "--replace needs a whole input; a queue has no end");
        }
        rejects.ifPresent(file -> {
            if (!from.startsWith("jdbc:") && !from.startsWith("queue:")) {
                OutputPaths.requireApart("rejects", file, "from", Path.of(from));
            }
        });
    }

    public boolean fromQueue() {
        return from.startsWith("queue:");
    }

    public static PushRequest of(String environment, String table, String from) {
        return new PushRequest(environment, table, from, Optional.empty(), WriteMode.UPSERT, Optional.empty(), false, false,
                Optional.empty(), Optional.empty(), DEFAULT_BATCH_SIZE, false);
    }
}
