package io.dvbridge.store;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One run of one job, as the state store keeps it: what was asked, by whom, where it stands and how far it got.
 *
 * @param trigger    what started it: {@code cli}, {@code rest}, {@code queue} or {@code schedule}
 * @param caller     who asked: an API key's name, a token's subject, a schedule's name; never a secret
 * @param summary    one line for people
 * @param done       work done so far
 * @param total      work in all; 0 while unknown
 * @param instanceId the process that runs it ({@link StateStore#instanceId()})
 */
public record RunRecord(String runId, String job, RunStatus status, List<String> environments, boolean dryRun,
                        String trigger, String caller, Instant createdAt, Optional<Instant> startedAt,
                        Optional<Instant> finishedAt, Optional<Integer> exitCode, String summary, long done, long total,
                        String instanceId) {

    /** Column sizes of the runs table; longer values are refused here, before they reach the database. */
    static final int ID_LENGTH = 100;
    static final int TRIGGER_LENGTH = 20;
    static final int CALLER_LENGTH = 200;
    static final int INSTANCE_LENGTH = 200;

    public RunRecord {
        requireText(runId, "runId", runId, ID_LENGTH);
        requireText(runId, "job", job, ID_LENGTH);
        Objects.requireNonNull(status, "status");
        environments = List.copyOf(Objects.requireNonNull(environments, "environments"));
        environments.forEach(environment -> requireText(runId, "environments", environment, ID_LENGTH));
        requireText(runId, "trigger", trigger, TRIGGER_LENGTH);
        Objects.requireNonNull(caller, "caller");
        requireLength(runId, "caller", caller, CALLER_LENGTH);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(exitCode, "exitCode");
        Objects.requireNonNull(summary, "summary");
        if (done < 0 || total < 0) {
            throw new IllegalArgumentException("Run " + runId + ": progress cannot be negative (done " + done + ", total " + total + ")");
        }
        requireText(runId, "instanceId", instanceId, INSTANCE_LENGTH);
    }

    private static void requireText(String runId, String field, String value, int maxLength) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("Run " + runId + ": " + field + " is empty");
        }
        requireLength(runId, field, value, maxLength);
    }

    private static void requireLength(String runId, String field, String value, int maxLength) {
        if (value.length() > maxLength) {
            throw new IllegalArgumentException("Run " + runId + ": " + field + " has " + value.length()
                    + " characters; the state store keeps at most " + maxLength);
        }
    }
}
