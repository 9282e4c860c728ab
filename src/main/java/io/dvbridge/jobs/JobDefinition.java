package io.dvbridge.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * One job as every trigger sees it: its name, its request schema, its route and how its route's answer
 * becomes a {@link JobReport}. Everything here is read from the request type's {@link JobSpec} and
 * {@link Param}s, so adding a job needs no code in the triggers.
 */
public final class JobDefinition<R extends Record> {

    /** A request field of this name, when true, makes the run a dry run: it writes nothing and holds no lease. */
    static final String DRY_RUN_FIELD = "dryRun";

    private final JobSpec spec;
    private final RequestSchema<R> schema;
    private final Function<Object, JobReport> reportOf;

    private JobDefinition(Class<R> requestType, Function<Object, JobReport> reportOf) {
        this.spec = Objects.requireNonNull(requestType.getAnnotation(JobSpec.class),
                () -> requestType.getSimpleName() + " has no @JobSpec");
        if (!spec.name().matches("[a-z][a-z0-9]*(-[a-z0-9]+)*")) {
            throw new IllegalStateException("Job name '" + spec.name() + "' must be lower case words joined by dashes");
        }
        this.schema = RequestSchema.of(requestType);
        this.reportOf = reportOf;
    }

    /** A job whose route answers a {@link JobReport}. */
    public static <R extends Record> JobDefinition<R> of(Class<R> requestType) {
        return new JobDefinition<>(requestType, answer -> (JobReport) answer);
    }

    /** A job whose route answers its own type of report, made a {@link JobReport} by {@code reportOf}. */
    public static <R extends Record> JobDefinition<R> of(Class<R> requestType, Function<Object, JobReport> reportOf) {
        return new JobDefinition<>(requestType, reportOf);
    }

    public String name() {
        return spec.name();
    }

    public String title() {
        return spec.title();
    }

    public List<String> description() {
        return List.of(spec.description());
    }

    /** The words of its CLI command. */
    public List<String> command() {
        return spec.command().length > 0 ? List.of(spec.command()) : List.of(spec.name());
    }

    /** Exit code lines for help: the job's own, then those every job shares. */
    public List<String> exitCodes() {
        List<String> lines = new ArrayList<>(Arrays.asList(spec.exitCodes()));
        lines.addAll(List.of(ExitCodes.common()));
        return lines;
    }

    /** The route that runs it. */
    public String route() {
        return "direct:job-" + spec.name();
    }

    public RequestSchema<R> schema() {
        return schema;
    }

    public R cast(Object request) {
        return schema.type().cast(request);
    }

    /** Every environment the request names, reads and writes, in field order. */
    public List<String> environments(Object request) {
        return environmentsOf(request, false);
    }

    /** The environments a real run writes to; none for a dry run. */
    public List<String> writeTargets(Object request) {
        return dryRun(request) ? List.of() : environmentsOf(request, true);
    }

    public boolean dryRun(Object request) {
        return schema.field(DRY_RUN_FIELD).map(f -> Boolean.TRUE.equals(schema.values(cast(request)).get(DRY_RUN_FIELD))).orElse(false);
    }

    /** The route's answer as a {@link JobReport}. */
    public JobReport report(Object answer) {
        return reportOf.apply(answer);
    }

    private List<String> environmentsOf(Object request, boolean writesOnly) {
        var values = schema.values(cast(request));
        List<String> names = new ArrayList<>();
        for (RequestField field : schema.fields()) {
            boolean wanted = writesOnly ? field.kind() == ParamKind.WRITES_ENVIRONMENT : field.kind().environment();
            if (wanted && values.get(field.name()) instanceof String name && !names.contains(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
