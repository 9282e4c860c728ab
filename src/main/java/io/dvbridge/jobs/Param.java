package io.dvbridge.jobs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * One input of a job, declared on a component of its request record (as a Kamelet declares a property):
 * everything a trigger needs to read, check and document it. Types come from the component's Java type:
 * String, boolean, int, long, an enum, {@code List<String>}, {@code Path}, or {@code Optional} of one of
 * those for an optional value without a default.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD})
public @interface Param {

    /** What the value means, one sentence (CLI help, JSON schema, docs). */
    String description();

    boolean required() default false;

    /** The value when the caller gives none, as text (e.g. {@code "4"}, {@code "all"}); empty = none. */
    String defaultValue() default "";

    /** CLI option names; empty means {@code --<kebab-case name>}. */
    String[] cli() default {};

    /** The value's placeholder in CLI help, e.g. {@code NAME}. */
    String label() default "";

    /** Smallest and largest allowed number (integers only). */
    long min() default Long.MIN_VALUE;

    long max() default Long.MAX_VALUE;

    /** A regular expression the whole text value must match (strings and list items). */
    String pattern() default "";

    /** Said when {@link #pattern()} does not match, e.g. "a GUID". */
    String patternName() default "";

    /** What the value refers to, which decides how triggers check it and which runs may not overlap. */
    ParamKind kind() default ParamKind.VALUE;
}
