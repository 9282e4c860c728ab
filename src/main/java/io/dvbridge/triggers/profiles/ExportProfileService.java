package io.dvbridge.triggers.profiles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dvbridge.export.ChangeRetention;
import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.jobs.JobCatalog;
import io.dvbridge.jobs.JobDefinition;
import io.dvbridge.jobs.JobLauncher;
import io.dvbridge.jobs.JobReport;
import io.dvbridge.jobs.RequestField;
import io.dvbridge.jobs.Trigger;
import io.dvbridge.store.ProfileFailures;
import io.dvbridge.store.ExportProfile;
import io.dvbridge.store.StateStore;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * Export profiles, like the Data Export Service's: list, create, get, update, delete, activate / deactivate
 * (continuous sync at the profile's interval), test (connectivity and the sink), validate (before saving) and
 * failures (the failure log). REST and the CLI call this one service. Profiles live in the state store, so every
 * instance sharing it sees the same ones, or in configuration ({@code dvbridge.export.profile.<name>.*}), which wins
 * over a stored profile of the same name and is read-only here.
 */
public final class ExportProfileService {

    /** The job a profile runs, unless {@code dvbridge.profiles.job} names another. */
    public static final String EXPORT_JOB = "export";
    /** Request fields the profile's retry settings fill when the job declares them and the request leaves them out. */
    static final String RETRY_INTERVAL_FIELD = "retryInterval";
    static final String RETRY_ATTEMPTS_FIELD = "retryAttempts";
    /** The export's default sink: an H2 file in the runs folder's {@code export} folder. */
    static final String EMBEDDED_SINK = "embedded";
    /** The request field naming the sink (a JDBC URL or a folder). */
    static final String SINK_FIELD = "to";

    private static final String RETENTION_ROUTE = "direct:profile-change-tracking-retention";
    private static final Logger LOG = LoggerFactory.getLogger(ExportProfileService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A warning about a profile that may still be saved; the field it concerns. */
    public record Warning(String field, String message) {
    }

    /** A saved profile and what validation warned about. */
    public record Saved(Profile profile, List<Warning> warnings) {
    }

    /** A profile's test: the environment's check report and the sink's steps (empty when the job names no sink). */
    public record TestResult(String profile, JobReport connectivity, Optional<SinkProbe.Result> sink) {
        public boolean passed() {
            // the check job: 0 every check passed, 2 passed with warnings
            boolean connected = connectivity.exitCode() == 0 || connectivity.exitCode() == 2;
            return connected && sink.map(SinkProbe.Result::passed).orElse(true);
        }
    }

    private final CamelContext context;
    private final JobCatalog catalog;
    private final StateStore store;
    private final String jobName;
    private final Map<String, Profile> configured;
    private final Optional<ProfileSchedules> schedules;
    private final Clock clock;

    private ExportProfileService(CamelContext context, JobCatalog catalog, StateStore store, String jobName, Map<String, Profile> configured,
                                 Optional<ProfileSchedules> schedules, Clock clock) {
        this.context = context;
        this.catalog = catalog;
        this.store = store;
        this.jobName = jobName;
        this.configured = configured;
        this.schedules = schedules;
        this.clock = clock;
    }

    /**
     * The service of {@code dvbridge run} (with the clustered scheduler, {@code schedules}) or of a one-shot command
     * (without: activating there only marks the profile, and a running instance schedules it when it starts).
     * Configured profiles are read here: a mistake stops the start, naming the key (their requests are checked
     * against configuration in {@link #start}, once the launcher is there).
     */
    public static ExportProfileService create(CamelContext context, JobCatalog catalog, StateStore store, Optional<org.quartz.Scheduler> scheduler,
                                              Clock clock) {
        String jobName = context.getPropertiesComponent().resolveProperty("dvbridge.profiles.job").map(String::strip)
                .filter(s -> !s.isEmpty()).orElse(EXPORT_JOB);
        Properties properties = context.getPropertiesComponent().loadProperties(k -> k.startsWith(ConfiguredProfiles.PREFIX));
        Map<String, Profile> configured = new LinkedHashMap<>();
        if (!properties.isEmpty()) {
            JobDefinition<?> job = catalog.find(jobName).orElseThrow(() -> new IllegalStateException(ConfiguredProfiles.PREFIX
                    + "* declares export profiles, but this build has no job '" + jobName + "' (jobs: " + String.join(", ", catalog.names()) + ")"));
            Instant now = clock.instant();
            ConfiguredProfiles.read(properties, job).forEach((name, definition) -> configured.put(name, new Profile(definition, true, now, now)));
        }
        return new ExportProfileService(context, catalog, store, jobName, configured, scheduler.map(ProfileSchedules::new), clock);
    }

    /**
     * {@code dvbridge run}: this process's syncs can find the service, configured profiles get or lose their schedules
     * as their {@code active} key says, a stored active profile without a schedule gets one, and the scheduler starts.
     */
    public void start() {
        ProfileSchedules quartz = schedules.orElseThrow(() -> new IllegalStateException("No scheduler to start"));
        // every configured request is checked now (against configuration, as the launcher will), not at the first sync
        configured.values().forEach(profile -> {
            try {
                checked(profile.definition());
            } catch (InvalidRequestException e) {
                throw new IllegalStateException("Export profile " + profile.name() + " (" + ConfiguredProfiles.PREFIX + profile.name()
                        + ".*): " + e.getMessage());
            }
        });
        quartz.register(this);
        for (Profile profile : configured.values()) {
            if (profile.definition().active()) {
                quartz.schedule(profile.name(), profile.definition().interval());
            } else {
                quartz.unschedule(profile.name());
            }
        }
        for (ExportProfile stored : store.exportProfiles().all()) {
            if (configured.containsKey(stored.name())) {
                LOG.warn("Export profile {} is declared in configuration and kept in the state store; the configuration's is used", stored.name());
            } else if (stored.active()) {
                quartz.schedule(stored.name(), stored.interval());
            } else {
                quartz.unschedule(stored.name());
            }
        }
        quartz.start();
    }

    /** Stops this process's scheduler (the schedules stay in the state store for the other instances). */
    public void stop() {
        schedules.ifPresent(ProfileSchedules::shutdown);
    }

    // ------------------------------------------------------------------ operations

    public List<Profile> list() {
        List<Profile> all = new ArrayList<>(configured.values());
        for (ExportProfile stored : store.exportProfiles().all()) {
            if (!configured.containsKey(stored.name())) {
                all.add(profile(stored));
            }
        }
        all.sort(java.util.Comparator.comparing(Profile::name));
        return all;
    }

    public Profile get(String name) {
        ProfileBodies.requireName(name);
        Profile profile = configured.get(name);
        if (profile != null) {
            return profile;
        }
        return store.exportProfiles().find(name).map(this::profile).orElseThrow(() -> new ProfileNotFoundException(name));
    }

    /** The profile's definition from a JSON body; {@code pathName} is the URL's name on an update. */
    public ProfileDefinition read(String body, Optional<String> pathName) {
        return ProfileBodies.read(body, pathName);
    }

    public Saved create(ProfileDefinition definition) {
        refuseConfigured(definition.name(), "created");
        List<Warning> warnings = validate(definition);
        Instant now = clock.instant();
        if (!store.exportProfiles().insert(stored(definition, now, now))) {
            throw new ProfileConflictException("name", "An export profile named '" + definition.name() + "' exists already; update it with PUT");
        }
        applySchedule(definition);
        LOG.info("Export profile {} created{}", definition.name(), definition.active() ? " and active" : "");
        return new Saved(get(definition.name()), warnings);
    }

    public Saved update(ProfileDefinition definition) {
        refuseConfigured(definition.name(), "changed");
        ExportProfile existing = store.exportProfiles().find(definition.name()).orElseThrow(() -> new ProfileNotFoundException(definition.name()));
        List<Warning> warnings = validate(definition);
        if (!store.exportProfiles().update(stored(definition, existing.createdAt(), clock.instant()))) {
            throw new ProfileNotFoundException(definition.name());
        }
        applySchedule(definition);
        return new Saved(get(definition.name()), warnings);
    }

    public void delete(String name) {
        ProfileBodies.requireName(name);
        refuseConfigured(name, "deleted");
        if (!store.exportProfiles().delete(name)) {
            throw new ProfileNotFoundException(name);
        }
        schedules.ifPresent(s -> s.unschedule(name));
        LOG.info("Export profile {} deleted", name);
    }

    /** Continuous sync at the profile's interval, the first now; its request is checked again (configuration may have changed). */
    public Profile activate(String name) {
        return setActive(name, true);
    }

    public Profile deactivate(String name) {
        return setActive(name, false);
    }

    private Profile setActive(String name, boolean active) {
        ProfileBodies.requireName(name);
        refuseConfigured(name, active ? "activated (set its active key)" : "deactivated (set its active key)");
        Profile profile = get(name);
        if (active) {
            checked(profile.definition());
        }
        if (!store.exportProfiles().setActive(name, active, clock.instant())) {
            throw new ProfileNotFoundException(name);
        }
        applySchedule(profile.definition().withActive(active));
        LOG.info("Export profile {} {}", name, active ? "activated" : "deactivated");
        return get(name);
    }

    /**
     * A profile checked before saving: its request by the export job's schema and against configuration (environments,
     * files); errors name the field ({@code request.tables}). Answers the warnings: an interval near or beyond the
     * organization's change tracking retention ({@code expirechangetrackingindays}), after which every sync is a full one.
     */
    public List<Warning> validate(ProfileDefinition definition) {
        Object request = checked(definition);
        List<Warning> warnings = new ArrayList<>();
        JobDefinition<?> job = job();
        job.environments(request).stream().findFirst().ifPresent(environment -> retentionWarning(environment, definition.interval())
                .ifPresent(warnings::add));
        return warnings;
    }

    /** Connectivity (the {@code check} job on the profile's environment: token, identity, privileges) and the sink. */
    public TestResult test(String name, String caller) {
        Profile profile = get(name);
        Object request = checked(profile.definition());
        JobDefinition<?> job = job();
        String environment = job.environments(request).stream().findFirst().orElseThrow(() -> new InvalidRequestException("request",
                "The profile's request names no environment to test"));
        JobDefinition<?> check = catalog.require("check", "job");
        JobReport connectivity = launcher().run(check, check.schema().fromText(Map.of("environment", environment)), Trigger.REST,
                caller + " (test of profile " + name + ")");
        Optional<SinkProbe.Result> sink = job.schema().field(SINK_FIELD)
                .map(field -> valuesOf(job, request).get(SINK_FIELD))
                .map(value -> value instanceof Optional<?> o ? o.orElse(null) : value)
                .map(this::probe);
        return new TestResult(name, connectivity, sink);
    }

    private SinkProbe.Result probe(Object sink) {
        if (EMBEDDED_SINK.equals(sink)) {
            Path runs = Path.of(context.resolvePropertyPlaceholders("{{dvbridge.runs.dir:runs}}"));
            return SinkProbe.embedded(runs.resolve("export"));
        }
        return io.dvbridge.config.ExportTargets.fromCamel(context).find(String.valueOf(sink)).map(SinkProbe::target)
                .orElseGet(() -> SinkProbe.probe(sink));
    }

    /** The profile's failure log, newest first, optionally one table's. */
    public ProfileFailures.Page failures(String name, Optional<String> table, int offset, int limit) {
        get(name);
        return store.profileFailures().page(name, table, offset, limit);
    }

    /** One tick of an active profile's sync: the export job with the profile's request, the profile named as the caller. */
    public void sync(String name) {
        Optional<Profile> profile = configured.containsKey(name) ? Optional.of(configured.get(name))
                : store.exportProfiles().find(name).map(this::profile);
        if (profile.isEmpty() || !profile.get().definition().active()) {
            // deleted or deactivated on an instance whose scheduler could not be reached: the schedule goes too
            LOG.info("Export profile {} is {}; its schedule is removed", name, profile.isEmpty() ? "gone" : "inactive");
            schedules.ifPresent(s -> s.unschedule(name));
            return;
        }
        Object request = checked(profile.get().definition());
        JobReport report = launcher().run(job(), request, Trigger.SCHEDULE, "profile:" + name);
        LOG.info("Export profile {}: run {} ended with exit code {}", name, report.runId(), report.exitCode());
    }

    /** When the profile's next sync fires; empty when inactive, or in a one-shot command. */
    public Optional<Instant> nextSync(String name) {
        return schedules.flatMap(s -> s.nextSync(name));
    }

    // ------------------------------------------------------------------ inside

    /** The request the job will run: the schema's and configuration's checks, the retry settings filled in. */
    Object checked(ProfileDefinition definition) {
        JobDefinition<?> job = job();
        ObjectNode request = definition.request().deepCopy();
        fillRetry(job, request, definition);
        Object parsed;
        try {
            parsed = job.schema().fromJson(JSON.writeValueAsString(request));
            return launcher().check(job, parsed, Trigger.REST);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(fieldOf(e.field(), definition), e.getMessage());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static <R extends Record> Map<String, Object> valuesOf(JobDefinition<R> job, Object request) {
        return job.schema().values(job.cast(request));
    }

    /** A mistake in a retry setting the profile filled in is the profile's field; any other is the request's. */
    private static String fieldOf(String requestField, ProfileDefinition definition) {
        if (requestField.equals(RETRY_INTERVAL_FIELD) && !definition.request().has(RETRY_INTERVAL_FIELD)) {
            return "retryInterval";
        }
        if (requestField.equals(RETRY_ATTEMPTS_FIELD) && !definition.request().has(RETRY_ATTEMPTS_FIELD)) {
            return "retryMax";
        }
        return requestField.isEmpty() ? "request" : "request." + requestField;
    }

    private void fillRetry(JobDefinition<?> job, ObjectNode request, ProfileDefinition definition) {
        job.schema().field(RETRY_INTERVAL_FIELD).filter(f -> !request.has(RETRY_INTERVAL_FIELD)).ifPresent(field -> {
            if (field.jsonType().equals("integer")) {
                request.put(RETRY_INTERVAL_FIELD, definition.retryInterval().toSeconds());
            } else {
                request.put(RETRY_INTERVAL_FIELD, definition.retryInterval().toString());
            }
        });
        job.schema().field(RETRY_ATTEMPTS_FIELD).filter(f -> !request.has(RETRY_ATTEMPTS_FIELD))
                .ifPresent(field -> request.put(RETRY_ATTEMPTS_FIELD, definition.retryMax()));
    }

    private Optional<Warning> retentionWarning(String environment, Duration interval) {
        Optional<Integer> days;
        try {
            days = retentionDays(environment);
        } catch (RuntimeException e) {
            return Optional.of(new Warning("interval", "The change tracking retention of " + environment
                    + " (expirechangetrackingindays) could not be read: " + RequestField.printable(String.valueOf(e.getMessage()))
                    + "; keep the interval well below it"));
        }
        return days.flatMap(d -> ChangeRetention.warning(Optional.of(interval), d)).map(message -> new Warning("interval", message));
    }

    private void applySchedule(ProfileDefinition definition) {
        schedules.ifPresent(s -> {
            if (definition.active()) {
                s.schedule(definition.name(), definition.interval());
            } else {
                s.unschedule(definition.name());
            }
        });
    }

    private void refuseConfigured(String name, String what) {
        if (configured.containsKey(name)) {
            throw new ProfileConflictException("name", "Export profile '" + name + "' is declared in configuration ("
                    + ConfiguredProfiles.PREFIX + name + ".*) and cannot be " + what + " over the API; change the configuration");
        }
    }

    private JobDefinition<?> job() {
        return catalog.find(jobName).orElseThrow(() -> new InvalidRequestException("request", "This build has no job '" + jobName
                + "' for profiles to run (jobs: " + String.join(", ", catalog.names()) + ")"));
    }

    private JobLauncher launcher() {
        JobLauncher launcher = context.getRegistry().lookupByNameAndType("jobLauncher", JobLauncher.class);
        if (launcher == null) {
            throw new IllegalStateException("The job launcher is not ready yet");
        }
        return launcher;
    }

    /** The organization's {@code expirechangetrackingindays}, through routes/export-profiles.camel.yaml. */
    private Optional<Integer> retentionDays(String environment) {
        try (ProducerTemplate template = context.createProducerTemplate()) {
            Object rows = template.requestBody(RETENTION_ROUTE, environment);
            if (rows instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Map<?, ?> row
                    && row.get("expirechangetrackingindays") instanceof Number days) {
                return Optional.of(days.intValue());
            }
            return Optional.empty();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private Profile profile(ExportProfile stored) {
        ObjectNode request;
        try {
            request = (ObjectNode) JSON.readTree(stored.request());
        } catch (JsonProcessingException | ClassCastException e) {
            throw new IllegalStateException("Export profile " + stored.name() + " in the state store has a request that is not a JSON object");
        }
        return new Profile(new ProfileDefinition(stored.name(), request, stored.interval(), stored.retryInterval(), stored.retryMax(),
                stored.active()), false, stored.createdAt(), stored.updatedAt());
    }

    private static ExportProfile stored(ProfileDefinition definition, Instant createdAt, Instant updatedAt) {
        try {
            return new ExportProfile(definition.name(), JSON.writeValueAsString(definition.request()), definition.interval(),
                    definition.retryInterval(), definition.retryMax(), definition.active(), createdAt, updatedAt);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
