package io.dvbridge.cli;

import io.dvbridge.jobs.RebindRequest;
import io.dvbridge.rebind.ExitCodes;
import io.dvbridge.rebind.FeatureSelection;
import io.dvbridge.rebind.RebindJson;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.rebind.TerminalSummary;
import io.dvbridge.rebind.WriteMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code dvbridge rebind}: points analytics report rows at the target environment's Power BI reports. */
@Command(name = "rebind", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeOnInvalidInput = DvBridge.USAGE_ERROR, exitCodeOnExecutionException = ExitCodes.FAILED,
        description = {
                "Rebind msdyn_dataanalyticsreports rows to the Power BI reports of the environment's own workspace,",
                "after analytics configuration was moved between environments.",
                "Matches by deployment pipeline artifact when --pipeline is given, else by report name (exact, then",
                "ignoring case, spacing and Unicode form); never guesses between two candidates.",
                "Every real run records an undo journal; --undo <run-id> restores what that run changed."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every row is done (updated, already correct, or planned in a dry run)",
                "1:a write failed or was rolled back, or the run could not complete",
                "2:finished, but some rows need attention (ambiguous, unmatched, changed meanwhile)",
                "64:invalid command line"})
final class RebindCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = {"-e", "--environment"}, required = true, paramLabel = "NAME",
            description = "Configured environment whose report rows to fix (e.g. contoso-prod)")
    String environment;

    @Option(names = "--feature", defaultValue = "all", paramLabel = "historical|realtime|all", converter = FeatureOption.class,
            description = "Which analytics feature's reports (default: ${DEFAULT-VALUE})")
    FeatureSelection feature;

    @Option(names = "--workspace", paramLabel = "ID", description = "Target Power BI workspace id, when Dataverse records several (repeatable, one per feature)")
    List<String> workspaces = new ArrayList<>();

    @Option(names = "--pipeline", paramLabel = "ID", description = "Deployment pipeline whose artifact map links old reports to new ones")
    String pipeline;

    @Option(names = "--stage", paramLabel = "N", description = "The pipeline's target stage order (0 development, 1 test, 2 production)")
    Integer stage;

    @Option(names = "--dry-run", description = "Print the plan (row, name, before -> after) and write nothing")
    boolean dryRun;

    @Option(names = "--row-by-row", description = "Each row stands or falls alone (default: all writes in one atomic changeset)")
    boolean rowByRow;

    @Option(names = "--undo", paramLabel = "RUN-ID", description = "Restore the values a previous run replaced (checked against each row's version)")
    String undo;

    @Option(names = "--report", paramLabel = "FILE", description = "Also write the JSON report here (it is always kept in the run store)")
    Path reportFile;

    @Option(names = "--config", paramLabel = "FILE", description = "Extra properties file, overriding config/application.properties")
    Path config;

    @Option(names = "--color", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Colour the summary when the output is a terminal (default: ${DEFAULT-VALUE})")
    boolean color;

    /** Reads --feature so that a wrong value is a usage error, not a failed run. */
    static final class FeatureOption implements picocli.CommandLine.ITypeConverter<FeatureSelection> {
        @Override
        public FeatureSelection convert(String value) {
            try {
                return FeatureSelection.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        RebindRequest request = RebindRequest.of(environment)
                .withFeature(feature)
                .withWorkspaces(workspaces)
                .withPipeline(pipeline, stage)
                .withDryRun(dryRun)
                .withMode(rowByRow ? WriteMode.ROW_BY_ROW : WriteMode.ATOMIC)
                .withUndo(undo);
        try (JobRuntime runtime = JobRuntime.start(Map.of(), Optional.ofNullable(config))) {
            RebindReport report = runtime.rebind(request);
            PrintWriter out = spec.commandLine().getOut();
            out.println(new TerminalSummary(color && System.console() != null).render(report));
            out.println("Run " + report.runId() + ": report in " + runtime.runStore().file(report.runId(), "report.json"));
            if (!report.dryRun() && report.counts().updated() > 0) {
                out.println("Undo with: dvbridge rebind --environment " + environment + " --undo " + report.runId());
            }
            out.flush();
            if (reportFile != null) {
                Files.writeString(reportFile, RebindJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(report));
            }
            return report.exitCode();
        }
    }
}
