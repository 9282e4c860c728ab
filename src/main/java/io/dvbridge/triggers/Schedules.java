package io.dvbridge.triggers;

import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.jobs.JobCatalog;
import io.dvbridge.jobs.JobDefinition;
import io.dvbridge.jobs.RequestField;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The schedules configuration declares, any job on any cron:
 * <pre>
 * dvbridge.schedule.nightly-rebind.job = rebind          (default: the schedule's name)
 * dvbridge.schedule.nightly-rebind.cron = 0 0 2 * * ?    (Quartz, with seconds; empty: off)
 * dvbridge.schedule.nightly-rebind.time-zone = Europe/Paris   (default: the JVM's)
 * dvbridge.schedule.nightly-rebind.environment = contoso-prod (the job's request fields, in kebab case)
 * </pre>
 * Every schedule is checked when {@code dvbridge run} starts (known job, valid cron and zone, a request its
 * schema accepts), so a mistake stops the start with the key to fix, not a 2 a.m. failure.
 */
public final class Schedules {

    static final String PREFIX = "dvbridge.schedule.";

    /** One schedule: its name, the job, when, and the request fields as text by field name. */
    public record Schedule(String name, String job, String cron, Optional<ZoneId> timeZone, Map<String, String> fields) {
    }

    private final Map<String, Schedule> schedules;

    private Schedules(Map<String, Schedule> schedules) {
        this.schedules = schedules;
    }

    public static Schedules read(Properties properties, JobCatalog catalog) {
        Map<String, Map<String, String>> byName = new TreeMap<>();
        for (String key : properties.stringPropertyNames()) {
            if (key.startsWith(PREFIX) && key.indexOf('.', PREFIX.length()) > 0) {
                String name = key.substring(PREFIX.length(), key.indexOf('.', PREFIX.length()));
                byName.computeIfAbsent(name, n -> new LinkedHashMap<>())
                        .put(key.substring(PREFIX.length() + name.length() + 1), properties.getProperty(key).strip());
            }
        }
        Map<String, Schedule> schedules = new LinkedHashMap<>();
        byName.forEach((name, keys) -> {
            String cron = keys.getOrDefault("cron", "");
            if (!cron.isEmpty()) {
                schedules.put(name, schedule(name, keys, cron, catalog));
            }
        });
        return new Schedules(schedules);
    }

    private static Schedule schedule(String name, Map<String, String> keys, String cron, JobCatalog catalog) {
        String where = PREFIX + name + ".";
        if (!name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalStateException("Schedule name '" + name + "' (" + where + "*) must be lower-case letters, digits and dashes");
        }
        String jobName = keys.getOrDefault("job", name);
        JobDefinition<?> job = catalog.find(jobName).orElseThrow(() -> new IllegalStateException(
                where + "job names no job: '" + jobName + "' (jobs: " + String.join(", ", catalog.names()) + ")"));
        if (!org.quartz.CronExpression.isValidExpression(cron)) {
            throw new IllegalStateException(where + "cron is not a Quartz cron expression (seconds minutes hours day-of-month month"
                    + " day-of-week, e.g. 0 0 2 * * ?): '" + cron + "'");
        }
        Optional<ZoneId> zone = Optional.ofNullable(keys.get("time-zone")).filter(z -> !z.isEmpty()).map(z -> {
            try {
                return ZoneId.of(z);
            } catch (RuntimeException e) {
                throw new IllegalStateException(where + "time-zone is not a time zone id (e.g. Europe/Paris): '" + z + "'");
            }
        });
        Map<String, String> fields = new LinkedHashMap<>();
        keys.forEach((key, value) -> {
            if (!List.of("job", "cron", "time-zone").contains(key)) {
                RequestField field = job.schema().fields().stream().filter(f -> f.kebabName().equals(key)).findFirst()
                        .orElseThrow(() -> new IllegalStateException(where + key + " is not a field of job " + jobName + " (fields: "
                                + String.join(", ", kebabNames(job)) + ")"));
                fields.put(field.name(), value);
            }
        });
        try {
            job.schema().fromText(fields);
        } catch (InvalidRequestException e) {
            throw new IllegalStateException("Schedule " + name + ": " + e.getMessage()
                    + (e.field().isEmpty() ? "" : " (set " + where + kebab(job, e.field()) + ")"));
        }
        return new Schedule(name, jobName, cron, zone, fields);
    }

    private static List<String> kebabNames(JobDefinition<?> job) {
        List<String> names = new ArrayList<>();
        job.schema().fields().forEach(f -> names.add(f.kebabName()));
        return names;
    }

    private static String kebab(JobDefinition<?> job, String field) {
        return job.schema().field(field).map(RequestField::kebabName).orElse(field);
    }

    public List<Schedule> all() {
        return List.copyOf(schedules.values());
    }

    public Schedule find(String name) {
        Schedule schedule = schedules.get(name);
        if (schedule == null) {
            throw new IllegalStateException("No schedule named '" + name + "'");
        }
        return schedule;
    }
}
