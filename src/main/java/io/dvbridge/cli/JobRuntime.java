package io.dvbridge.cli;

import io.dvbridge.auth.TokenSourceRegistry;
import io.dvbridge.config.CompositeEnvironments;
import io.dvbridge.config.Environments;
import io.dvbridge.config.PropertiesEnvironments;
import io.dvbridge.jobs.CheckSteps;
import io.dvbridge.jobs.DataExportRequest;
import io.dvbridge.jobs.DataImportRequest;
import io.dvbridge.jobs.ExportReport;
import io.dvbridge.jobs.FailedRunReport;
import io.dvbridge.jobs.ImportReport;
import io.dvbridge.jobs.JobCatalog;
import io.dvbridge.jobs.JobLauncher;
import io.dvbridge.jobs.JobReport;
import io.dvbridge.jobs.LeasePolicy;
import io.dvbridge.jobs.MigrateReport;
import io.dvbridge.jobs.MigrateRequest;
import io.dvbridge.jobs.MigrationSteps;
import io.dvbridge.jobs.RebindJobReport;
import io.dvbridge.jobs.RebindRequest;
import io.dvbridge.jobs.ProgressSink;
import io.dvbridge.jobs.PushSteps;
import io.dvbridge.jobs.RebindSteps;
import io.dvbridge.jobs.RequestChecks;
import io.dvbridge.config.ExportTargets;
import io.dvbridge.jobs.TableExportSteps;
import io.dvbridge.jobs.Trigger;
import io.dvbridge.metrics.DvMetrics;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.runs.RunStore;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.store.StateStore;
import io.dvbridge.store.StoreSettings;
import io.dvbridge.store.UnknownRunException;
import io.dvbridge.triggers.Triggers;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * dvbridge's Camel application: camel-main with the YAML routes and {@code config/application.properties}
 * (packaged defaults, then the file in the working directory, then {@code --config}, then environment
 * variables), the beans the routes use, the state store, the job launcher, and the embedded sandbox when
 * configuration asks for it. The CLI, the triggers, tests and benchmarks all start jobs through this one
 * bootstrap and its launcher.
 */
public final class JobRuntime implements AutoCloseable {

    /** Camel takes a property from the first location that has it, so the most specific comes first. */
    static final String CONFIG_LOCATIONS = "file:config/application.properties;optional=true,classpath:config/application.properties";

    private final Main main;
    private final JobCatalog catalog = JobCatalog.standard();
    private EmbeddedSandbox sandbox;
    private StateStore store;
    private CompletableFuture<EmbeddedSandbox> sandboxStart;
    private CompletableFuture<StateStore> storeStart;
    private JobLauncher launcher;
    private RunStore runs;
    private Triggers triggers;
    private DvMetrics metrics = DvMetrics.none();

    private JobRuntime(Map<String, String> overrides, Optional<Path> configFile, Optional<SandboxOptions> sandboxOptions,
                       boolean serving) throws Exception {
        main = new Main();
        main.setPropertyPlaceholderLocations(configFile.map(f -> "file:" + f.toAbsolutePath() + ",").orElse("") + CONFIG_LOCATIONS);
        Properties props = new Properties();
        props.putAll(EnvironmentOverrides.from(System.getenv(), configFile));
        props.putAll(overrides);
        if (!serving) {
            // A one-shot run answers its caller and exits: no HTTP server, whatever camel.server.enabled says,
            // and no metrics: nothing would scrape them.
            props.put("camel.server.enabled", "false");
            props.put("camel.metrics.enabled", "false");
        }
        main.setOverrideProperties(props);
        main.configure().setName("dvbridge");
        main.configure().setShutdownTimeout(5);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void beforeInitialize(BaseMainSupport initializing) {
                startBesideCamel(initializing.getCamelContext(), sandboxOptions.orElse(SandboxOptions.defaults()));
            }

            @Override
            public void afterConfigure(BaseMainSupport configured) {
                bindBeans(configured.getCamelContext(), serving);
            }
        });
        try {
            main.start();
            CamelContext context = main.getCamelContext();
            launcher = new JobLauncher(context.createProducerTemplate(), checks(context), store, runs, leasePolicy(context), Clock.systemUTC(),
                    Integer.parseInt(context.resolvePropertyPlaceholders("{{dvbridge.run.concurrent-jobs:4}}")), metrics);
            context.getRegistry().bind("jobLauncher", launcher);
            if (serving) {
                triggers.start(context);
            }
        } catch (Exception e) {
            closeQuietly();
            throw e;
        }
    }

    /** Starts the application; {@code overrides} win over every properties file. */
    public static JobRuntime start(Map<String, String> overrides, Optional<Path> configFile) {
        return start(overrides, configFile, Optional.empty());
    }

    /** As {@link #start(Map, Optional)}, with options for the embedded sandbox (tests and benchmarks tune its latency or limits). */
    public static JobRuntime start(Map<String, String> overrides, Optional<Path> configFile, Optional<SandboxOptions> sandboxOptions) {
        return create(overrides, configFile, sandboxOptions, false);
    }

    /**
     * Starts the application for {@code dvbridge run}: as {@link #start}, plus the triggers that configuration
     * enables (REST on {@code camel.server.*}, queue messages, schedules). Only this mode loads them, so
     * one-shot runs open no port, no broker connection and no scheduler.
     */
    public static JobRuntime serve(Map<String, String> overrides, Optional<Path> configFile, Optional<SandboxOptions> sandboxOptions) {
        return create(overrides, configFile, sandboxOptions, true);
    }

    private static JobRuntime create(Map<String, String> overrides, Optional<Path> configFile, Optional<SandboxOptions> sandboxOptions,
                                     boolean serving) {
        try {
            return new JobRuntime(overrides, configFile, sandboxOptions, serving);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("dvbridge could not start: " + e.getMessage(), e);
        }
    }

    /**
     * The embedded sandbox (fixture, TLS certificate, listeners, token client) and the state store (pool, schema
     * migration) need only configuration, not Camel: they start on threads of their own as soon as the properties
     * are readable, while camel-main loads the routes, and {@link #bindBeans} waits for them. Start-up then takes
     * about as long as the slowest of the three instead of their sum.
     */
    private void startBesideCamel(CamelContext context, SandboxOptions sandboxOptions) {
        List<String> sandboxNames = list(context.resolvePropertyPlaceholders("{{dvbridge.sandbox.environments:}}"));
        if (!sandboxNames.isEmpty()) {
            String fixture = context.resolvePropertyPlaceholders("{{dvbridge.sandbox.fixture}}");
            sandboxStart = onOwnThread("sandbox", () -> EmbeddedSandbox.start(fixture, sandboxNames, sandboxOptions, new TokenSourceRegistry()));
        }
        runs = new RunStore(Path.of(context.resolvePropertyPlaceholders("{{dvbridge.runs.dir:runs}}")), Clock.systemUTC());
        StoreSettings settings = storeSettings(context, runs);
        storeStart = onOwnThread("state-store", () -> StateStore.open(settings, Clock.systemUTC()));
    }

    private static <T> CompletableFuture<T> onOwnThread(String name, Supplier<T> task) {
        return CompletableFuture.supplyAsync(task, runnable -> {
            Thread thread = new Thread(runnable, "dvbridge-start-" + name);
            thread.setDaemon(true);
            thread.start();
        });
    }

    /** The result of a start-up task, or its own exception, as if it had run on this thread. */
    private static <T> T await(CompletableFuture<T> start) {
        try {
            return start.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** What a start-up task made, once it has ended; nothing when it failed or never began. */
    private static <T> T whenDone(CompletableFuture<T> start) {
        return start == null ? null : start.exceptionally(failure -> null).join();
    }

    private void bindBeans(CamelContext context, boolean serving) {
        if (serving) {
            // One registry for Camel's meters and dvbridge's own: camel-micrometer-prometheus (camel.metrics.enabled) has
            // usually bound it by now under this name; if not, it finds this one when it starts.
            PrometheusMeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
            if (registry == null) {
                registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
                context.getRegistry().bind("metricsRegistry", registry);
            }
            metrics = new DvMetrics(registry);
        }
        List<Environments> sources = new ArrayList<>();
        if (sandboxStart != null) {
            sandbox = await(sandboxStart);
            sources.add(sandbox);
        }
        sources.add(PropertiesEnvironments.fromCamel(context));
        context.getRegistry().bind("environments", Environments.class, new CompositeEnvironments(sources.toArray(Environments[]::new)));
        store = await(storeStart);
        context.getRegistry().bind("stateStore", store);
        context.getRegistry().bind("runStore", runs);
        ProgressSink progress = (runId, done, total) -> {
            try {
                store.runs().progress(runId, done, total);
            } catch (UnknownRunException e) {
                // a step inside another job (migrate's export, import and rebind) has files but no run record of its own
            }
        };
        context.getRegistry().bind("rebindSteps", new RebindSteps(runs, Clock.systemUTC(), progress));
        context.getRegistry().bind("migrationSteps", new MigrationSteps(runs, Clock.systemUTC(), progress));
        context.getRegistry().bind("checkSteps", new CheckSteps(runs, Clock.systemUTC()));
        context.getRegistry().bind("tableExportSteps", new TableExportSteps(runs, Clock.systemUTC(), progress, store::exportFailures,
                ExportTargets.fromCamel(context)));
        context.getRegistry().bind("pushSteps", new PushSteps(runs, store.pushCheckpoints(), pushSettings(context), Clock.systemUTC(), progress));
        context.getRegistry().bind("collectInList", AggregationStrategies.flexible().accumulateInCollection(ArrayList.class));
        if (serving) {
            triggers = Triggers.bind(context, catalog, store, runs, sandbox == null ? defaultTls() : sandbox.sandbox().clientTls(),
                    key -> context.getPropertiesComponent().resolveProperty(key).map(value -> sandboxAuthority(value)));
        }
    }

    /** {@code sandbox:<tenant>} names the embedded sandbox's Entra ID authority for that tenant (its port changes every start). */
    private String sandboxAuthority(String value) {
        if (value.startsWith("sandbox:") && sandbox != null) {
            return sandbox.sandbox().authority(value.substring("sandbox:".length()).strip());
        }
        return value;
    }

    private static javax.net.ssl.SSLContext defaultTls() {
        try {
            return javax.net.ssl.SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("No default TLS context: " + e.getMessage(), e);
        }
    }

    /** How the API authenticates, for the start banner of {@code dvbridge run}. */
    public Optional<String> accessDescription() {
        return Optional.ofNullable(triggers).flatMap(Triggers::describeAccess);
    }

    /** The state store: {@code dvbridge.store.url}, or by default an H2 file in the run store's folder. */
    private static StoreSettings storeSettings(CamelContext context, RunStore runs) {
        String url = context.resolvePropertyPlaceholders("{{dvbridge.store.url:}}").strip();
        if (url.isEmpty()) {
            url = "jdbc:h2:file:" + runs.directory().toAbsolutePath().resolve(".state").resolve("dvbridge") + ";AUTO_SERVER=TRUE";
        }
        return new StoreSettings(url, context.resolvePropertyPlaceholders("{{dvbridge.store.username:}}"),
                context.resolvePropertyPlaceholders("{{dvbridge.store.password:}}"),
                Integer.parseInt(context.resolvePropertyPlaceholders("{{dvbridge.store.max-pool-size:5}}")));
    }

    private static PushSteps.PushSettings pushSettings(CamelContext context) {
        return new PushSteps.PushSettings(
                Integer.parseInt(context.resolvePropertyPlaceholders("{{dvbridge.push.max-replace-deletes:10000}}").strip()),
                Integer.parseInt(context.resolvePropertyPlaceholders("{{dvbridge.push.delete-batch-size:100}}").strip()),
                Integer.parseInt(context.resolvePropertyPlaceholders("{{dvbridge.push.jdbc.fetch-size:1000}}").strip()),
                context.resolvePropertyPlaceholders("{{dvbridge.push.jdbc.username:}}").strip(),
                context.resolvePropertyPlaceholders("{{dvbridge.push.jdbc.password:}}"),
                new io.dvbridge.jobs.QueueRowSource.Broker(context.resolvePropertyPlaceholders("{{dvbridge.rabbitmq.host:127.0.0.1}}").strip(),
                        Integer.parseInt(context.resolvePropertyPlaceholders("{{dvbridge.rabbitmq.port:5672}}").strip()),
                        context.resolvePropertyPlaceholders("{{dvbridge.rabbitmq.virtual-host:/}}").strip(),
                        context.resolvePropertyPlaceholders("{{dvbridge.rabbitmq.username:guest}}").strip(),
                        context.resolvePropertyPlaceholders("{{dvbridge.rabbitmq.password:}}")));
    }

    private static RequestChecks checks(CamelContext context) {
        return new RequestChecks(context.getRegistry().lookupByNameAndType("environments", Environments.class),
                Path.of(context.resolvePropertyPlaceholders("{{dvbridge.run.schemas-dir:config/schemas}}")),
                Path.of(context.resolvePropertyPlaceholders("{{dvbridge.run.files-dir:files}}")), ExportTargets.fromCamel(context));
    }

    private static LeasePolicy leasePolicy(CamelContext context) {
        String onBusy = context.resolvePropertyPlaceholders("{{dvbridge.leases.on-busy:wait}}").strip().toUpperCase(Locale.ROOT);
        return new LeasePolicy(LeasePolicy.OnBusy.valueOf(onBusy),
                duration(context.resolvePropertyPlaceholders("{{dvbridge.leases.wait-timeout:30m}}")),
                duration(context.resolvePropertyPlaceholders("{{dvbridge.leases.ttl:60s}}")));
    }

    /** {@code 90s}, {@code 30m}, {@code 2h}, or an ISO-8601 duration. */
    static Duration duration(String text) {
        String value = text.strip().toLowerCase(Locale.ROOT);
        if (value.matches("\\d+(ms|s|m|h)")) {
            long amount = Long.parseLong(value.replaceAll("\\D", ""));
            return switch (value.replaceAll("\\d", "")) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofHours(amount);
            };
        }
        return Duration.parse(text.strip().toUpperCase(Locale.ROOT));
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Runs the rebind job (or an undo) from the command line's side, and returns its report; a run that could not finish throws. */
    public RebindReport rebind(RebindRequest request) {
        return ((RebindJobReport) run("rebind", request)).rebind();
    }

    /** Exports the records a CMT schema selects into a data.zip. */
    public ExportReport exportData(DataExportRequest request) {
        return (ExportReport) run("data-export", request);
    }

    /** Imports a data.zip (or unpacked folder); every record's result is in the report's results file. */
    public ImportReport importData(DataImportRequest request) {
        return (ImportReport) run("data-import", request);
    }

    /** Export, import and rebind in one run; a failed step is in the report, not thrown. */
    public MigrateReport migrate(MigrateRequest request) {
        return (MigrateReport) run("migrate", request);
    }

    /** Runs a job as the CLI does; a run that ended before its job's report (refused, failed) throws its cause. */
    public JobReport run(String job, Object request) {
        JobReport report = launcher.run(catalog.require(job, "job"), request, Trigger.CLI, "cli:test");
        if (report instanceof FailedRunReport failed) {
            throw failed.cause().map(c -> c instanceof RuntimeException r ? r : new IllegalStateException(c))
                    .orElseGet(() -> new IllegalStateException(failed.summary()));
        }
        return report;
    }

    public JobLauncher launcher() {
        return launcher;
    }

    public JobCatalog catalog() {
        return catalog;
    }

    public StateStore stateStore() {
        return store;
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public RunStore runStore() {
        return runs;
    }

    /** The embedded sandbox, when configuration started one. */
    public Optional<Sandbox> sandbox() {
        return Optional.ofNullable(sandbox).map(EmbeddedSandbox::sandbox);
    }

    @Override
    public void close() {
        try {
            if (launcher != null) {
                launcher.close();
            }
            if (triggers != null) {
                triggers.close();
            }
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            closeQuietly();
        }
    }

    /** The sandbox and the store must not keep a failed or stopped process alive. */
    private void closeQuietly() {
        // A start that failed before bindBeans may leave tasks that are still starting: wait for them and close what they made.
        if (store == null) {
            store = whenDone(storeStart);
        }
        if (sandbox == null) {
            sandbox = whenDone(sandboxStart);
        }
        storeStart = null;
        sandboxStart = null;
        if (store != null) {
            store.close();
            store = null;
        }
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }
}
