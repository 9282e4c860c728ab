package io.dvbridge.jobs;

import io.dvbridge.config.Environments;
import io.dvbridge.config.ExportTargets;

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
    private final ExportTargets targets;

    public RequestChecks(Environments environments, Path schemasDir, Path filesDir) {
        this(environments, schemasDir, filesDir, ExportTargets.none());
    }

    public RequestChecks(Environments environments, Path schemasDir, Path filesDir, ExportTargets targets) {
        this.environments = environments;
        this.schemasDir = schemasDir;
        this.filesDir = filesDir;
        this.targets = targets;
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
            if (field.kind() == ParamKind.EXPORT_TARGET && value instanceof String target) {
                Object resolved = exportTarget(field, target, trigger);
                changed |= !resolved.equals(value);
                values.put(field.name(), resolved);
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

    /**
     * A configured target's name or {@code embedded} as given; a JDBC URL only from the CLI (a remote caller could
     * otherwise point the export at any host); a folder, from a remote trigger, a plain name in the files folder.
     */
    private String exportTarget(RequestField field, String value, Trigger trigger) {
        if (value.equals(TableExportRequest.EMBEDDED) || targets.find(value).isPresent()) {
            return value;
        }
        boolean jdbc = value.regionMatches(true, 0, "jdbc:", 0, 5);
        if (!trigger.remote()) {
            return value;
        }
        if (jdbc) {
            throw new InvalidRequestException(field.name(), "'" + field.name() + "' must name a configured export target ("
                    + (targets.names().isEmpty() ? "none is configured: dvbridge.export.target.<name>.url"
                    : "configured: " + String.join(", ", targets.names())) + "), embedded, or a folder in "
                    + folderName(field) + "; a JDBC URL is accepted from the command line only");
        }
        return inFolder(field, Path.of(value)).toString();
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
