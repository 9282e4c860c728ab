package io.dvbridge.store;

import java.time.Instant;
import java.util.Optional;

/** The history of runs, shared by every instance that uses the same state store. */
public interface RunRecords {

    /** Records a new run (QUEUED or RUNNING, or at once REFUSED/FAILED for one that could not start). */
    void insert(RunRecord record);

    /** The run is running from {@code at} on. Refused for a run that already finished. */
    void started(String runId, Instant at);

    /** How far the run got: one cheap UPDATE, fine to call often. */
    void progress(String runId, long done, long total);

    /** The run's final status. Refused for a run that already has one (its first final status stays). */
    void finish(String runId, RunStatus status, int exitCode, String summary, Instant at);

    Optional<RunRecord> find(String runId);

    /** Runs newest first, filtered and paged as the query says. */
    RunPage page(RunQuery query);

    /**
     * Marks the QUEUED and RUNNING runs of an instance that is gone as ABANDONED with {@code reason} as their
     * summary, and releases that instance's leases (they protect nothing any more). Returns how many runs.
     */
    int abandonRunning(String instanceId, String reason);
}
