package io.dvbridge.cli;

import io.dvbridge.auth.TokenSourceRegistry;
import io.dvbridge.config.CompositeEnvironments;
import io.dvbridge.config.Environments;
import io.dvbridge.config.PropertiesEnvironments;
import io.dvbridge.jobs.RebindRequest;
import io.dvbridge.jobs.DataExportRequest;
import io.dvbridge.jobs.DataImportRequest;
import io.dvbridge.jobs.ExportReport;
import io.dvbridge.jobs.ImportReport;
import io.dvbridge.jobs.MigrateReport;
import io.dvbridge.jobs.MigrateRequest;
import io.dvbridge.jobs.MigrationSteps;
import io.dvbridge.jobs.RebindSteps;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.runs.RunStore;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.AggregationStrategies;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;

import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * dvbridge's Camel application: camel-main with the YAML routes and {@code config/application.properties}
 * (packaged defaults, then the file in the working directory, then overrides), the beans the routes
 * use, and the embedded sandbox when configuration asks for it. The CLI, tests and benchmarks all
 * start jobs through this one bootstrap.
 */
public final class JobRuntime implements AutoCloseable {

    /** Camel takes a property from the first location that has it, so the most specific comes first. */
    static final String CONFIG_LOCATIONS = "file:config/application.properties;optional=true,classpath:config/application.properties";

    private final Main main;
    private final ProducerTemplate template;
    private EmbeddedSandbox sandbox;

    private JobRuntime(Map<String, String> overrides, Optional<Path> configFile, Optional<SandboxOptions> sandboxOptions,
                       boolean serving) throws Exception {
        main = new Main();
        main.setPropertyPlaceholderLocations(configFile.map(f -> "file:" + f.toAbsolutePath() + ",").orElse("") + CONFIG_LOCATIONS);
        Properties props = new Properties();
        props.putAll(overrides);
        if (!serving) {
            // A one-shot run answers its caller and exits: no HTTP server, whatever camel.server.enabled says.
            props.put("camel.server.enabled", "false");
        }
        main.setOverrideProperties(props);
        main.configure().setName("dvbridge");
        main.configure().setShutdownTimeout(5);
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterConfigure(BaseMainSupport configured) {
                bindBeans(configured.getCamelContext(), sandboxOptions.orElse(SandboxOptions.defaults()));
            }
        });
        try {
            main.start();
            if (serving) {
                loadTriggerRoutes(main.getCamelContext());
            }
        } catch (Exception e) {
            // The sandbox may already be serving; its threads must not keep a failed process alive.
            if (sandbox != null) {
                sandbox.close();
            }
            throw e;
        }
        template = main.getCamelContext().createProducerTemplate();
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
     * Starts the application for {@code dvbridge run}: as {@link #start}, plus the triggers that
     * configuration enables (REST on {@code camel.server.*}, queue messages, schedules), loaded from
     * {@code dvbridge.run.routes}. Only this mode loads those routes, so one-shot runs start no listener.
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

    private void bindBeans(CamelContext context, SandboxOptions sandboxOptions) {
        TokenSourceRegistry tokens = new TokenSourceRegistry();
        List<Environments> sources = new ArrayList<>();
        List<String> sandboxNames = list(context.resolvePropertyPlaceholders("{{dvbridge.sandbox.environments:}}"));
        if (!sandboxNames.isEmpty()) {
            sandbox = EmbeddedSandbox.start(context.resolvePropertyPlaceholders("{{dvbridge.sandbox.fixture}}"), sandboxNames,
                    sandboxOptions, tokens);
            sources.add(sandbox);
        }
        sources.add(PropertiesEnvironments.fromCamel(context));
        context.getRegistry().bind("environments", Environments.class, new CompositeEnvironments(sources.toArray(Environments[]::new)));
        RunStore runs = new RunStore(Path.of(context.resolvePropertyPlaceholders("{{dvbridge.runs.dir:runs}}")), Clock.systemUTC());
        context.getRegistry().bind("runStore", runs);
        context.getRegistry().bind("rebindSteps", new RebindSteps(runs, Clock.systemUTC()));
        context.getRegistry().bind("migrationSteps", new MigrationSteps(runs, Clock.systemUTC()));
        context.getRegistry().bind("collectInList", AggregationStrategies.flexible().accumulateInCollection(ArrayList.class));
        context.getRegistry().bind("jobTriggers", new JobTriggers(
                context.getRegistry().lookupByNameAndType("environments", Environments.class), runs, context.getPropertiesComponent()));
    }

    private static void loadTriggerRoutes(CamelContext context) throws Exception {
        RoutesLoader loader = PluginHelper.getRoutesLoader(context);
        List<String> locations = new ArrayList<>(list(context.resolvePropertyPlaceholders("{{dvbridge.run.routes}}")));
        // A RabbitMQ endpoint connects as soon as it is created, even in a route that never starts.
        if (Boolean.parseBoolean(context.resolvePropertyPlaceholders("{{dvbridge.queue.enabled:false}}"))) {
            locations.addAll(list(context.resolvePropertyPlaceholders("{{dvbridge.run.queue-routes}}")));
        }
        for (String location : locations) {
            loader.loadRoutes(PluginHelper.getResourceLoader(context).resolveResource(location));
        }
        // A schedule route only for a job whose cron is set: an idle Quartz trigger would still fire.
        for (String job : JobTriggers.SCHEDULED_JOBS) {
            Optional<String> cron = context.getPropertiesComponent().resolveProperty("dvbridge.schedule." + job + ".cron").filter(c -> !c.isBlank());
            if (cron.isPresent()) {
                TemplatedRouteBuilder.builder(context, "schedule").routeId("schedule-" + job)
                        .parameter("job", job).parameter("cron", cron.get().strip()).add();
            }
        }
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** Runs the rebind job (or an undo) and returns its report. */
    public RebindReport rebind(RebindRequest request) {
        try {
            return template.requestBody("direct:rebind", request, RebindReport.class);
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    /** Exports the records a CMT schema selects into a data.zip. */
    public ExportReport exportData(DataExportRequest request) {
        return request("direct:data-export", request, ExportReport.class);
    }

    /** Imports a data.zip (or unpacked folder); every record's result is in the report's results file. */
    public ImportReport importData(DataImportRequest request) {
        return request("direct:data-import", request, ImportReport.class);
    }

    /** Export, import and rebind in one run; a failed step is in the report, not thrown. */
    public MigrateReport migrate(MigrateRequest request) {
        return request("direct:migrate", request, MigrateReport.class);
    }

    private <T> T request(String endpoint, Object body, Class<T> type) {
        try {
            return template.requestBody(endpoint, body, type);
        } catch (CamelExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }

    public CamelContext context() {
        return main.getCamelContext();
    }

    public RunStore runStore() {
        return context().getRegistry().lookupByNameAndType("runStore", RunStore.class);
    }

    /** The embedded sandbox, when configuration started one. */
    public Optional<Sandbox> sandbox() {
        return Optional.ofNullable(sandbox).map(EmbeddedSandbox::sandbox);
    }

    @Override
    public void close() {
        try {
            template.close();
            main.stop();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (sandbox != null) {
                sandbox.close();
            }
        }
    }
}
