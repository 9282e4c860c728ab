package io.dvbridge.cli;

import io.dvbridge.jobs.MigrateReport;
import io.dvbridge.jobs.MigrateRequest;
import io.dvbridge.rebind.ExitCodes;
import io.dvbridge.rebind.FeatureSelection;
import io.dvbridge.rebind.TerminalSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code dvbridge migrate}: the seed pipeline's whole ALM move in one command. */
@Command(name = "migrate", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeOnInvalidInput = DvBridge.USAGE_ERROR, exitCodeOnExecutionException = ExitCodes.FAILED,
        description = {"Export the schema's records from --from, import them into --to, then rebind the analytics",
                "report rows of --to to its own Power BI reports. Stops at the first failed step and says which."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every step done", "1:a step failed (the report names it); later steps did not run",
                "2:done, but some report rows need attention (see the rebind section)", "64:invalid command line"})
final class MigrateCommand implements Callable<Integer> {

    @Option(names = "--from", required = true, paramLabel = "NAME", description = "Source environment (e.g. contoso-dev)")
    String from;

    @Option(names = "--to", required = true, paramLabel = "NAME", description = "Target environment (e.g. contoso-prod)")
    String to;

    @Option(names = "--schema", required = true, paramLabel = "FILE", description = "CMT schema file (e.g. config/schemas/analytics-reports.xml)")
    Path schema;

    @Option(names = "--feature", defaultValue = "all", paramLabel = "historical|realtime|all",
            description = "Which analytics feature's reports to rebind (default: ${DEFAULT-VALUE})")
    String feature;

    @Option(names = "--connections", defaultValue = "4", paramLabel = "N", description = "$batch requests in flight during the import (default: ${DEFAULT-VALUE})")
    int connections;

    @Option(names = "--dry-run", description = "Show what each step would do; write nothing to either environment")
    boolean dryRun;

    @Option(names = "--config", paramLabel = "FILE", description = "Extra properties file, overriding config/application.properties")
    Path config;

    @Override
    public Integer call() {
        MigrateRequest request = new MigrateRequest(from, to, schema, FeatureSelection.parse(feature), connections, dryRun);
        try (JobRuntime runtime = JobRuntime.start(Map.of(), Optional.ofNullable(config))) {
            MigrateReport report = runtime.migrate(request);
            PrintWriter out = new PrintWriter(System.out, true);
            out.println((report.dryRun() ? "Dry run of the move " : "Move ") + from + " -> " + to + " (run " + report.runId() + ")");
            for (MigrateReport.Step step : report.steps()) {
                out.println("  " + step.name() + ": " + step.status() + " - " + step.summary());
            }
            report.importSection().ifPresent(i -> out.println(ImportSummary.render(i)));
            report.rebindSection().ifPresent(r -> out.println(new TerminalSummary(false).render(r)));
            report.failedStep().ifPresent(s -> out.println("Stopped at step '" + s.name() + "': " + s.summary()));
            out.println("Report in " + runtime.runStore().file(report.runId(), "report.json"));
            return report.exitCode();
        }
    }
}
