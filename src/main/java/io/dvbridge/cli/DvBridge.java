package io.dvbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The dvbridge command line: one subcommand per job, plus the sandbox tenant. */
@Command(name = "dvbridge", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Moves data and report references between Dataverse, Power BI and the systems around them.",
        subcommands = {RebindCommand.class, DataCommand.class, MigrateCommand.class, RunCommand.class, SandboxCommand.class, CommandLine.HelpCommand.class})
public final class DvBridge implements Runnable {

    /** Exit code of a command line that could not be understood (2 already means "rows need attention"). */
    public static final int USAGE_ERROR = 64;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new DvBridge()).setCaseInsensitiveEnumValuesAllowed(true);
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // The message is what a user needs; components keep secrets and tokens out of it.
            cmd.getErr().println("dvbridge " + cmd.getCommandName() + " failed: " + io.dvbridge.jobs.FailureMessages.of(e));
            return cmd.getCommandSpec().exitCodeOnExecutionException();
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
