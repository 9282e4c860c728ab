package io.dvbridge.triggers.profiles;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.store.ExportFailureRecord;
import io.dvbridge.store.ProfileFailures;

import java.util.List;
import java.util.Optional;

/** Profiles, tests and failure pages as JSON: the one shape REST answers and the CLI prints. */
public final class ProfileJson {

    private ProfileJson() {
    }

    public static ObjectNode profile(Profile profile, Optional<java.time.Instant> nextSync) {
        ProfileDefinition definition = profile.definition();
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("name", profile.name())
                .put("source", profile.configured() ? "configuration" : "store").put("active", definition.active())
                .put("interval", definition.interval().toString()).put("retryInterval", definition.retryInterval().toString())
                .put("retryMax", definition.retryMax());
        node.set("request", definition.request().deepCopy());
        nextSync.ifPresent(at -> node.put("nextSync", at.toString()));
        node.put("createdAt", profile.createdAt().toString()).put("updatedAt", profile.updatedAt().toString())
                .put("location", "/api/profiles/" + profile.name());
        return node;
    }

    public static ArrayNode warnings(List<ExportProfileService.Warning> warnings) {
        ArrayNode list = JsonNodeFactory.instance.arrayNode();
        warnings.forEach(w -> list.addObject().put("field", w.field()).put("warning", w.message()));
        return list;
    }

    public static ObjectNode test(ExportProfileService.TestResult result, ObjectMapper reports) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("profile", result.profile()).put("passed", result.passed());
        node.set("connectivity", reports.valueToTree(result.connectivity()));
        result.sink().ifPresent(sink -> {
            ObjectNode probe = node.putObject("sink").put("kind", sink.kind()).put("target", sink.target()).put("passed", sink.passed());
            ArrayNode steps = probe.putArray("steps");
            sink.steps().forEach(step -> steps.addObject().put("step", step.step()).put("passed", step.passed()).put("detail", step.detail()));
        });
        return node;
    }

    public static ObjectNode failures(String profile, ProfileFailures.Page page) {
        ObjectNode node = JsonNodeFactory.instance.objectNode().put("profile", profile);
        ArrayNode list = node.putArray("failures");
        for (ExportFailureRecord failure : page.failures()) {
            ObjectNode entry = list.addObject().put("entity", failure.entity()).put("recordId", failure.recordId())
                    .put("notificationTime", failure.notificationTime().toString()).put("changeType", failure.changeType())
                    .put("failureReason", failure.failureReason()).put("runId", failure.runId());
            // unlike DES, a failed record is tried again by later runs: when one landed it, the entry says so
            failure.resolvedAt().ifPresent(at -> entry.put("resolvedAt", at.toString()));
        }
        return node;
    }
}
