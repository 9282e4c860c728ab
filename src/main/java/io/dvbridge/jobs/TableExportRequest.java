package io.dvbridge.jobs;

import io.dvbridge.export.SqlNames;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * {@code dvbridge export}: Dataverse tables into a SQL database or a folder of files, full the first time, then
 * incremental through change tracking (the Data Export Service's successor). See docs/export.md.
 *
 * @param tables comma-separated logical names, {@code ci} (every Customer Insights output table present) or
 *               {@code tracked} (every table with change tracking)
 * @param to     a configured export target ({@code dvbridge.export.target.<name>.url}), {@code embedded} (the H2 file
 *               {@code <runs dir>/export/export.mv.db}) or a folder; from the CLI also a JDBC URL (PostgreSQL,
 *               MariaDB/MySQL, H2, SQL Server). See {@link RequestChecks} for what remote triggers may name.
 */
@JobSpec(name = "export", title = "Export tables to SQL databases or files, then their changes",
        description = {"Export Dataverse tables into PostgreSQL, MariaDB, H2, SQL Server or a folder of CSV/JSON Lines files,",
                "in the Data Export Service's layout: the whole table the first time, then only what changed (change",
                "tracking). Each page and its position commit together: a killed run resumes where it stopped.",
                "Every table is reconciled (row count and a checksum of ids and versions) after the run."},
        exitCodes = {"0:every table exported and reconciled", "1:a table could not be exported",
                "2:exported, but records failed (see the failure log) or a table does not reconcile"})
public record TableExportRequest(
        @Param(description = "Configured environment to read", required = true, cli = {"-e", "--environment"}, label = "NAME",
                kind = ParamKind.READS_ENVIRONMENT)
        String environment,
        @Param(description = "Tables: logical names separated by commas, ci (Customer Insights output tables) or tracked"
                + " (every change-tracked table)", required = true, label = "NAMES|ci|tracked",
                pattern = "(ci|tracked|[a-z][a-z0-9_]*(,\\s*[a-z][a-z0-9_]*)*)", patternName = "logical names separated by commas, ci or tracked")
        String tables,
        @Param(description = "A configured export target (dvbridge.export.target.<name>.url), embedded (an H2 file in the runs"
                + " folder) or a folder; the command line may also give a JDBC URL", defaultValue = "embedded",
                label = "TARGET|FOLDER|JDBC-URL", kind = ParamKind.EXPORT_TARGET)
        String to,
        @Param(description = "File format when exporting into a folder", defaultValue = "csv", label = "csv|jsonl|parquet",
                pattern = "csv|jsonl|parquet", patternName = "csv, jsonl or parquet")
        String format,
        @Param(description = "Prefix of the sink tables, <prefix>_<table> (fewer than 15 letters and digits)", defaultValue = "",
                label = "PREFIX", pattern = "[A-Za-z0-9]{0,14}", patternName = "fewer than 15 letters and digits")
        String prefix,
        @Param(description = "Read every table from the start again (rows the source no longer has are deleted)")
        boolean full,
        @Param(description = "Repair what reconciliation finds: a read of every key; rows the source lacks are deleted")
        boolean reconcile,
        @Param(description = "Show the tables, columns, DDL and row counts; write nothing")
        boolean dryRun,
        @Param(description = "Rows per page read from Dataverse", defaultValue = "5000", label = "N", min = 1, max = 5000)
        int pageSize,
        @Param(description = "Tables without change tracking: reload (read every row, delete the rows not seen); a modifiedon"
                + " watermark mode is not built yet", defaultValue = "reload", label = "reload", pattern = "reload", patternName = "reload")
        String mode,
        @Param(description = "Attempts per failed record before it goes to the failure log", defaultValue = "3", label = "N",
                min = 1, max = 20)
        int retryAttempts,
        @Param(description = "Seconds between the attempts of a failed record", defaultValue = "5", label = "SECONDS", min = 0, max = 300)
        int retryInterval,
        @Param(description = "Keep a <prefix>_deletelog table of the rows deleted (SQL targets)")
        boolean deleteLog) {

    public static final String EMBEDDED = "embedded";

    public TableExportRequest {
        if (environment == null || environment.isBlank()) {
            throw new InvalidRequestException("environment", "An export must name an environment");
        }
        if (tables == null || tables.isBlank()) {
            throw new InvalidRequestException("tables", "An export needs tables: logical names separated by commas, ci or tracked");
        }
        to = to == null || to.isBlank() ? EMBEDDED : to.strip();
        format = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        prefix = prefix == null ? "" : prefix.strip();
        if (!SqlNames.validPrefix(prefix)) {
            throw new InvalidRequestException("prefix", "The prefix '" + RequestField.printable(prefix)
                    + "' must be fewer than 15 letters and digits");
        }
        mode = mode == null || mode.isBlank() ? "reload" : mode.strip().toLowerCase(Locale.ROOT);
    }

    public static TableExportRequest of(String environment, String tables, String to) {
        return new TableExportRequest(environment, tables, to, "csv", "", false, false, false, 5000, "reload", 3, 5, false);
    }

    /** The tables named, or the one word {@code ci} or {@code tracked}. */
    public List<String> tableNames() {
        return Arrays.stream(tables.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    /** Whether {@code to} is a JDBC URL (else a folder, or the embedded H2 file). */
    public boolean toDatabase() {
        return to.regionMatches(true, 0, "jdbc:", 0, 5);
    }

    public TableExportRequest withFull(boolean value) {
        return new TableExportRequest(environment, tables, to, format, prefix, value, reconcile, dryRun, pageSize, mode, retryAttempts,
                retryInterval, deleteLog);
    }

    public TableExportRequest withDryRun(boolean value) {
        return new TableExportRequest(environment, tables, to, format, prefix, full, reconcile, value, pageSize, mode, retryAttempts,
                retryInterval, deleteLog);
    }

    public TableExportRequest withReconcile(boolean value) {
        return new TableExportRequest(environment, tables, to, format, prefix, full, value, dryRun, pageSize, mode, retryAttempts,
                retryInterval, deleteLog);
    }

    public TableExportRequest withPageSize(int value) {
        return new TableExportRequest(environment, tables, to, format, prefix, full, reconcile, dryRun, value, mode, retryAttempts,
                retryInterval, deleteLog);
    }

    public TableExportRequest withRetry(int attempts, int intervalSeconds) {
        return new TableExportRequest(environment, tables, to, format, prefix, full, reconcile, dryRun, pageSize, mode, attempts,
                intervalSeconds, deleteLog);
    }

    public TableExportRequest withPrefix(String value) {
        return new TableExportRequest(environment, tables, to, format, value, full, reconcile, dryRun, pageSize, mode, retryAttempts,
                retryInterval, deleteLog);
    }
}
