package io.dvbridge.jobs;

import io.dvbridge.runs.RunStore;
import org.apache.camel.Exchange;

/**
 * The run id a job's route records its files under. The launcher chooses it before the route starts (the
 * run record, the lease and a REST answer need it first); a job started by another job's route (migrate's
 * steps) gets a fresh one. Taking it removes it, so a job's inner steps never reuse their parent's id.
 */
public final class RunIds {

    private RunIds() {
    }

    public static String take(Exchange exchange, RunStore runs, String job) {
        String runId = exchange.getProperty(JobLauncher.RUN_ID, String.class);
        if (runId != null) {
            exchange.removeProperty(JobLauncher.RUN_ID);
            return runId;
        }
        return runs.newRunId(job);
    }
}
