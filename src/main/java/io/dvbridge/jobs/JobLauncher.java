package io.dvbridge.jobs;

import io.dvbridge.metrics.DvMetrics;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.Lease;
import io.dvbridge.store.LeaseKeeper;
import io.dvbridge.store.LeaseResult;
import io.dvbridge.store.RunRecord;
import io.dvbridge.store.RunStatus;
import io.dvbridge.store.StateStore;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.DefaultExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs jobs for every trigger the same way: check the request against configuration, give the run an id
 * and a record in the state store, hold the writer lease of each environment it writes (a dry run holds
 * none), run the job's route, and record how it ended. Every run that got an id keeps a record and a
 * report, refused and failed ones too, and counts in the metrics (runs, duration, rows from the report's counts).
 * While a run runs, its id is in the logging context ({@link #RUN_ID_LOG_KEY}) of the thread running it; Camel
 * carries it to the route's other threads ({@code camel.main.mdc-logging-keys-pattern}).
 */
public final class JobLauncher implements AutoCloseable {

    /** The exchange property holding the run id the job's route records its files under. */
    public static final String RUN_ID = "dvbridgeRunId";
    /** The exchange property naming who started the run ({@code cli:...}, {@code profile:<name>}, an API key's name...). */
    public static final String CALLER = "dvbridgeCaller";

    /** The logging context (MDC) key holding the run id on every log line of a run. */
    public static final String RUN_ID_LOG_KEY = "runId";

    private static final Logger LOG = LoggerFactory.getLogger(JobLauncher.class);

    private final ProducerTemplate template;
    private final RequestChecks checks;
    private final StateStore store;
    private final RunStore runs;
    private final LeasePolicy leases;
    private final LeaseKeeper keeper;
    private final Clock clock;
    private final ExecutorService background;
    private final DvMetrics metrics;

    public JobLauncher(ProducerTemplate template, RequestChecks checks, StateStore store, RunStore runs, LeasePolicy leases,
                       Clock clock, int concurrentJobs, DvMetrics metrics) {
        this.metrics = metrics;
        this.template = template;
        this.checks = checks;
        this.store = store;
        this.runs = runs;
        this.leases = leases;
        this.keeper = new LeaseKeeper(store.leases(), leases.ttl(), runId -> LOG.error(
                "Run {} lost its writer lease (the state store was unreachable for longer than {}); another run may now write", runId, leases.ttl()));
        this.keeper.start();
        this.clock = clock;
        this.background = Executors.newFixedThreadPool(concurrentJobs, runnable -> {
            Thread thread = new Thread(runnable, "dvbridge-job");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** A run that was accepted: its id now, its report when it ends. */
    public record Accepted(String runId, Future<JobReport> report) {
    }

    /** Checks a request against configuration as {@link #run} and {@link #submit} do, without running it (profiles check theirs before saving). */
    public <R extends Record> R check(JobDefinition<R> job, Object request, Trigger trigger) {
        return checks.check(job, job.cast(request), trigger);
    }

    /** Checks the request, records the run and runs it here; answers its report (also when it failed). */
    public <R extends Record> JobReport run(JobDefinition<R> job, Object request, Trigger trigger, String caller) {
        R checked = checks.check(job, job.cast(request), trigger);
        String runId = record(job, checked, trigger, caller, RunStatus.RUNNING);
        return execute(job, checked, runId, caller);
    }

    /** Checks the request, records the run as queued and runs it in the background; the id is known at once. */
    public <R extends Record> Accepted submit(JobDefinition<R> job, Object request, Trigger trigger, String caller) {
        R checked = checks.check(job, job.cast(request), trigger);
        String runId = record(job, checked, trigger, caller, RunStatus.QUEUED);
        return new Accepted(runId, background.submit(() -> execute(job, checked, runId, caller)));
    }

    private <R extends Record> String record(JobDefinition<R> job, R request, Trigger trigger, String caller, RunStatus status) {
        String runId = runs.newRunId(job.name());
        Instant now = clock.instant();
        store.runs().insert(new RunRecord(runId, job.name(), status, job.environments(request), job.dryRun(request), trigger.label(),
                caller, now, status == RunStatus.RUNNING ? Optional.of(now) : Optional.empty(), Optional.empty(), Optional.empty(),
                status == RunStatus.RUNNING ? "running" : "queued", 0, 0, store.instanceId()));
        try (MDC.MDCCloseable logged = MDC.putCloseable(RUN_ID_LOG_KEY, runId)) {
            LOG.info("Run {}: {} from {} by {} on {}{}", runId, job.name(), trigger.label(), caller,
                    String.join(", ", job.environments(request)), job.dryRun(request) ? " (dry run)" : "");
        }
        return runId;
    }

    private <R extends Record> JobReport execute(JobDefinition<R> job, R request, String runId, String caller) {
        String outer = MDC.get(RUN_ID_LOG_KEY);
        MDC.put(RUN_ID_LOG_KEY, runId);
        Instant began = clock.instant();
        try {
            JobReport report = attempt(job, request, runId, caller);
            metrics.runEnded(job.name(), report.status().name(), Duration.between(began, clock.instant()), report.counts());
            return report;
        } finally {
            if (outer == null) {
                MDC.remove(RUN_ID_LOG_KEY);
            } else {
                MDC.put(RUN_ID_LOG_KEY, outer);
            }
        }
    }

    private <R extends Record> JobReport attempt(JobDefinition<R> job, R request, String runId, String caller) {
        Instant startedAt = clock.instant();
        List<String> held = new ArrayList<>();
        try {
            Optional<Lease> busy = acquireLeases(job.writeTargets(request), runId, held);
            if (busy.isPresent()) {
                return ended(job, request, runId, startedAt, RunStatus.REFUSED, ExitCodes.BUSY, busyMessage(busy.get()), null);
            }
            store.runs().started(runId, clock.instant());
            JobReport report = job.report(answer(job, request, runId, caller));
            // Every run's report.json is the common report, whatever the job wrote there for itself.
            runs.write(runId, RunFiles.REPORT, report);
            store.runs().finish(runId, report.status(), report.exitCode(), firstLine(report.summary()), report.finishedAt());
            return report;
        } catch (InvalidRequestException e) {
            return ended(job, request, runId, startedAt, RunStatus.FAILED, ExitCodes.USAGE, e.getMessage(), e);
        } catch (RuntimeException e) {
            LOG.debug("Run {} failed", runId, e);
            return ended(job, request, runId, startedAt, RunStatus.FAILED, ExitCodes.FAILED, FailureMessages.of(e), e);
        } finally {
            if (!held.isEmpty()) {
                keeper.forget(runId);
                store.leases().release(runId);
            }
        }
    }

    private Object answer(JobDefinition<?> job, Object request, String runId, String caller) {
        Exchange exchange = new DefaultExchange(template.getCamelContext());
        exchange.getMessage().setBody(request);
        exchange.setProperty(RUN_ID, runId);
        exchange.setProperty(CALLER, caller);
        Exchange answered = template.send(job.route(), exchange);
        if (answered.getException() != null) {
            Throwable failure = answered.getException();
            throw failure instanceof RuntimeException r ? r : new IllegalStateException(failure.getMessage(), failure);
        }
        return answered.getMessage().getBody();
    }

    /** Takes the lease of every target (in name order, so two runs never wait on each other); the holder when one is busy. */
    private Optional<Lease> acquireLeases(List<String> targets, String runId, List<String> held) {
        Instant giveUp = clock.instant().plus(leases.waitTimeout());
        for (String target : targets.stream().sorted().toList()) {
            boolean announced = false;
            while (true) {
                LeaseResult result = store.leases().acquire(LeasePolicy.DATAVERSE_WRITE, target, runId, leases.ttl());
                if (result instanceof LeaseResult.Acquired) {
                    held.add(target);
                    keeper.keep(runId);
                    break;
                }
                Lease holder = ((LeaseResult.Held) result).by();
                if (leases.onBusy() == LeasePolicy.OnBusy.REFUSE || clock.instant().isAfter(giveUp)) {
                    return Optional.of(holder);
                }
                if (!announced) {
                    LOG.info("Run {} waits: {}", runId, busyMessage(holder));
                    announced = true;
                }
                pause(Duration.ofMillis(200 + ThreadLocalRandom.current().nextInt(300)));
            }
        }
        return Optional.empty();
    }

    private JobReport ended(JobDefinition<?> job, Object request, String runId, Instant startedAt, RunStatus status, int exitCode,
                            String message, Throwable failure) {
        Instant now = clock.instant();
        FailedRunReport report = new FailedRunReport(runId, job.name(), job.environments(request), status, exitCode, message,
                startedAt, now, failure);
        if (!runs.exists(runId, RunFiles.REPORT)) {
            runs.write(runId, RunFiles.REPORT, report);
        }
        store.runs().finish(runId, status, exitCode, firstLine(message), now);
        return report;
    }

    private static String busyMessage(Lease holder) {
        return holder.target() + " is being written by run " + holder.runId() + " (instance " + holder.instanceId() + ", since "
                + holder.acquiredAt() + "); one writing run per environment at a time";
    }

    private static String firstLine(String text) {
        String line = text == null ? "" : text.strip().lines().findFirst().orElse("");
        return line.length() > 500 ? line.substring(0, 500) : line;
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for a writer lease");
        }
    }

    @Override
    public void close() {
        background.shutdownNow();
        keeper.close();
    }
}
