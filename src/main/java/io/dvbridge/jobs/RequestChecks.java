package io.dvbridge.jobs;

import io.dvbridge.config.Environments;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Checks a request against this installation before any work: every environment it names is configured
 * (so a token is never sent to a host configuration did not name), and every file it names is allowed.
 * From a remote trigger (REST, queue, schedule) a file is a plain name inside a configured folder, never a
 * path; answers name the folder's key, never the server's path.
 */
public final class RequestChecks {

    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private final Environments environments;
    private final Path schemasDir;
    private final Path filesDir;

    public RequestChecks(Environments environments, Path schemasDir, Path filesDir) {
        this.environments = environments;
        this.schemasDir = schemasDir;
        this.filesDir = filesDir;
    }

    /** The request as the job will run it (remote file names resolved in their folders), or an {@link InvalidRequestException}. */
    public <R extends Record> R check(JobDefinition<R> job, R request, Trigger trigger) {
        RequestSchema<R> schema = job.schema();
        Map<String, Object> values = new LinkedHashMap<>(schema.values(request));
        boolean changed = false;
        for (RequestField field : schema.fields()) {
            Object value = values.get(field.name());
            if (field.kind().environment() && value instanceof String name) {
                checkEnvironment(field, name);
            }
            if (field.kind().file()) {
                Object resolved = resolve(field, value, trigger);
                changed |= resolved != value;
                values.put(field.name(), resolved);
            }
        }
        return changed ? schema.build(values) : request;
    }

    private void checkEnvironment(RequestField field, String name) {
        if (!environments.names().contains(name)) {
            throw new InvalidRequestException(field.name(), "'" + field.name() + "' names no configured environment: '"
                    + RequestField.printable(name) + "' (configured: " + String.join(", ", new TreeSet<>(environments.names())) + ")");
        }
    }

    private Object resolve(RequestField field, Object value, Trigger trigger) {
        if (value instanceof Optional<?> optional) {
            return optional.isEmpty() ? value : Optional.of(resolve(field, optional.get(), trigger));
        }
        if (value instanceof List<?> list) {
            return list.stream().map(item -> resolve(field, item, trigger)).toList();
        }
        if (field.kind() == ParamKind.INPUT_SOURCE && value instanceof String text) {
            if (text.startsWith("jdbc:") && (trigger == Trigger.REST || trigger == Trigger.QUEUE)) {
                // A JDBC URL picks a driver and its options (some load classes): only local configuration may give one.
                throw new InvalidRequestException(field.name(), "A REST or queue request cannot name a JDBC URL; push a file from "
                        + folderName(field) + ", or run the JDBC push from the command line or a schedule");
            }
            return text.startsWith("jdbc:") || text.startsWith("queue:") ? text : resolve(field, Path.of(text), trigger).toString();
        }
        if (!(value instanceof Path path)) {
            return value;
        }
        Path file = trigger.remote() ? inFolder(field, path) : path;
        if (field.kind() != ParamKind.OUTPUT_FILE && !Files.exists(file)) {
            throw new InvalidRequestException(field.name(), trigger.remote()
                    ? "No file '" + path + "' in " + folderName(field)
                    : "No such file: " + path + " (--" + field.kebabName() + ")");
        }
        return file;
    }

    private Path inFolder(RequestField field, Path path) {
        String name = path.toString();
        if (!PLAIN_NAME.matcher(name).matches() || name.contains("..")) {
            throw new InvalidRequestException(field.name(), "'" + field.name() + "' must be a plain file name in " + folderName(field)
                    + ", not a path");
        }
        return (field.kind() == ParamKind.SCHEMA_FILE ? schemasDir : filesDir).resolve(name);
    }

    private static String folderName(RequestField field) {
        return field.kind() == ParamKind.SCHEMA_FILE ? "the schemas folder (dvbridge.run.schemas-dir)"
                : "the files folder (dvbridge.run.files-dir)";
    }
}
