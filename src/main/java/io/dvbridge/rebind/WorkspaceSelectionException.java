package io.dvbridge.rebind;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The target workspace could not be decided. The message lists, per problem, the configured candidates
 * (name, Power BI workspace id, type) and how to choose ({@code --workspace <id>}); {@link #problems()}
 * carries the same for programs.
 */
public final class WorkspaceSelectionException extends RuntimeException {

    /** What went wrong for one feature or one explicitly given id. */
    public enum Kind {
        /** No customer-owned workspace is configured for the feature. */
        NO_CANDIDATE,
        /** Several customer-owned workspaces are configured and none was named. */
        SEVERAL_CANDIDATES,
        /** Several of the named workspaces belong to the same feature. */
        SEVERAL_EXPLICIT,
        /** A named workspace is not a customer-owned workspace of any selected feature. */
        EXPLICIT_NOT_A_CANDIDATE
    }

    /**
     * @param feature     the feature concerned; null for {@link Kind#EXPLICIT_NOT_A_CANDIDATE}
     * @param explicitId  the named id for {@link Kind#EXPLICIT_NOT_A_CANDIDATE}, else null
     * @param candidates  the customer-owned workspaces a user could choose from
     * @param explanation one sentence saying what is wrong and what to do
     */
    public record Problem(Kind kind, Feature feature, String explicitId, List<AnalyticsWorkspaceRow> candidates,
                          String explanation) {
        public Problem {
            candidates = Ids.list(candidates);
        }
    }

    private final transient List<Problem> problems;

    public WorkspaceSelectionException(List<Problem> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<Problem> problems() {
        return problems;
    }

    private static String render(List<Problem> problems) {
        return "Cannot choose the target Power BI workspace:\n" + problems.stream().map(p -> {
            String head = "- " + p.explanation();
            if (p.candidates().isEmpty()) {
                return head;
            }
            return head + "\n" + p.candidates().stream().map(c -> "    " + c.describe()
                    + (c.feature().map(f -> " [" + f + "]").orElse(""))).collect(Collectors.joining("\n"));
        }).collect(Collectors.joining("\n"));
    }
}
