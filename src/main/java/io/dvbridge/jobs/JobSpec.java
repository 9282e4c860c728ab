package io.dvbridge.jobs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares a job on its request type: the request record is the one place a job's inputs are declared
 * ({@link Param} on each component), and the CLI command, the REST/queue JSON, the schedule keys, the
 * {@code GET /api/jobs} schema and the docs are all derived from it. The job's route is {@code direct:job-<name>}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface JobSpec {

    /** The job's name in REST paths, queue headers, schedule keys and run ids: lower case and dashes. */
    String name();

    /** One line for people, e.g. in {@code dvbridge --help} and {@code GET /api/jobs}. */
    String title();

    /** Longer help text, one element per line. */
    String[] description() default {};

    /** The command words on the CLI, e.g. {@code {"data", "export"}}; empty means the job's name. */
    String[] command() default {};

    /** What each exit code means for this job, as picocli's {@code code:text}. */
    String[] exitCodes() default {};
}
