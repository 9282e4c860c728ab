package io.dvbridge.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.jobs.ExitCodes;
import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.jobs.JobCatalog;
import io.dvbridge.jobs.JobDefinition;
import io.dvbridge.jobs.JobLauncher;
import io.dvbridge.jobs.JobReport;
import io.dvbridge.jobs.Patterns;
import io.dvbridge.jobs.RequestField;
import io.dvbridge.jobs.RunFiles;
import io.dvbridge.jobs.Trigger;
import io.dvbridge.runs.RunNotFoundException;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.RunPage;
import io.dvbridge.store.RunQuery;
import io.dvbridge.store.RunRecord;
import io.dvbridge.store.RunStatus;
import io.dvbridge.store.StateStore;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * The bean behind the trigger routes: reads a job request from a REST body, a queue message or a schedule's
 * properties through the job's own schema, runs it through the launcher, and answers in JSON. Nothing here
 * names a job: a new job's request type is enough for every trigger.
 */
public final class JobRequests {

    /** Exchange properties the answer routes turn into the HTTP status, the exit code header and Location. */
    public static final String HTTP_STATUS = "dvbridgeHttpStatus";
    public static final String EXIT_CODE = "dvbridgeExitCode";
    public static final String LOCATION = "dvbridgeLocation";
    /** Who is asking, set by the API guard or the queue route; never a secret. */
    public static final String CALLER = "dvbridgeCaller";

    private final CamelContext context;
    private final JobCatalog catalog;
    private final StateStore store;
    private final RunStore runs;
    private final Schedules schedules;
    private final Clock clock;

    public JobRequests(CamelContext context, JobCatalog catalog, StateStore store, RunStore runs, Schedules schedules, Clock clock) {
        this.context = context;
        this.catalog = catalog;
        this.store = store;
        this.runs = runs;
        this.schedules = schedules;
        this.clock = clock;
    }

    // ------------------------------------------------------------------ REST

    /**
     * {@code POST /api/jobs/{job}}: 202 with the run's location at once, or with {@code ?wait=true} 200 and the
     * report when the run has ended. The request is checked before the answer: a bad one is 400 and starts nothing.
     */
    public String start(Exchange exchange) throws JsonProcessingException {
        JobDefinition<?> job = catalog.require(exchange.getMessage().getHeader("job", String.class), "job");
        exchange.setProperty("dvbridgeJob", job.name());
        requireJson(exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class));
        Object request = job.schema().fromJson(exchange.getMessage().getBody(String.class));
        exchange.setProperty(ApiGate.ENVIRONMENTS, job.environments(request));
        String caller = exchange.getProperty(CALLER, "unknown", String.class);
        if (flag(exchange, "wait")) {
            return reportAnswer(exchange, launcher().run(job, request, Trigger.REST, caller));
        }
        JobLauncher.Accepted accepted = launcher().submit(job, request, Trigger.REST, caller);
        exchange.setProperty(HTTP_STATUS, 202);
        exchange.setProperty("dvbridgeRunId", accepted.runId());
        exchange.setProperty(LOCATION, "/api/runs/" + accepted.runId());
        return json(JsonNodeFactory.instance.objectNode().put("runId", accepted.runId()).put("job", job.name())
                .put("status", RunStatus.QUEUED.name()).put("location", "/api/runs/" + accepted.runId()));
    }

    /** {@code GET /api/jobs}: every job with its title, its CLI command and its request schema. */
    public String jobs(Exchange exchange) throws JsonProcessingException {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        for (JobDefinition<?> job : catalog.all()) {
            ObjectNode entry = list.addObject().put("name", job.name()).put("title", job.title())
                    .put("command", "dvbridge " + String.join(" ", job.command())).put("endpoint", "/api/jobs/" + job.name());
            job.description().forEach(entry.putArray("description")::add);
            entry.set("request", job.schema().jsonSchema());
        }
        exchange.setProperty(HTTP_STATUS, 200);
        return json(JsonNodeFactory.instance.objectNode().set("jobs", list));
    }

    /** {@code GET /api/runs?job=&status=&environment=&limit=&after=}: newest first, a page at a time. */
    public String runs(Exchange exchange) throws JsonProcessingException {
        var in = exchange.getMessage();
        Optional<String> job = text(in.getHeader("job", String.class));
        job.ifPresent(name -> catalog.require(name, "job"));
        Optional<RunStatus> status = text(in.getHeader("status", String.class)).map(JobRequests::status);
        int limit = text(in.getHeader("limit", String.class)).map(JobRequests::limit).orElse(50);
        RunPage page;
        try {
            page = store.runs().page(new RunQuery(job, status, text(in.getHeader("environment", String.class)), limit,
                    text(in.getHeader("after", String.class))));
        } catch (io.dvbridge.store.InvalidRunQueryException e) {
            throw new InvalidRequestException("after", "'after' is not a cursor this API gave out; start again without it");
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode list = answer.putArray("runs");
        page.runs().forEach(run -> list.add(RunStore.JSON.valueToTree(RunView.of(run, clock.instant()))));
        page.next().ifPresent(cursor -> answer.put("next", "/api/runs?" + query(in, cursor)));
        exchange.setProperty(HTTP_STATUS, 200);
        return json(answer);
    }

    /** {@code GET /api/runs/{runId}}: the run's record, with progress, rate and ETA while it runs. */
    public String run(Exchange exchange) throws JsonProcessingException {
        RunRecord run = record(exchange.getMessage().getHeader("runId", String.class));
        exchange.setProperty(HTTP_STATUS, 200);
        return json(RunStore.JSON.valueToTree(RunView.of(run, clock.instant())));
    }

    /** {@code GET /api/runs/{runId}/report}: the report as JSON, or as HTML ({@code ?format=html} or Accept: text/html) when the job made one. */
    public String report(Exchange exchange) throws Exception {
        RunRecord run = record(exchange.getMessage().getHeader("runId", String.class));
        String accept = String.valueOf(exchange.getMessage().getHeader("Accept", ""));
        boolean html = "html".equalsIgnoreCase(exchange.getMessage().getHeader("format", "", String.class))
                || (accept.contains("text/html") && !accept.contains("application/json"));
        String file = html ? RunFiles.HTML : RunFiles.REPORT;
        if (!run.status().finished()) {
            throw new RunNotFoundException("Run " + run.runId() + " is " + run.status() + "; its report comes when it ends");
        }
        if (!runs.exists(run.runId(), file)) {
            throw new RunNotFoundException("Run " + run.runId() + " has no " + (html ? "HTML " : "") + "report");
        }
        exchange.setProperty(HTTP_STATUS, 200);
        exchange.setProperty("dvbridgeContentType", html ? "text/html; charset=utf-8" : "application/json");
        return Files.readString(runs.file(run.runId(), file), StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ queue and schedules

    /** A queue message: header {@code job}, a JSON body; runs here and answers the report. */
    public String fromQueue(Exchange exchange) throws JsonProcessingException {
        JobDefinition<?> job = catalog.require(exchange.getMessage().getHeader("job", String.class), "job");
        Object request = job.schema().fromJson(exchange.getProperty("jobMessage", String.class));
        return reportAnswer(exchange, launcher().run(job, request, Trigger.QUEUE, exchange.getProperty(CALLER, "queue", String.class)));
    }

    /** A schedule firing: the request its properties describe. */
    public String fromSchedule(String schedule, Exchange exchange) throws JsonProcessingException {
        Schedules.Schedule definition = schedules.find(schedule);
        JobDefinition<?> job = catalog.require(definition.job(), "job");
        Object request = job.schema().fromText(definition.fields());
        JobReport report = launcher().run(job, request, Trigger.SCHEDULE, "schedule:" + schedule);
        return reportAnswer(exchange, report);
    }

    /** One line for the log after a scheduled run. */
    public String summary(Exchange exchange) {
        Object code = exchange.getProperty(EXIT_CODE);
        return "run " + exchange.getProperty("dvbridgeRunId", "?", String.class) + " ended with exit code " + code + " ("
                + ExitCodes.describe(code instanceof Integer c ? c : ExitCodes.FAILED) + ")";
    }

    /**
     * A body must come as JSON: the HTTP server reads a form-encoded body (curl -d's default) as form fields, and
     * the job would then see no body at all.
     */
    private static void requireJson(String contentType) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new InvalidRequestException("Content-Type", "Send the request body as JSON, with Content-Type: application/json");
        }
    }

    // ------------------------------------------------------------------ answers

    private String reportAnswer(Exchange exchange, JobReport report) throws JsonProcessingException {
        exchange.setProperty(HTTP_STATUS, 200);
        exchange.setProperty(EXIT_CODE, report.exitCode());
        exchange.setProperty("dvbridgeRunId", report.runId());
        return json(RunStore.JSON.valueToTree(report));
    }

    private RunRecord record(String runId) {
        if (runId == null || !runId.matches(Patterns.RUN_ID)) {
            throw new InvalidRequestException("runId", "'" + (runId == null ? "" : RequestField.printable(runId))
                    + "' is not a run id (expected e.g. rebind-20261122-010203-4f2a9c)");
        }
        return store.runs().find(runId).orElseThrow(() -> new RunNotFoundException("No run '" + runId + "'"));
    }

    private JobLauncher launcher() {
        return context.getRegistry().lookupByNameAndType("jobLauncher", JobLauncher.class);
    }

    private static boolean flag(Exchange exchange, String name) {
        String value = exchange.getMessage().getHeader(name, String.class);
        if (value == null || value.isBlank()) {
            return false;
        }
        if (value.equalsIgnoreCase("true") || value.equalsIgnoreCase("false")) {
            return Boolean.parseBoolean(value);
        }
        throw new InvalidRequestException(name, "'" + name + "' must be true or false");
    }

    private static RunStatus status(String text) {
        try {
            return RunStatus.valueOf(text.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            throw new InvalidRequestException("status", "'status' must be one of " + java.util.Arrays.toString(RunStatus.values()).toLowerCase(Locale.ROOT));
        }
    }

    private static int limit(String text) {
        try {
            int limit = Integer.parseInt(text.strip());
            if (limit >= 1 && limit <= RunQuery.MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new InvalidRequestException("limit", "'limit' must be a whole number between 1 and " + RunQuery.MAX_LIMIT);
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
    }

    private static String query(org.apache.camel.Message in, String cursor) {
        StringBuilder query = new StringBuilder();
        for (String name : new String[]{"job", "status", "environment", "limit"}) {
            text(in.getHeader(name, String.class)).ifPresent(v -> query.append(name).append('=')
                    .append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)).append('&'));
        }
        return query.append("after=").append(java.net.URLEncoder.encode(cursor, StandardCharsets.UTF_8)).toString();
    }

    static String json(JsonNode node) throws JsonProcessingException {
        return RunStore.JSON.writeValueAsString(node);
    }
}
