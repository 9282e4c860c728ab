package io.dvbridge.triggers;

import io.dvbridge.jobs.JobCatalog;
import io.dvbridge.runs.RunStore;
import io.dvbridge.store.StateStore;
import io.dvbridge.store.StoreMessageIdRepository;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.TemplatedRouteBuilder;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.spi.RoutesLoader;
import org.apache.camel.support.PluginHelper;

import io.dvbridge.triggers.security.ApiGuard;
import io.dvbridge.triggers.security.SecuritySettings;

import javax.net.ssl.SSLContext;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The triggers of {@code dvbridge run}: binds what the trigger routes use (the request bean, the queue's
 * idempotent repository in the state store, a clustered scheduler), then loads routes/triggers.yaml, the
 * queue routes when the queue is on, and one route per configured schedule. Only {@code dvbridge run} does
 * this, so one-shot commands open no port, no broker connection and no scheduler.
 */
public final class Triggers {

    private final Schedules schedules;
    private final Optional<ApiGuard> guard;

    private Triggers(Schedules schedules, Optional<ApiGuard> guard) {
        this.schedules = schedules;
        this.guard = guard;
    }

    /** For the start banner: how the API authenticates, and where a generated key is (never the key); empty with REST off. */
    public Optional<String> describeAccess() {
        return guard.map(ApiGuard::describe);
    }

    /** Before the context starts: the beans and the components the trigger routes need. */
    /**
     * @param trust       the TLS trust for reading the API's Entra ID signing keys
     * @param properties  configuration as the API's security reads it (the runtime resolves sandbox authorities)
     */
    public static Triggers bind(CamelContext context, JobCatalog catalog, StateStore store, RunStore runs, SSLContext trust,
                                Function<String, Optional<String>> properties) {
        Optional<ApiGuard> guard = Optional.empty();
        if (enabled(context, "camel.server.enabled")) {
            guard = Optional.of(ApiGuard.create(SecuritySettings.from(properties), trust, Clock.systemUTC()));
            context.getRegistry().bind("apiGuard", new ApiGate(guard.get(), store));
            context.getRegistry().bind("runFilePages", new RunFilePages(store, runs));
            context.getRegistry().bind("uiFiles", new UiFiles());
        }
        Schedules schedules = Schedules.read(context.getPropertiesComponent().loadProperties(k -> k.startsWith(Schedules.PREFIX)), catalog);
        context.getRegistry().bind("jobRequests", new JobRequests(context, catalog, store, runs, schedules, Clock.systemUTC()));
        context.getRegistry().bind("apiAnswers", new ApiAnswers());
        context.getRegistry().bind("queueRequests", new QueueRequests());
        // The table (with its primary key, which makes two instances' inserts of one id safe) comes from the store's migrations.
        context.getRegistry().bind("jobRequestIds", new StoreMessageIdRepository(store.dataSource(), "dvbridge-jobs"));
        if (!schedules.all().isEmpty()) {
            QuartzComponent quartz = new QuartzComponent(context);
            quartz.setScheduler(ClusteredScheduler.create(store, context.resolvePropertyPlaceholders("{{dvbridge.scheduler.name:dvbridge}}"),
                    Integer.parseInt(context.resolvePropertyPlaceholders("{{dvbridge.scheduler.threads:2}}"))));
            context.addComponent("quartz", quartz);
        }
        return new Triggers(schedules, guard);
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
        for (Schedules.Schedule schedule : schedules.all()) {
            TemplatedRouteBuilder.builder(context, "schedule").routeId("schedule-" + schedule.name())
                    .parameter("schedule", schedule.name()).parameter("cron", schedule.cron())
                    .parameter("timeZone", schedule.timeZone().map(Object::toString).orElse(java.util.TimeZone.getDefault().getID()))
                    .add();
        }
    }

    private static boolean enabled(CamelContext context, String key) {
        return Boolean.parseBoolean(context.getPropertiesComponent().resolveProperty(key).orElse("false").strip());
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
