package io.dvbridge.cli;

import io.dvbridge.jobs.DataExportRequest;
import io.dvbridge.jobs.DataImportRequest;
import io.dvbridge.jobs.ExportReport;
import io.dvbridge.jobs.ImportReport;
import io.dvbridge.rebind.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code dvbridge data export|import}: configuration data in the Configuration Migration tool's data.zip format. */
@Command(name = "data", mixinStandardHelpOptions = true,
        description = "Export and import configuration data as a Configuration Migration tool data.zip.",
        subcommands = {DataCommand.Export.class, DataCommand.Import.class})
final class DataCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    @Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
            exitCodeOnInvalidInput = DvBridge.USAGE_ERROR, exitCodeOnExecutionException = ExitCodes.FAILED,
            description = "Write the records a CMT schema file selects (its FetchXML filter, every page) into a data.zip.",
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:data.zip written", "1:the export failed (the message says why)", "64:invalid command line"})
    static final class Export implements Callable<Integer> {

        @Option(names = {"-e", "--environment"}, required = true, paramLabel = "NAME", description = "Configured environment to read")
        String environment;

        @Option(names = "--schema", required = true, paramLabel = "FILE", description = "CMT schema file (e.g. config/schemas/analytics-reports.xml)")
        Path schema;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The data.zip to write")
        Path out;

        @Option(names = "--config", paramLabel = "FILE", description = "Extra properties file, overriding config/application.properties")
        Path config;

        @Override
        public Integer call() {
            try (JobRuntime runtime = JobRuntime.start(Map.of(), Optional.ofNullable(config))) {
                ExportReport report = runtime.exportData(new DataExportRequest(environment, schema, out));
                PrintWriter console = new PrintWriter(System.out, true);
                report.recordsByEntity().forEach((entity, count) -> console.println("  " + entity + ": " + count + " record(s)"));
                console.println("Exported " + report.records() + " record(s) from " + environment + " to " + report.file());
                console.println("Run " + report.runId() + ": report in " + runtime.runStore().file(report.runId(), "export.json"));
                return ExitCodes.SUCCESS;
            }
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true, sortOptions = false,
            exitCodeOnInvalidInput = DvBridge.USAGE_ERROR, exitCodeOnExecutionException = ExitCodes.FAILED,
            description = {"Import a data.zip (or its unpacked folder) into an environment: match each record by id, then by its",
                    "updateCompare fields, then by primary name; create or update only what differs; lookups after the",
                    "records they point to; state and status last. Every record gets a result line."},
            exitCodeListHeading = "%nExit codes:%n",
            exitCodeList = {"0:every record created, updated or unchanged", "1:a record failed, or the import could not run",
                    "64:invalid command line"})
    static final class Import implements Callable<Integer> {

        @Option(names = {"-e", "--environment"}, required = true, paramLabel = "NAME", description = "Configured environment to write")
        String environment;

        @Option(names = "--data", required = true, paramLabel = "ZIP|FOLDER", description = "data.zip, or a folder holding its three files")
        Path data;

        @Option(names = "--connections", defaultValue = "4", paramLabel = "N", description = "$batch requests in flight at once, 1-16 (default: ${DEFAULT-VALUE})")
        int connections;

        @Option(names = "--results", paramLabel = "FILE", description = "Also write the per-record results (JSON Lines) here; always kept in the run store")
        Path results;

        @Option(names = "--dry-run", description = "Plan and report every record; write nothing")
        boolean dryRun;

        @Option(names = "--config", paramLabel = "FILE", description = "Extra properties file, overriding config/application.properties")
        Path config;

        @Override
        public Integer call() {
            DataImportRequest request = DataImportRequest.of(environment, data).withConnections(connections).withResultsFile(results)
                    .withDryRun(dryRun);
            try (JobRuntime runtime = JobRuntime.start(Map.of(), Optional.ofNullable(config))) {
                ImportReport report = runtime.importData(request);
                PrintWriter console = new PrintWriter(System.out, true);
                console.println(ImportSummary.render(report));
                console.println("Run " + report.runId() + ": report in " + runtime.runStore().file(report.runId(), "report.json"));
                return report.exitCode();
            }
        }
    }
}
