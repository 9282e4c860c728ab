package io.dvbridge.cli;

import io.dvbridge.jobs.ExitCodes;
import io.dvbridge.jobs.FailureMessages;
import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.jobs.JobCatalog;
import io.dvbridge.jobs.JobDefinition;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** The dvbridge command line: one command per job (made from its request type), plus run and the sandbox tenant. */
@Command(name = "dvbridge", mixinStandardHelpOptions = true, versionProvider = Version.class,
        exitCodeOnInvalidInput = ExitCodes.USAGE,
        description = "Moves data and report references between Dataverse, Power BI and the systems around them.")
public final class DvBridge implements Runnable {

    /** Exit code of a command line that could not be understood (2 already means "rows need attention"). */
    public static final int USAGE_ERROR = ExitCodes.USAGE;

    /** Set (from {@code --verbose}) before logging starts: log4j2.xml then prints stack traces and Camel's error logs. */
    static final String VERBOSE_PROPERTY = "dvbridge.verbose";

    /** One-line summaries of the command groups that jobs' command words make. */
    private static final Map<String, String> GROUP_TITLES = Map.of("data", "Export or import Configuration Migration tool data.");

    @CommandLine.Spec
    CommandSpec spec;

    public static void main(String[] args) {
        try {
            LogFormat.chosen(args, System.getenv()).ifPresent(format -> System.setProperty(LogFormat.PROPERTY, format.name()));
        } catch (IllegalArgumentException e) {
            System.err.println("dvbridge: " + e.getMessage());
            System.exit(ExitCodes.USAGE);
        }
        if (Arrays.asList(args).contains("--verbose")) {
            System.setProperty(VERBOSE_PROPERTY, "true");
            System.setProperty("dvbridge.log.exceptions", "full");
            System.setProperty("dvbridge.log.camel-errors", "warn");
        }
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DvBridge()).setCaseInsensitiveEnumValuesAllowed(true);
        Map<String, CommandLine> groups = new LinkedHashMap<>();
        for (JobDefinition<?> job : JobCatalog.standard().all()) {
            CommandLine parent = commandLine;
            for (String word : job.command().subList(0, job.command().size() - 1)) {
                parent = groups.computeIfAbsent(word, w -> {
                    CommandLine group = new CommandLine(CommandSpec.create().name(w).mixinStandardHelpOptions(true));
                    group.getCommandSpec().usageMessage().header(GROUP_TITLES.getOrDefault(w, "The " + w + " commands."));
                    group.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE);
                    commandLine.addSubcommand(w, group);
                    return group;
                });
            }
            parent.addSubcommand(new CommandLine(JobCommand.of(job)));
        }
        commandLine.addSubcommand(new CommandLine(new RunCommand()));
        commandLine.addSubcommand(new CommandLine(new ProfilesCommand()));
        commandLine.addSubcommand(new CommandLine(new SandboxCommand()));
        commandLine.addSubcommand(new CommandLine.HelpCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // Expected mistakes get one line and the usage code; failures one line and code 1; stack traces only when asked.
            if (Boolean.getBoolean(VERBOSE_PROPERTY) || verbose(parsed)) {
                e.printStackTrace(cmd.getErr());
            }
            InvalidRequestException invalid = invalidRequest(e);
            if (invalid != null) {
                cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + ": " + invalid.getMessage());
                cmd.getErr().println("See 'dvbridge " + cmd.getCommandSpec().qualifiedName().replaceFirst("^dvbridge ", "") + " --help'.");
                return ExitCodes.USAGE;
            }
            cmd.getErr().println(cmd.getCommandSpec().qualifiedName() + " failed: " + FailureMessages.of(e));
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine;
    }

    private static boolean verbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    private static InvalidRequestException invalidRequest(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidRequestException invalid) {
                return invalid;
            }
        }
        return null;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
