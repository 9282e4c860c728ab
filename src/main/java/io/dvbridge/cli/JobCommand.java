package io.dvbridge.cli;

import io.dvbridge.jobs.ExitCodes;
import io.dvbridge.jobs.FailedRunReport;
import io.dvbridge.jobs.JobDefinition;
import io.dvbridge.jobs.JobReport;
import io.dvbridge.jobs.RequestField;
import io.dvbridge.jobs.TerminalView;
import io.dvbridge.jobs.Trigger;
import io.dvbridge.runs.RunStore;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The command of one job, made from its request type: an option per request field (names, labels,
 * defaults and help from its {@code @Param}), plus the options every job command shares. It sends one
 * request through the job launcher, prints the report and exits with the report's code.
 */
final class JobCommand implements Callable<Integer> {

    private final JobDefinition<?> job;
    private CommandSpec spec;

    private JobCommand(JobDefinition<?> job) {
        this.job = job;
    }

    /** The picocli command of a job, named by the last word of its command. */
    static CommandSpec of(JobDefinition<?> job) {
        JobCommand command = new JobCommand(job);
        CommandSpec spec = CommandSpec.wrapWithoutInspection(command).name(job.command().get(job.command().size() - 1))
                .mixinStandardHelpOptions(true);
        spec.usageMessage().header(job.title() + ".").description(job.description().toArray(String[]::new))
                .sortOptions(false).exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes(job));
        for (RequestField field : job.schema().fields()) {
            spec.addOption(option(field));
        }
        CommonOptions.addTo(spec);
        spec.exitCodeOnInvalidInput(ExitCodes.USAGE).exitCodeOnExecutionException(ExitCodes.FAILED);
        command.spec = spec;
        return spec;
    }

    private static OptionSpec option(RequestField field) {
        OptionSpec.Builder option = OptionSpec.builder(field.cliNames().toArray(String[]::new))
                .description(field.description() + (field.param().defaultValue().isEmpty() ? "" : " (default: " + field.param().defaultValue() + ")"))
                .required(field.required());
        if (field.isBoolean()) {
            return option.type(boolean.class).arity("0").build();
        }
        option.paramLabel(field.label());
        if (field.isList()) {
            // repeatable, or comma separated
            return option.type(List.class).auxiliaryTypes(String.class).splitRegex(",").build();
        }
        return option.type(String.class).build();
    }

    private static Map<String, String> exitCodes(JobDefinition<?> job) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (String line : job.exitCodes()) {
            int colon = line.indexOf(':');
            codes.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return codes;
    }

    @Override
    public Integer call() {
        ParseResult parsed = spec.commandLine().getParseResult();
        Map<String, String> texts = new LinkedHashMap<>();
        for (RequestField field : job.schema().fields()) {
            OptionSpec option = spec.findOption(field.cliNames().get(0));
            if (!parsed.hasMatchedOption(option)) {
                continue;
            }
            Object value = option.getValue();
            texts.put(field.name(), value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                    : String.valueOf(value));
        }
        Object request = job.schema().fromText(texts);
        CommonOptions options = CommonOptions.read(spec);
        try (JobRuntime runtime = JobRuntime.start(Map.of(), options.config())) {
            JobReport report = runtime.launcher().run(job, request, Trigger.CLI, caller());
            PrintWriter out = spec.commandLine().getOut();
            if (report instanceof FailedRunReport failed) {
                // A run that ended before its job could report: one line on stderr, as for any failed command.
                PrintWriter err = spec.commandLine().getErr();
                err.println("dvbridge " + spec.qualifiedName().replaceFirst("^dvbridge ", "")
                        + (failed.exitCode() == ExitCodes.FAILED ? " failed: " : ": ") + failed.summary());
                err.flush();
            } else {
                out.println(report instanceof TerminalView view ? view.render(options.color() && System.console() != null) : report.summary());
            }
            out.println("Run " + report.runId() + ": report in " + runtime.runStore().file(report.runId(), "report.json"));
            out.flush();
            options.reportFile().ifPresent(file -> writeReport(file, report));
            return report.exitCode();
        }
    }

    /** The person or pipeline at the keyboard, for the run record; never a credential. */
    private static String caller() {
        return "cli:" + Optional.ofNullable(System.getProperty("user.name")).orElse("unknown");
    }

    /** Written beside the target and moved into place, so a reader never sees half a report. */
    private static void writeReport(Path file, JobReport report) {
        try {
            Path absolute = file.toAbsolutePath();
            Path temp = Files.createTempFile(absolute.getParent(), "." + absolute.getFileName(), ".tmp");
            try {
                RunStore.JSON.writeValue(temp.toFile(), report);
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the report to " + file + ": " + e.getMessage(), e);
        }
    }

    /** Options every job command has besides its request's fields. */
    record CommonOptions(Optional<Path> config, Optional<Path> reportFile, boolean color) {

        static void addTo(CommandSpec spec) {
            spec.addOption(OptionSpec.builder("--report").paramLabel("FILE").type(Path.class)
                    .description("Also write the JSON report here (it is always kept in the run store)").build());
            spec.addOption(OptionSpec.builder("--config").paramLabel("FILE").type(Path.class)
                    .description("Extra properties file, overriding config/application.properties").build());
            spec.addOption(OptionSpec.builder("--color").negatable(true).type(boolean.class).arity("0").defaultValue("true")
                    .description("Colour the summary when the output is a terminal (default: true)").build());
            spec.addOption(OptionSpec.builder("--verbose").type(boolean.class).arity("0")
                    .description("Show stack traces and Camel's own error logs (for reporting a bug)").build());
            spec.addOption(OptionSpec.builder(LogFormat.OPTION).paramLabel("FORMAT").type(LogFormat.class)
                    .description("Log events as text (default) or json (one object per line, with the run id); "
                            + "also DVBRIDGE_LOG_FORMAT").build());
        }

        static CommonOptions read(CommandSpec spec) {
            return new CommonOptions(Optional.ofNullable(spec.findOption("--config").getValue()),
                    Optional.ofNullable(spec.findOption("--report").getValue()), spec.findOption("--color").getValue());
        }
    }
}
