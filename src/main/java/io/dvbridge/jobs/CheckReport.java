package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.dvbridge.check.CheckResult;
import io.dvbridge.check.CheckStatus;
import io.dvbridge.check.PrivilegeCheck;
import io.dvbridge.store.RunStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Every check and how it ended, in the order they ran. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CheckReport(String runId, String environment, List<CheckResult> checks, Instant startedAt, Instant finishedAt)
        implements JobReport {

    public CheckReport {
        checks = List.copyOf(checks);
    }

    @Override
    public String job() {
        return "check";
    }

    @Override
    public List<String> environments() {
        return List.of(environment);
    }

    @Override
    public RunStatus status() {
        return switch (PrivilegeCheck.overall(checks)) {
            case OK -> RunStatus.SUCCEEDED;
            case WARNING -> RunStatus.NEEDS_ATTENTION;
            case FAILED -> RunStatus.FAILED;
        };
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (CheckStatus status : CheckStatus.values()) {
            counts.put(status.name().toLowerCase(Locale.ROOT), checks.stream().filter(c -> c.status() == status).count());
        }
        return counts;
    }

    @Override
    public String summary() {
        StringBuilder out = new StringBuilder("Check of " + environment + ": " + switch (status()) {
            case SUCCEEDED -> "every check passed";
            case NEEDS_ATTENTION -> "passed with warnings";
            default -> "some checks failed";
        });
        int width = checks.stream().mapToInt(c -> c.check().length()).max().orElse(0);
        for (CheckResult check : checks) {
            out.append(System.lineSeparator()).append(String.format(Locale.ROOT, "  %-7s %-" + width + "s  %s", check.status(),
                    check.check(), check.detail()));
        }
        return out.toString();
    }

    @Override
    public Map<String, String> files() {
        return Map.of("report", RunFiles.REPORT);
    }
}
