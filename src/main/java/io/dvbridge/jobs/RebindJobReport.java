package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.core.type.TypeReference;
import io.dvbridge.rebind.ExitCodes;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.rebind.TerminalSummary;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.RunStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The rebind domain's report (in {@code rebind}) as every job's report. */
public record RebindJobReport(RebindReport rebind) implements JobReport, TerminalView {

    static RunStatus statusOf(RebindReport report) {
        return switch (report.exitCode()) {
            case ExitCodes.SUCCESS -> RunStatus.SUCCEEDED;
            case ExitCodes.NEEDS_ATTENTION -> RunStatus.NEEDS_ATTENTION;
            default -> RunStatus.FAILED;
        };
    }

    @Override
    public String runId() {
        return rebind.runId();
    }

    @Override
    public String job() {
        return "rebind";
    }

    @Override
    public List<String> environments() {
        return List.of(rebind.environment());
    }

    @Override
    public RunStatus status() {
        return statusOf(rebind);
    }

    @Override
    public Map<String, Long> counts() {
        return RunStore.JSON.convertValue(rebind.counts(), new TypeReference<LinkedHashMap<String, Long>>() { });
    }

    @Override
    public Instant startedAt() {
        return rebind.startedAt();
    }

    @Override
    public Instant finishedAt() {
        return rebind.finishedAt();
    }

    @Override
    public String summary() {
        return new TerminalSummary(false).render(rebind);
    }

    @Override
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("report", RunFiles.REPORT);
        files.put("html", RunFiles.HTML);
        if (!rebind.dryRun() && rebind.counts().updated() > 0) {
            files.put("undo", RebindSteps.UNDO_FILE);
        }
        return files;
    }

    @Override
    @JsonIgnore
    /** The table, and for a run that changed rows the command that undoes it. */
    public String render(boolean color) {
        String table = new TerminalSummary(color).render(rebind);
        return rebind.dryRun() || rebind.counts().updated() == 0 ? table
                : table + System.lineSeparator() + "Undo with: dvbridge rebind --environment " + rebind.environment() + " --undo " + rebind.runId();
    }
}
