package io.dvbridge.jobs;

import io.dvbridge.store.RunStatus;

/**
 * The process exit codes of every job, for CI/CD pipelines and the {@code exitCode} of every report and
 * answer. A pipeline can rely on: 0 success, 2 success with rows a person should look at, anything else
 * not done.
 */
public final class ExitCodes {

    /** Everything done. */
    public static final int SUCCESS = 0;
    /** Something failed or the run could not complete; takes precedence over {@link #NEEDS_ATTENTION}. */
    public static final int FAILED = 1;
    /** Finished, but some rows need a person (ambiguous, unmatched, changed meanwhile, a warning). */
    public static final int NEEDS_ATTENTION = 2;
    /** The request could not be understood: a bad option or field, an unknown environment or command (sysexits EX_USAGE). */
    public static final int USAGE = 64;
    /** Refused because another writing run holds the target; try again later (sysexits EX_TEMPFAIL). */
    public static final int BUSY = 75;

    private ExitCodes() {
    }

    public static int of(RunStatus status) {
        return switch (status) {
            case SUCCEEDED -> SUCCESS;
            case NEEDS_ATTENTION -> NEEDS_ATTENTION;
            case REFUSED -> BUSY;
            case QUEUED, RUNNING, FAILED, ABANDONED -> FAILED;
        };
    }

    /** One line for people: what the code means. */
    public static String describe(int exitCode) {
        return switch (exitCode) {
            case SUCCESS -> "success";
            case FAILED -> "failed or could not complete";
            case NEEDS_ATTENTION -> "finished, but some rows need attention";
            case USAGE -> "invalid request";
            case BUSY -> "refused: another writing run holds the target";
            default -> "unknown exit code " + exitCode;
        };
    }

    /** The exit code list every job's help shows, after its own lines. */
    static String[] common() {
        return new String[]{"64:invalid command line or request (unknown environment, bad value, an output that is an input)",
                "75:refused: another writing run holds the target environment; try again later"};
    }
}
