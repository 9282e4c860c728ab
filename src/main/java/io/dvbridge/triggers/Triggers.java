package io.dvbridge.triggers;

import io.dvbridge.config.Environments;
import io.dvbridge.jobs.JobCatalog;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.StateStore;
import io.dvbridge.store.StoreMessageIdRepository;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;

import io.dvbridge.triggers.profiles.ExportProfileService;
import io.dvbridge.triggers.health.BrokerCheck;
import io.dvbridge.triggers.health.EnvironmentTokenCheck;
import io.dvbridge.triggers.health.QueueDepth;
import io.dvbridge.triggers.health.StateStoreCheck;
import io.dvbridge.triggers.health.TokenReadiness;
import io.dvbridge.triggers.security.ApiGuard;
import org.apache.camel.support.service.ServiceSupport;
import org.quartz.Scheduler;
import io.dvbridge.triggers.security.SecuritySettings;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.apache.camel.health.HealthCheckRegistry;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;

import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The triggers of {@code dvbridge run}: binds what the trigger routes use (the request bean, the queue's
 * idempotent repository in the state store, a clustered scheduler), then loads routes/triggers.yaml, the
 * queue routes when the queue is on, and one route per configured schedule. Only {@code dvbridge run} does
 * this, so one-shot commands open no port, no broker connection and no scheduler. With REST on, it also registers
 * the readiness checks {@code /observe/health} reports (state store, broker, a token per environment).
 */
public final class Triggers implements AutoCloseable {

    private final Schedules schedules;
    private final Optional<ApiGuard> guard;
    private final ExportProfileService profiles;
    private final List<AutoCloseable> observers = new ArrayList<>();

    private Triggers(Schedules schedules, Optional<ApiGuard> guard, ExportProfileService profiles) {
        this.schedules = schedules;
        this.guard = guard;
        this.profiles = profiles;
    }

    /** For the start banner: how the API authenticates, and where a generated key is (never the key); empty with REST off. */
    public Optional<String> describeAccess() {
        return guard.map(ApiGuard::describe);
    }

    /**
     * Before the context starts: the beans and the components the trigger routes need.
     *
     * @param trust       the TLS trust for reading the API's Entra ID signing keys
     * @param properties  configuration as the API's security reads it (the runtime resolves sandbox authorities)
     */
    public static Triggers bind(CamelContext context, JobCatalog catalog, StateStore store, RunStore runs, SSLContext trust,
                                Function<String, Optional<String>> properties) {
        Optional<ApiGuard> guard = Optional.empty();
        if (enabled(context, "camel.server.enabled")) {
            guard = Optional.of(ApiGuard.create(SecuritySettings.from(properties), trust, Clock.systemUTC()));
            context.getRegistry().bind("apiGuard", new ApiGate(guard.get(), store));
            context.getRegistry().bind("observe", new Observe(context, meterRegistry(context)));
            context.getRegistry().bind("runFilePages", new RunFilePages(store, runs));
            context.getRegistry().bind("uiFiles", new UiFiles());
        }
        Schedules schedules = Schedules.read(context.getPropertiesComponent().loadProperties(k -> k.startsWith(Schedules.PREFIX)), catalog);
        context.getRegistry().bind("jobRequests", new JobRequests(context, catalog, store, runs, schedules, Clock.systemUTC()));
        context.getRegistry().bind("apiAnswers", new ApiAnswers());
        context.getRegistry().bind("queueRequests", new QueueRequests());
        // The table (with its primary key, which makes two instances' inserts of one id safe) comes from the store's migrations.
        context.getRegistry().bind("jobRequestIds", new StoreMessageIdRepository(store.dataSource(), "dvbridge-jobs"));
        // Always a scheduler: a profile activated on any instance sharing the store may fire on this one.
        Scheduler scheduler = ClusteredScheduler.create(store, context.resolvePropertyPlaceholders("{{dvbridge.scheduler.name:dvbridge}}"),
                Integer.parseInt(context.resolvePropertyPlaceholders("{{dvbridge.scheduler.threads:2}}")));
        if (!schedules.all().isEmpty()) {
            QuartzComponent quartz = new QuartzComponent(context);
            quartz.setScheduler(scheduler);
            context.addComponent("quartz", quartz);
        }
        ExportProfileService profiles = ExportProfileService.create(context, catalog, store, Optional.of(scheduler), Clock.systemUTC());
        context.getRegistry().bind("profileRequests", new ProfileRequests(profiles));
        return new Triggers(schedules, guard, profiles);
    }

    /**
     * The profile service of a one-shot command ({@code dvbridge profiles}): it writes schedules into the clustered
     * scheduler's tables without starting a scheduler, so the running instances sharing the store fire them.
     */
    public static ExportProfileService profileCommands(CamelContext context, JobCatalog catalog, StateStore store) {
        Scheduler scheduler = ClusteredScheduler.create(store, context.resolvePropertyPlaceholders("{{dvbridge.scheduler.name:dvbridge}}"), 1);
        return ExportProfileService.create(context, catalog, store, Optional.of(scheduler), Clock.systemUTC());
    }

    /** After the context started: the routes. */
    public void start(CamelContext context) throws Exception {
        RoutesLoader loader = PluginHelper.getRoutesLoader(context);
        // Each trigger's routes only when it is on: a platform-http route needs the server, and a RabbitMQ endpoint
        // connects as soon as it is created, even in a route that never starts.
        List<String> locations = new ArrayList<>();
        if (enabled(context, "camel.server.enabled")) {
            locations.addAll(list(context.resolvePropertyPlaceholders("{{dvbridge.run.routes}}")));
        }
        if (enabled(context, "dvbridge.queue.enabled")) {
            locations.addAll(list(context.resolvePropertyPlaceholders("{{dvbridge.run.queue-routes}}")));
        }
        if (!schedules.all().isEmpty()) {
            locations.addAll(list(context.resolvePropertyPlaceholders("{{dvbridge.run.schedule-routes}}")));
        }
        for (String location : locations) {
            loader.loadRoutes(PluginHelper.getResourceLoader(context).resolveResource(location));
        }
        profiles.start();
        context.addService(new ServiceSupport() {
            @Override
            protected void doStop() {
                profiles.stop();
            }
        }, true);
        if (guard.isPresent()) {
            registerHealthChecks(context);
        }
        for (Schedules.Schedule schedule : schedules.all()) {
            TemplatedRouteBuilder.builder(context, "schedule").routeId("schedule-" + schedule.name())
                    .parameter("schedule", schedule.name()).parameter("cron", schedule.cron())
                    .parameter("timeZone", schedule.timeZone().map(Object::toString).orElse(java.util.TimeZone.getDefault().getID()))
                    .add();
        }
    }

    /**
     * The readiness checks, after the routes are loaded (the queue's connection factory is declared in its route file):
     * the state store, the broker and the queue depth when the queue is on, and a token for each environment.
     */
    private void registerHealthChecks(CamelContext context) {
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health == null) {
            throw new IllegalStateException("Camel's health-check registry is missing (camel-health is not on the class path)");
        }
        Duration timeout = duration(context, "dvbridge.observe.check-timeout", "2s");
        StateStore store = context.getRegistry().lookupByNameAndType("stateStore", StateStore.class);
        StateStoreCheck storeCheck = new StateStoreCheck(store, timeout);
        observers.add(storeCheck::close);
        health.register(storeCheck);
        if (enabled(context, "dvbridge.queue.enabled")) {
            QueueDepth depth = new QueueDepth(context.getRegistry().lookupByNameAndType("rabbitConnectionFactory", ConnectionFactory.class),
                    context.resolvePropertyPlaceholders("{{dvbridge.queue.jobs}}"), meterRegistry(context));
            BrokerCheck brokerCheck = new BrokerCheck(depth, timeout);
            observers.add(brokerCheck::close);
            health.register(brokerCheck);
            observers.add(sampleEvery(depth, duration(context, "dvbridge.observe.queue-depth-interval", "15s")));
        }
        TokenReadiness tokens = new TokenReadiness(context.getRegistry().lookupByNameAndType("environments", Environments.class),
                duration(context, "dvbridge.observe.token-check-interval", "60s"), Clock.systemUTC());
        for (String environment : context.getRegistry().lookupByNameAndType("environments", Environments.class).names()) {
            health.register(new EnvironmentTokenCheck(environment, tokens));
        }
        observers.add(tokens);
    }

    /** The queue depth gauge's own samples, so a scrape never waits for the broker. */
    private static AutoCloseable sampleEvery(QueueDepth depth, Duration interval) {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "dvbridge-queue-depth");
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(() -> {
            try {
                depth.sample();
            } catch (Exception e) {
                // the gauge shows NaN and the broker check says why
            }
        }, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return thread::shutdownNow;
    }

    private static PrometheusMeterRegistry meterRegistry(CamelContext context) {
        PrometheusMeterRegistry registry = context.getRegistry().lookupByNameAndType("metricsRegistry", PrometheusMeterRegistry.class);
        if (registry == null) {
            throw new IllegalStateException("No Prometheus meter registry bound as metricsRegistry");
        }
        return registry;
    }

    private static Duration duration(CamelContext context, String key, String defaultValue) {
        return org.apache.camel.util.TimeUtils.toDuration(context.resolvePropertyPlaceholders("{{" + key + ":" + defaultValue + "}}").strip());
    }

    /** Stops the background checks and samplers. */
    @Override
    public void close() {
        for (AutoCloseable observer : observers) {
            try {
                observer.close();
            } catch (Exception e) {
                // stopping: nothing left to do with a sampler that would not stop
            }
        }
        observers.clear();
    }

    private static boolean enabled(CamelContext context, String key) {
        return Boolean.parseBoolean(context.getPropertiesComponent().resolveProperty(key).orElse("false").strip());
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
