package io.dvbridge.cli;

import io.dvbridge.jobs.InvalidRequestException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.config.Environments;
import io.dvbridge.jobs.FailureMessages;
import io.dvbridge.jobs.MigrateReport;
import io.dvbridge.jobs.MigrateRequest;
import io.dvbridge.jobs.RebindRequest;
import io.dvbridge.rebind.ExitCodes;
import io.dvbridge.rebind.FeatureSelection;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.rebind.WriteMode;
import io.dvbridge.runs.RunNotFoundException;
import io.dvbridge.runs.RunStore;
import org.apache.camel.Exchange;
import org.apache.camel.spi.PropertiesComponent;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The bean behind routes/triggers/triggers.camel.yaml: turns what REST calls, queue messages and
 * schedules say into job requests, and job reports and errors into JSON. Requests name environments,
 * never URLs, and an environment is checked against configuration here, before any job starts, so an
 * unknown name never leads to a request to any host.
 */
public final class JobTriggers {

    /** The jobs that can run on a schedule (dvbridge.schedule.<job>.cron). */
    public static final List<String> SCHEDULED_JOBS = List.of("rebind", "migrate");

    /** Exit code of a request that could not be understood, as for an invalid command line. */
    public static final int REJECTED = DvBridge.USAGE_ERROR;

    private static final Set<String> REBIND_FIELDS = Set.of("environment", "feature", "workspaceIds", "pipelineId", "stageOrder",
            "dryRun", "mode", "undoRunId");
    private static final Set<String> MIGRATE_FIELDS = Set.of("from", "to", "schema", "feature", "connections", "dryRun");
    private static final Pattern SCHEMA_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*\\.xml");
    private static final ObjectMapper JSON = RunStore.JSON;

    private final Environments environments;
    private final RunStore runs;
    private final PropertiesComponent properties;

    public JobTriggers(Environments environments, RunStore runs, PropertiesComponent properties) {
        this.environments = environments;
        this.runs = runs;
        this.properties = properties;
    }

    // ------------------------------------------------------------------ requests

    /** A rebind request from a JSON body such as {@code {"environment":"contoso-prod","dryRun":true}}. */
    public RebindRequest rebindRequest(String body) {
        return rebindRequest(parse(body));
    }

    /** A migrate request from a JSON body such as {@code {"from":"contoso-dev","to":"contoso-prod","schema":"analytics-reports.xml"}}. */
    public MigrateRequest migrateRequest(String body) {
        return migrateRequest(parse(body));
    }

    /** The request that {@code dvbridge.schedule.<job>.*} describes, for a job of {@link #SCHEDULED_JOBS}. */
    public Object scheduledRequest(String job) {
        return switch (job) {
            case "rebind" -> rebindRequest(scheduled(job, REBIND_FIELDS));
            case "migrate" -> migrateRequest(scheduled(job, MIGRATE_FIELDS));
            default -> throw new IllegalArgumentException("No schedule for job '" + job + "'");
        };
    }

    /** One line for the log: the run, and the exit code the CLI would give. */
    public String summary(Object report) {
        if (report instanceof RebindReport rebind) {
            return "run " + rebind.runId() + " on " + rebind.environment() + ": " + rebind.counts() + ", exit code " + rebind.exitCode();
        }
        if (report instanceof MigrateReport migrate) {
            return "run " + migrate.runId() + " " + migrate.from() + " -> " + migrate.to() + ", exit code " + migrate.exitCode();
        }
        throw new IllegalArgumentException("Not a job report: " + report.getClass().getSimpleName());
    }

    /**
     * A REST body must be sent as JSON: the HTTP server reads a form-encoded body (curl -d's default) as
     * form fields, and the job would then see no body at all.
     */
    public void requireJson(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new InvalidRequestException("Content-Type", "Send the request body as JSON, with Content-Type: application/json");
        }
    }

    /** For a queue message whose {@code job} header names no job this bundle runs. */
    public Object unknownJob(String job) {
        throw new InvalidRequestException("job", job == null || job.isBlank()
                ? "The message has no 'job' header; set it to rebind or migrate"
                : "Unknown job '" + printable(job) + "'; set the 'job' header to rebind or migrate");
    }

    private RebindRequest rebindRequest(ObjectNode json) {
        checkFields(json, REBIND_FIELDS);
        String environment = environment(json, "environment");
        FeatureSelection feature = feature(json);
        List<String> workspaceIds = strings(json, "workspaceIds");
        Optional<String> pipelineId = text(json, "pipelineId");
        Optional<Integer> stageOrder = integer(json, "stageOrder");
        if (pipelineId.isPresent() && stageOrder.isEmpty()) {
            throw new InvalidRequestException("stageOrder", "'stageOrder' is required with 'pipelineId' (the target stage: 0, 1 or 2)");
        }
        WriteMode mode = text(json, "mode").map(JobTriggers::writeMode).orElse(WriteMode.ATOMIC);
        return RebindRequest.of(environment).withFeature(feature).withWorkspaces(workspaceIds)
                .withPipeline(pipelineId.orElse(null), stageOrder.orElse(null))
                .withDryRun(bool(json, "dryRun")).withMode(mode).withUndo(text(json, "undoRunId").orElse(null));
    }

    private MigrateRequest migrateRequest(ObjectNode json) {
        checkFields(json, MIGRATE_FIELDS);
        String from = environment(json, "from");
        String to = environment(json, "to");
        if (from.equals(to)) {
            throw new InvalidRequestException("to", "'from' and 'to' are the same environment (" + from + ")");
        }
        int connections = integer(json, "connections").orElse(4);
        if (connections < 1 || connections > 16) {
            throw new InvalidRequestException("connections", "'connections' must be between 1 and 16, not " + connections);
        }
        return new MigrateRequest(from, to, schema(json), feature(json), connections, bool(json, "dryRun"));
    }

    // ------------------------------------------------------------------ responses

    /** The report as the JSON the run store keeps. */
    public String reportJson(Object report) throws JsonProcessingException {
        return JSON.writeValueAsString(report);
    }

    /** The exit code the CLI would give for this report. */
    public int exitCode(Object report) {
        if (report instanceof RebindReport rebind) {
            return rebind.exitCode();
        }
        if (report instanceof MigrateReport migrate) {
            return migrate.exitCode();
        }
        throw new IllegalArgumentException("Not a job report: " + report.getClass().getSimpleName());
    }

    /** A report of a finished run, from the run store; {@code runId} is checked before it touches the file system. */
    public String runReport(String runId) throws JsonProcessingException {
        if (runId == null || runId.isBlank()) {
            throw new InvalidRequestException("runId", "A run id is required, e.g. rebind-20261122-010203-4f2a9c");
        }
        try {
            if (!runs.exists(runId, "report.json")) {
                throw new RunNotFoundException("No run '" + runId + "' with a report");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("runId", "'" + printable(runId) + "' is not a run id (expected e.g. rebind-20261122-010203-4f2a9c)");
        }
        return JSON.writeValueAsString(runs.read(runId, "report.json", JsonNode.class));
    }

    /**
     * The JSON error for the exception a route caught: the message (components keep secrets and tokens
     * out of theirs), the field for a bad request, and the exit code the CLI would give. Never a stack trace.
     */
    public String errorJson(Exchange exchange) throws JsonProcessingException {
        Throwable caught = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Throwable.class);
        // Camel wraps what a bean threw (e.g. in a simple expression); the request's own exception tells the field.
        for (Throwable t = caught; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof InvalidRequestException || t instanceof RunNotFoundException) {
                caught = t;
                break;
            }
        }
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("error", caught == null ? "unknown error" : FailureMessages.of(caught));
        if (caught instanceof InvalidRequestException rejected) {
            if (!rejected.field().isEmpty()) {
                error.put("field", rejected.field());
            }
            error.put("exitCode", REJECTED);
        } else {
            error.put("exitCode", ExitCodes.FAILED);
        }
        return JSON.writeValueAsString(error);
    }

    // ------------------------------------------------------------------ reading fields

    private static ObjectNode parse(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("", "The request body is empty; send a JSON object");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            // Jackson's own message quotes the input; the location is enough and echoes nothing back.
            var at = e.getLocation();
            throw new InvalidRequestException("", "The request body is not valid JSON"
                    + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")"));
        }
        if (!(json instanceof ObjectNode object)) {
            throw new InvalidRequestException("", "The request body must be a JSON object");
        }
        return object;
    }

    private static void checkFields(ObjectNode json, Set<String> known) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidRequestException(printable(name), "Unknown field '" + printable(name) + "'; known fields: "
                        + String.join(", ", known.stream().sorted().toList()));
            }
        }
    }

    private String environment(ObjectNode json, String field) {
        String name = text(json, field).orElseThrow(() -> new InvalidRequestException(field,
                "'" + field + "' is required: the name of a configured environment (configured: " + String.join(", ", environments.names()) + ")"));
        if (!environments.names().contains(name)) {
            throw new InvalidRequestException(field, "'" + field + "' names no configured environment: '" + printable(name)
                    + "' (configured: " + String.join(", ", environments.names()) + ")");
        }
        return name;
    }

    private static FeatureSelection feature(ObjectNode json) {
        try {
            return text(json, "feature").map(FeatureSelection::parse).orElse(FeatureSelection.ALL);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("feature", e.getMessage());
        }
    }

    private static WriteMode writeMode(String text) {
        String wanted = text.strip().toUpperCase(Locale.ROOT).replace('-', '_');
        for (WriteMode mode : WriteMode.values()) {
            if (mode.name().equals(wanted)) {
                return mode;
            }
        }
        throw new InvalidRequestException("mode", "Unknown mode '" + printable(text) + "'; use atomic or row-by-row");
    }

    /** The schema is a file name in {@code dvbridge.run.schemas-dir}: a request never picks an arbitrary path. */
    private Path schema(ObjectNode json) {
        String name = text(json, "schema").orElseThrow(() -> new InvalidRequestException("schema",
                "'schema' is required: the file name of a CMT schema in " + schemasDir()));
        if (!SCHEMA_NAME.matcher(name).matches()) {
            throw new InvalidRequestException("schema", "'schema' must be a plain .xml file name in " + schemasDir() + ", not a path");
        }
        Path file = schemasDir().resolve(name);
        if (!Files.isRegularFile(file)) {
            throw new InvalidRequestException("schema", "No schema '" + name + "' in " + schemasDir());
        }
        return file;
    }

    private Path schemasDir() {
        return Path.of(properties.resolveProperty("dvbridge.run.schemas-dir").orElse("config/schemas"));
    }

    private static Optional<String> text(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isTextual()) {
            throw new InvalidRequestException(field, "'" + field + "' must be a string");
        }
        return Optional.of(value.asText()).filter(s -> !s.isBlank());
    }

    private static Optional<Integer> integer(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (value.isTextual() && value.asText().strip().matches("-?\\d{1,9}")) {
            return Optional.of(Integer.parseInt(value.asText().strip()));
        }
        if (!value.isInt()) {
            throw new InvalidRequestException(field, "'" + field + "' must be a whole number");
        }
        return Optional.of(value.intValue());
    }

    private static boolean bool(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
            return Boolean.parseBoolean(value.asText());
        }
        throw new InvalidRequestException(field, "'" + field + "' must be true or false");
    }

    private static List<String> strings(ObjectNode json, String field) {
        JsonNode value = json.get(field);
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (value.isTextual()) {
            return List.of(value.asText().split(",")).stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
        }
        if (!value.isArray()) {
            throw new InvalidRequestException(field, "'" + field + "' must be a list of strings");
        }
        List<String> values = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw new InvalidRequestException(field, "'" + field + "' must be a list of strings");
            }
            values.add(item.asText());
        }
        return values;
    }

    /**
     * The request a schedule's properties describe, as the same JSON object a REST call would send:
     * {@code dvbridge.schedule.<job>.dry-run} is the field {@code dryRun}, and so on.
     */
    private ObjectNode scheduled(String job, Set<String> fields) {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        for (String field : fields) {
            properties.resolveProperty("dvbridge.schedule." + job + "." + kebab(field))
                    .filter(v -> !v.isBlank())
                    .ifPresent(v -> json.put(field, v.strip()));
        }
        return json;
    }

    private static String kebab(String field) {
        return field.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** User text quoted in a message: bounded, one line. */
    private static String printable(String text) {
        String line = text.replaceAll("\\p{Cntrl}", "?");
        return line.length() > 80 ? line.substring(0, 80) + "..." : line;
    }
}
