package io.dvbridge.rebind;

import java.util.Collection;

/**
 * Process exit codes of a rebind (or undo) run, for CI/CD pipelines:
 * <ul>
 *   <li>{@value #SUCCESS}: every row is done (updated, unchanged, or planned in a dry run); nothing needs attention.</li>
 *   <li>{@value #FAILED}: a write failed or was rolled back, or the run could not start or finish (fatal
 *       error, e.g. no target workspace could be chosen, authentication failed). Takes precedence over 2.</li>
 *   <li>{@value #NEEDS_ATTENTION}: the run finished but some rows need a person: MISMATCHED, AMBIGUOUS,
 *       UNMATCHED or CONFLICT.</li>
 * </ul>
 */
public final class ExitCodes {

    public static final int SUCCESS = 0;
    public static final int FAILED = 1;
    public static final int NEEDS_ATTENTION = 2;

    private ExitCodes() {
    }

    /** The exit code of a finished run whose rows ended with these outcomes. */
    public static int forOutcomes(Collection<RebindOutcome> outcomes) {
        if (outcomes.stream().anyMatch(RebindOutcome::failure)) {
            return FAILED;
        }
        if (outcomes.stream().anyMatch(RebindOutcome::needsAttention)) {
            return NEEDS_ATTENTION;
        }
        return SUCCESS;
    }

    /** One line for people: what the code means. */
    public static String describe(int exitCode) {
        return switch (exitCode) {
            case SUCCESS -> "success";
            case FAILED -> "failed: some writes did not happen";
            case NEEDS_ATTENTION -> "finished, but some rows need attention";
            default -> "unknown exit code " + exitCode;
        };
    }
}
