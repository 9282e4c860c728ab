package io.dvbridge.jobs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.dvbridge.store.RunStatus;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a push did: rows read, valid, rejected (by validation), written, failed (Dataverse refused them), skipped
 * (committed by an earlier run this one resumed), the rejections per reason, the rows a replace deleted, and where
 * the rejects file is. {@code stopped} says why nothing was written when the reject threshold was exceeded.
 *
 * @param source      the file or database, never with credentials
 * @param rejectsFile the rejects file the caller asked for, else empty (the run's own copy is {@code rejects.csv})
 * @param stopped     why nothing was written (the reject threshold), else empty
 * @param firstRejects the first rejections, for people; the rejects file has them all
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PushReport(String runId, String environment, String table, String mode, String source, boolean dryRun,
                         long read, long valid, long rejected, long written, long failed, long skipped, long deleted,
                         Map<String, Long> reasons, List<String> firstRejects, String rejectsFile,
                         String stopped, List<String> notices, Instant startedAt, Instant finishedAt)
        implements JobReport, TerminalView {

    public static final int FIRST_REJECTS_SHOWN = 20;

    public PushReport {
        reasons = Map.copyOf(reasons);
        firstRejects = List.copyOf(firstRejects);
        notices = List.copyOf(notices);
    }

    @Override
    public String job() {
        return "push";
    }

    @Override
    public List<String> environments() {
        return List.of(environment);
    }

    /** Failed when stopped before writing; needs attention when some rows were rejected or failed. */
    @Override
    public RunStatus status() {
        if (!stopped.isEmpty()) {
            return RunStatus.FAILED;
        }
        return rejected > 0 || failed > 0 || !notices.isEmpty() ? RunStatus.NEEDS_ATTENTION : RunStatus.SUCCEEDED;
    }

    @Override
    public Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        counts.put("read", read);
        counts.put("valid", valid);
        counts.put("rejected", rejected);
        counts.put("written", written);
        counts.put("failed", failed);
        counts.put("skipped", skipped);
        counts.put("deleted", deleted);
        return counts;
    }

    @Override
    public String summary() {
        String nl = System.lineSeparator();
        StringBuilder out = new StringBuilder((dryRun ? "DRY RUN: " : "") + "Push into " + table + " of " + environment + " (" + mode
                + ") from " + source + ": " + read + " read, " + valid + " valid, " + rejected + " rejected, " + written + " written, "
                + failed + " failed" + (skipped > 0 ? ", " + skipped + " already written by an interrupted run" : "")
                + (deleted > 0 ? ", " + deleted + " deleted by --replace" : ""));
        if (!stopped.isEmpty()) {
            out.append(nl).append("Stopped before writing: ").append(stopped);
        }
        if (!reasons.isEmpty()) {
            out.append(nl).append("Rejections by reason: ");
            reasons.entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.append(e.getKey()).append(' ').append(e.getValue()).append("  "));
        }
        firstRejects.forEach(line -> out.append(nl).append("  ").append(line));
        if (rejected + failed > firstRejects.size()) {
            out.append(nl).append("  ... every rejected or failed row is in ").append(rejectsFile.isEmpty() ? RunFiles.REJECTS : rejectsFile);
        }
        notices.forEach(notice -> out.append(nl).append(notice));
        return out.toString();
    }

    @Override
    public String render(boolean color) {
        String text = summary();
        if (!color) {
            return text;
        }
        String mark = switch (status()) {
            case SUCCEEDED -> "\u001B[32m";
            case NEEDS_ATTENTION -> "\u001B[33m";
            default -> "\u001B[31m";
        };
        int end = text.indexOf(System.lineSeparator());
        return mark + (end < 0 ? text : text.substring(0, end)) + "\u001B[0m" + (end < 0 ? "" : text.substring(end));
    }

    @Override
    public Map<String, String> files() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("report", RunFiles.REPORT);
        files.put("rejects", RunFiles.REJECTS);
        return files;
    }
}
