package io.dvbridge.triggers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.jobs.ExitCodes;
import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.jobs.RequestField;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.ProfileFailures;
import io.dvbridge.triggers.profiles.ExportProfileService;
import io.dvbridge.triggers.profiles.Profile;
import io.dvbridge.triggers.profiles.ProfileConflictException;
import io.dvbridge.triggers.profiles.ProfileDefinition;
import io.dvbridge.triggers.profiles.ProfileJson;
import io.dvbridge.triggers.profiles.ProfileNotFoundException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * The bean behind routes/triggers-profiles.yaml: the export profile operations of the Data Export Service over
 * dvbridge's API (same guard, same JSON conventions and error answers as the job API).
 */
public final class ProfileRequests {

    private final ExportProfileService profiles;

    ProfileRequests(ExportProfileService profiles) {
        this.profiles = profiles;
    }

    /** {@code GET /api/profiles}. */
    public String list(Exchange exchange) throws JsonProcessingException {
        ObjectNode answer = JsonNodeFactory.instance.objectNode();
        ArrayNode list = answer.putArray("profiles");
        for (Profile profile : profiles.list()) {
            list.add(ProfileJson.profile(profile, profiles.nextSync(profile.name())));
        }
        return ok(exchange, answer);
    }

    /** {@code GET /api/profiles/{name}}. */
    public String get(Exchange exchange) throws JsonProcessingException {
        Profile profile = profiles.get(name(exchange));
        return ok(exchange, ProfileJson.profile(profile, profiles.nextSync(profile.name())));
    }

    /** {@code POST /api/profiles}: 201, its location, the profile and any warnings. */
    public String create(Exchange exchange) throws JsonProcessingException {
        ProfileDefinition definition = profiles.read(body(exchange), Optional.empty());
        ExportProfileService.Saved saved = profiles.create(definition);
        exchange.setProperty(JobRequests.LOCATION, "/api/profiles/" + definition.name());
        return saved(exchange, 201, saved);
    }

    /** {@code PUT /api/profiles/{name}}: the whole profile again (the name may be left out of the body). */
    public String update(Exchange exchange) throws JsonProcessingException {
        ProfileDefinition definition = profiles.read(body(exchange), Optional.of(name(exchange)));
        return saved(exchange, 200, profiles.update(definition));
    }

    /** {@code DELETE /api/profiles/{name}}: the profile and its schedule go. */
    public String delete(Exchange exchange) throws JsonProcessingException {
        String name = name(exchange);
        profiles.delete(name);
        return ok(exchange, JsonNodeFactory.instance.objectNode().put("name", name).put("deleted", true));
    }

    /** {@code POST /api/profiles/{name}/activate}: continuous sync at the profile's interval, the first now. */
    public String activate(Exchange exchange) throws JsonProcessingException {
        Profile profile = profiles.activate(name(exchange));
        return ok(exchange, ProfileJson.profile(profile, profiles.nextSync(profile.name())));
    }

    /** {@code POST /api/profiles/{name}/deactivate}: the schedule goes; a sync under way finishes. */
    public String deactivate(Exchange exchange) throws JsonProcessingException {
        Profile profile = profiles.deactivate(name(exchange));
        return ok(exchange, ProfileJson.profile(profile, profiles.nextSync(profile.name())));
    }

    /** {@code POST /api/profiles/{name}/test}: connectivity and sink; exit code 0 when both passed, 1 when not. */
    public String test(Exchange exchange) throws JsonProcessingException {
        ExportProfileService.TestResult result = profiles.test(name(exchange), exchange.getProperty(JobRequests.CALLER, "unknown", String.class));
        exchange.setProperty(JobRequests.EXIT_CODE, result.passed() ? ExitCodes.SUCCESS : ExitCodes.FAILED);
        exchange.setProperty("dvbridgeRunId", result.connectivity().runId());
        return ok(exchange, ProfileJson.test(result, RunStore.JSON));
    }

    /** {@code POST /api/profiles/validate}: 200 and the warnings when the profile could be saved, 400 naming the field when not. */
    public String validate(Exchange exchange) throws JsonProcessingException {
        ProfileDefinition definition = profiles.read(body(exchange), Optional.empty());
        ObjectNode answer = JsonNodeFactory.instance.objectNode().put("name", definition.name()).put("valid", true);
        answer.set("warnings", ProfileJson.warnings(profiles.validate(definition)));
        return ok(exchange, answer);
    }

    /** {@code GET /api/profiles/{name}/failures?table=&limit=&offset=}: the failure log, newest first, a page at a time. */
    public String failures(Exchange exchange) throws JsonProcessingException {
        String name = name(exchange);
        Message in = exchange.getMessage();
        Optional<String> table = text(in.getHeader("table", String.class));
        table.ifPresent(t -> {
            if (!t.matches("[A-Za-z0-9_]{1,128}")) {
                throw new InvalidRequestException("table", "'table' must be a table's logical name, not '" + RequestField.printable(t) + "'");
            }
        });
        int limit = number(in, "limit", 1, ProfileFailures.MAX_LIMIT).orElse(100);
        int offset = number(in, "offset", 0, Integer.MAX_VALUE - ProfileFailures.MAX_LIMIT).orElse(0);
        ProfileFailures.Page page = profiles.failures(name, table.map(t -> t.toLowerCase(Locale.ROOT)), offset, limit);
        ObjectNode answer = ProfileJson.failures(name, page);
        if (page.more()) {
            answer.put("next", "/api/profiles/" + name + "/failures?" + table.map(t -> "table=" + URLEncoder.encode(t, StandardCharsets.UTF_8) + "&")
                    .orElse("") + "limit=" + limit + "&offset=" + (offset + limit));
        }
        return ok(exchange, answer);
    }

    // ------------------------------------------------------------------ error answers (routes/triggers-profiles.yaml)

    /** 404: no such profile. */
    public String notFound(Exchange exchange) throws JsonProcessingException {
        ProfileNotFoundException missing = ApiAnswers.caught(exchange, ProfileNotFoundException.class);
        return ApiAnswers.answer(exchange, 404, null, JsonNodeFactory.instance.objectNode().put("error", missing.getMessage()));
    }

    /** 409: the name is taken, or the profile belongs to configuration. */
    public String conflict(Exchange exchange) throws JsonProcessingException {
        ProfileConflictException conflict = ApiAnswers.caught(exchange, ProfileConflictException.class);
        return ApiAnswers.answer(exchange, 409, ExitCodes.USAGE, JsonNodeFactory.instance.objectNode().put("error", conflict.getMessage())
                .put("field", conflict.field()));
    }

    // ------------------------------------------------------------------ inside

    private static String saved(Exchange exchange, int status, ExportProfileService.Saved saved) throws JsonProcessingException {
        ObjectNode answer = ProfileJson.profile(saved.profile(), Optional.empty());
        answer.set("warnings", ProfileJson.warnings(saved.warnings()));
        exchange.setProperty(JobRequests.HTTP_STATUS, status);
        return JobRequests.json(answer);
    }

    private static String ok(Exchange exchange, ObjectNode answer) throws JsonProcessingException {
        exchange.setProperty(JobRequests.HTTP_STATUS, 200);
        return JobRequests.json(answer);
    }

    private static String name(Exchange exchange) {
        String name = exchange.getMessage().getHeader("name", String.class);
        if (name == null || !name.matches(ProfileDefinition.NAME_PATTERN)) {
            throw new InvalidRequestException("name", "'" + (name == null ? "" : RequestField.printable(name)) + "' is not a profile name ("
                    + ProfileDefinition.NAME_PATTERN + ")");
        }
        return name;
    }

    private static String body(Exchange exchange) {
        String contentType = exchange.getMessage().getHeader(Exchange.CONTENT_TYPE, String.class);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new InvalidRequestException("Content-Type", "Send the profile as JSON, with Content-Type: application/json");
        }
        return exchange.getMessage().getBody(String.class);
    }

    private static Optional<Integer> number(Message in, String name, int min, int max) {
        return text(in.getHeader(name, String.class)).map(text -> {
            try {
                int value = Integer.parseInt(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // answered below
            }
            throw new InvalidRequestException(name, "'" + name + "' must be a whole number between " + min + " and " + max);
        });
    }

    private static Optional<String> text(String value) {
        return Optional.ofNullable(value).map(String::strip).filter(s -> !s.isEmpty());
    }
}
