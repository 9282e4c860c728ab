package io.dvbridge.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.jobs.ExitCodes;
import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.ProfileFailures;
import io.dvbridge.triggers.Triggers;
import io.dvbridge.triggers.profiles.ExportProfileService;
import io.dvbridge.triggers.profiles.Profile;
import io.dvbridge.triggers.profiles.ProfileConflictException;
import io.dvbridge.triggers.profiles.ProfileJson;
import io.dvbridge.triggers.profiles.ProfileNotFoundException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;

/**
 * {@code dvbridge profiles ...}: the export profile operations of the REST API, calling the same service directly
 * (no HTTP), against the state store configuration names. Answers are the API's JSON. Activating here writes the
 * profile's schedule into the clustered scheduler's tables; the running {@code dvbridge run} instances fire it.
 */
@Command(name = "profiles", mixinStandardHelpOptions = true, exitCodeOnInvalidInput = ExitCodes.USAGE,
        header = "Manage export profiles (like the Data Export Service's).",
        description = {"List, show, create, delete, activate, deactivate and test export profiles, and read their failure log.",
                "The same operations as /api/profiles (docs/export-profiles.md), on the state store configuration names."},
        subcommands = {ProfilesCommand.ListProfiles.class, ProfilesCommand.Show.class, ProfilesCommand.Create.class,
                ProfilesCommand.Delete.class, ProfilesCommand.Activate.class, ProfilesCommand.Deactivate.class,
                ProfilesCommand.Test.class, ProfilesCommand.Failures.class})
final class ProfilesCommand {

    /** What every profile command shares: the configuration file, the runtime, one JSON answer, the exit code. */
    abstract static class Operation implements Callable<Integer> {

        @Option(names = "--config", paramLabel = "FILE", description = "Extra properties file, overriding config/application.properties")
        Path config;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        /** The answer, and the exit code it means. */
        record Answer(JsonNode json, int exitCode) {
        }

        abstract Answer answer(ExportProfileService profiles) throws IOException;

        @Override
        public Integer call() throws IOException {
            try (JobRuntime runtime = JobRuntime.start(Map.of(), Optional.ofNullable(config))) {
                ExportProfileService profiles = Triggers.profileCommands(runtime.context(), runtime.catalog(), runtime.stateStore());
                try {
                    Answer answer = answer(profiles);
                    spec.commandLine().getOut().println(RunStore.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(answer.json()));
                    return answer.exitCode();
                } catch (ProfileNotFoundException | ProfileConflictException e) {
                    spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
                    return ExitCodes.USAGE;
                } finally {
                    profiles.stop();
                }
            }
        }

        static Answer ok(JsonNode json) {
            return new Answer(json, ExitCodes.SUCCESS);
        }

        static ObjectNode profile(ExportProfileService profiles, Profile profile) {
            return ProfileJson.profile(profile, profiles.nextSync(profile.name()));
        }
    }

    /** A command on one named profile. */
    abstract static class Named extends Operation {

        @Parameters(index = "0", paramLabel = "NAME", description = "The profile's name")
        String name;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, header = "Every profile, from configuration and the state store.")
    static final class ListProfiles extends Operation {
        @Override
        Answer answer(ExportProfileService profiles) {
            ArrayNode list = JsonNodeFactory.instance.arrayNode();
            profiles.list().forEach(p -> list.add(profile(profiles, p)));
            return ok(JsonNodeFactory.instance.objectNode().set("profiles", list));
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, header = "One profile.")
    static final class Show extends Named {
        @Override
        Answer answer(ExportProfileService profiles) {
            return ok(profile(profiles, profiles.get(name)));
        }
    }

    @Command(name = "create", mixinStandardHelpOptions = true, header = "Validate and save a profile from a JSON file (the body of POST /api/profiles).")
    static final class Create extends Operation {
        @Option(names = "--file", required = true, paramLabel = "FILE", description = "The profile as JSON: name, request, interval, retryInterval, retryMax, active")
        Path file;

        @Override
        Answer answer(ExportProfileService profiles) throws IOException {
            String body;
            try {
                body = Files.readString(file, StandardCharsets.UTF_8);
            } catch (NoSuchFileException e) {
                throw new InvalidRequestException("file", "No such file: " + file + " (--file)");
            }
            ExportProfileService.Saved saved = profiles.create(profiles.read(body, Optional.empty()));
            ObjectNode json = profile(profiles, saved.profile());
            json.set("warnings", ProfileJson.warnings(saved.warnings()));
            return ok(json);
        }
    }

    @Command(name = "delete", mixinStandardHelpOptions = true, header = "Delete a stored profile and its schedule.")
    static final class Delete extends Named {
        @Override
        Answer answer(ExportProfileService profiles) {
            profiles.delete(name);
            return ok(JsonNodeFactory.instance.objectNode().put("name", name).put("deleted", true));
        }
    }

    @Command(name = "activate", mixinStandardHelpOptions = true, header = "Sync the profile continuously at its interval (on the running instances).")
    static final class Activate extends Named {
        @Override
        Answer answer(ExportProfileService profiles) {
            return ok(profile(profiles, profiles.activate(name)));
        }
    }

    @Command(name = "deactivate", mixinStandardHelpOptions = true, header = "Stop the profile's continuous sync.")
    static final class Deactivate extends Named {
        @Override
        Answer answer(ExportProfileService profiles) {
            return ok(profile(profiles, profiles.deactivate(name)));
        }
    }

    @Command(name = "test", mixinStandardHelpOptions = true, header = "Test the profile's environment (token, identity, privileges) and its sink.",
            exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:both passed", "1:a test failed (the answer says which)", "64:usage"})
    static final class Test extends Named {
        @Override
        Answer answer(ExportProfileService profiles) {
            ExportProfileService.TestResult result = profiles.test(name, "cli");
            return new Answer(ProfileJson.test(result, RunStore.JSON), result.passed() ? ExitCodes.SUCCESS : ExitCodes.FAILED);
        }
    }

    @Command(name = "failures", mixinStandardHelpOptions = true, header = "The profile's failure log, newest first, a page at a time.")
    static final class Failures extends Named {
        @Option(names = "--table", paramLabel = "NAME", description = "Only this table's failures (logical name)")
        String table;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "Entries in the page (1-500; default ${DEFAULT-VALUE})")
        int limit;
        @Option(names = "--offset", paramLabel = "N", defaultValue = "0", description = "Entries to skip (default ${DEFAULT-VALUE})")
        int offset;

        @Override
        Answer answer(ExportProfileService profiles) {
            if (limit < 1 || limit > ProfileFailures.MAX_LIMIT || offset < 0) {
                throw new InvalidRequestException("limit", "--limit must be 1-" + ProfileFailures.MAX_LIMIT + " and --offset at least 0");
            }
            ProfileFailures.Page page = profiles.failures(name, Optional.ofNullable(table).map(Function.<String>identity()), offset, limit);
            ObjectNode json = ProfileJson.failures(name, page);
            json.put("more", page.more());
            return ok(json);
        }
    }
}
