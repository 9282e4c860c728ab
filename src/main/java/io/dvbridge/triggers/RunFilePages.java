package io.dvbridge.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.jobs.Patterns;
import io.dvbridge.jobs.RequestField;
import io.dvbridge.jobs.RunFiles;
import io.dvbridge.runs.RunNotFoundException;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.RunRecord;
import io.dvbridge.store.StateStore;
import org.apache.camel.Exchange;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /api/runs/{runId}/files/{role}?from=&limit=&<field>=<value>}: a page of the records in one of a finished
 * run's files (an import's per-record results, a push's rejects), filtered by exact field values. The file is read as
 * a stream from record {@code from} on, so a results file of a million records is never held in memory; {@code next}
 * is where the following page starts. Only files the run's report lists by role are served, and only record files
 * (JSON Lines, or CSV with a header row).
 */
public final class RunFilePages {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    static final int MAX_FILTERS = 8;
    private static final String NAME = "[A-Za-z0-9_-]{1,64}";

    private final StateStore store;
    private final RunStore runs;

    RunFilePages(StateStore store, RunStore runs) {
        this.store = store;
        this.runs = runs;
    }

    public String page(Exchange exchange) throws JsonProcessingException {
        var in = exchange.getMessage();
        String runId = in.getHeader("runId", String.class);
        if (runId == null || !runId.matches(Patterns.RUN_ID)) {
            throw new InvalidRequestException("runId", "'" + RequestField.printable(String.valueOf(runId)) + "' is not a run id");
        }
        String role = in.getHeader("role", "", String.class);
        if (!role.matches(NAME)) {
            throw new InvalidRequestException("role", "'" + RequestField.printable(role) + "' is not a file role such as results");
        }
        RunRecord run = store.runs().find(runId).orElseThrow(() -> new RunNotFoundException("No run '" + runId + "'"));
        if (!run.status().finished()) {
            throw new RunNotFoundException("Run " + runId + " is " + run.status() + "; its files are listed when it ends");
        }
        Path file = runs.file(runId, fileOf(runId, role));
        if (!Files.isRegularFile(file)) {
            throw new RunNotFoundException("Run " + runId + " has no " + role + " file");
        }
        Query query = Query.parse(in.getHeader(Exchange.HTTP_QUERY, "", String.class));
        RecordFile.Page page;
        try {
            page = RecordFile.of(file).page(query.from(), query.limit(), query.filters());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the " + role + " file of run " + runId, e);
        }
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("runId", runId).put("role", role)
                .put("from", query.from());
        ArrayNode columns = answer.putArray("columns");
        page.columns().forEach(columns::add);
        ArrayNode records = answer.putArray("records");
        page.records().forEach(records::add);
        if (page.next() >= 0) {
            answer.put("next", page.next());
        } else {
            answer.putNull("next");
        }
        exchange.setProperty("dvbridgeRunId", runId);
        exchange.setProperty(JobRequests.HTTP_STATUS, 200);
        return JobRequests.json(answer);
    }

    /** The file the run's report names for {@code role}: the report is the run's own list of what may be read. */
    private String fileOf(String runId, String role) {
        if (!runs.exists(runId, RunFiles.REPORT)) {
            throw new RunNotFoundException("Run " + runId + " has no report");
        }
        JsonNode report;
        try {
            report = RunStore.JSON.readTree(runs.file(runId, RunFiles.REPORT).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the report of run " + runId, e);
        }
        JsonNode name = report.path("files").path(role);
        if (!name.isTextual()) {
            throw new RunNotFoundException("Run " + runId + " has no " + role + " file");
        }
        String file = name.asText();
        String lower = file.toLowerCase(Locale.ROOT);
        if (!file.matches("[A-Za-z0-9._-]+") || !(lower.endsWith(".jsonl") || lower.endsWith(".csv"))) {
            throw new InvalidRequestException("role", "The " + role + " file of run " + runId
                    + " is not a file of records (JSON Lines or CSV) to page through");
        }
        return file;
    }

    /** The query string as sent: {@code from} and {@code limit}, and any other parameter filters on that field. */
    record Query(long from, int limit, Map<String, String> filters) {

        static Query parse(String raw) {
            long from = 0;
            int limit = DEFAULT_LIMIT;
            Map<String, String> filters = new LinkedHashMap<>();
            for (String pair : raw == null ? new String[0] : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = decode(equals < 0 ? "" : pair.substring(equals + 1));
                switch (name) {
                    case "from" -> from = number(name, value, 0, Long.MAX_VALUE);
                    case "limit" -> limit = (int) number(name, value, 1, MAX_LIMIT);
                    default -> {
                        if (!name.matches(NAME)) {
                            throw new InvalidRequestException(RequestField.printable(name), "'" + RequestField.printable(name)
                                    + "' is not a field name to filter on");
                        }
                        if (value.isEmpty()) {
                            continue;
                        }
                        if (value.length() > 1000) {
                            throw new InvalidRequestException(name, "The filter on '" + name + "' is longer than 1000 characters");
                        }
                        if (filters.put(name, value) != null) {
                            throw new InvalidRequestException(name, "Filter on '" + name + "' once");
                        }
                        if (filters.size() > MAX_FILTERS) {
                            throw new InvalidRequestException(name, "At most " + MAX_FILTERS + " filters");
                        }
                    }
                }
            }
            return new Query(from, limit, filters);
        }

        private static String decode(String text) {
            try {
                return URLDecoder.decode(text, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidRequestException("", "The query string is not URL-encoded text");
            }
        }

        private static long number(String name, String value, long min, long max) {
            try {
                long number = Long.parseLong(value.strip());
                if (number >= min && number <= max) {
                    return number;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new InvalidRequestException(name, "'" + name + "' must be a whole number between " + min + " and " + max);
        }
    }
}
