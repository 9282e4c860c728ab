package io.dvbridge.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The dvbridge command line: one subcommand per job, plus the sandbox tenant. */
@Command(name = "dvbridge", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Moves data and report references between Dataverse, Power BI and the systems around them.",
        subcommands = {SandboxCommand.class, CommandLine.HelpCommand.class})
public final class DvBridge implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return new CommandLine(new DvBridge()).setCaseInsensitiveEnumValuesAllowed(true);
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
