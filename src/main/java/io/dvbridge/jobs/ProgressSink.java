package io.dvbridge.jobs;

/** Where a job's progress goes besides the log: the run's record in the state store. */
@FunctionalInterface
public interface ProgressSink {

    /** Progress nobody reads (tests of a step alone). */
    ProgressSink NONE = (runId, done, total) -> { };

    /** {@code total} 0 when unknown. A run without a record (a step inside another job) is ignored. */
    void progress(String runId, long done, long total);
}
