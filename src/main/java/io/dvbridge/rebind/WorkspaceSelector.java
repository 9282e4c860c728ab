package io.dvbridge.rebind;

import io.dvbridge.rebind.WorkspaceSelectionException.Kind;
import io.dvbridge.rebind.WorkspaceSelectionException.Problem;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses the target Power BI workspace of each selected feature from the
 * {@code msdyn_dataanalyticsworkspaces} rows of the target environment.
 *
 * <p>Rules, per feature:
 * <ol>
 *   <li>Candidates are the feature's rows that are not {@link WorkspaceType#MANAGED Managed} and carry a
 *       workspace id; rows naming the same workspace id count once.</li>
 *   <li>If the user named workspace ids ({@code --workspace}, may be repeated for {@code --feature all}),
 *       the candidate among them is chosen ({@link WorkspaceChoice.Basis#EXPLICIT}).</li>
 *   <li>Otherwise exactly one candidate is chosen ({@link WorkspaceChoice.Basis#ONLY_CANDIDATE}); none or
 *       several is an error listing the candidates. We never pick "the first" as the seed script did.</li>
 * </ol>
 * A named id must be a candidate of a selected feature: it has to be configured in Dataverse, because the
 * workspace row is what the Customer Service app embeds reports from, and rebinding rows to a workspace
 * the app does not know would break them; a managed workspace is refused for the reason above. A named id
 * that no selected feature uses is an error too (it is most likely a typo).
 */
public final class WorkspaceSelector {

    /**
     * @param rows                 all workspace rows of the target environment (other features are ignored)
     * @param selection            the features to rebind
     * @param explicitWorkspaceIds workspace ids the user named; empty when none
     * @throws WorkspaceSelectionException listing every problem found, with candidates
     */
    public TargetWorkspaces select(List<AnalyticsWorkspaceRow> rows, FeatureSelection selection,
                                   List<String> explicitWorkspaceIds) {
        List<AnalyticsWorkspaceRow> allRows = Ids.list(rows);
        // key (lower case) -> id as the user wrote it, for messages
        var explicit = new LinkedHashMap<String, String>();
        Ids.list(explicitWorkspaceIds).stream().map(Ids::clean).filter(id -> id != null)
                .forEach(id -> explicit.putIfAbsent(Ids.key(id), id));
        Set<String> usedExplicit = new HashSet<>();
        List<WorkspaceChoice> choices = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();

        for (Feature feature : selection.features()) {
            List<AnalyticsWorkspaceRow> candidates = candidates(allRows, feature);
            List<AnalyticsWorkspaceRow> named = candidates.stream()
                    .filter(c -> explicit.containsKey(Ids.key(c.workspaceId()))).toList();
            named.forEach(c -> usedExplicit.add(Ids.key(c.workspaceId())));
            if (named.size() == 1) {
                choices.add(choice(feature, named.get(0), WorkspaceChoice.Basis.EXPLICIT));
            } else if (named.size() > 1) {
                problems.add(new Problem(Kind.SEVERAL_EXPLICIT, feature, null, named, "Feature " + feature
                        + ": " + named.size() + " of the named workspaces belong to it; name only one of these with --workspace:"));
            } else if (candidates.size() == 1) {
                choices.add(choice(feature, candidates.get(0), WorkspaceChoice.Basis.ONLY_CANDIDATE));
            } else if (candidates.isEmpty()) {
                problems.add(new Problem(Kind.NO_CANDIDATE, feature, null, List.of(), "Feature " + feature
                        + " (" + feature.featureId() + ") has no customer-owned workspace in "
                        + AnalyticsColumns.WORKSPACE_ENTITY_SET + managedNote(allRows, feature)
                        + "; configure its analytics workspace in the Customer Service admin center, or select"
                        + " another feature with --feature."));
            } else {
                problems.add(new Problem(Kind.SEVERAL_CANDIDATES, feature, null, candidates, "Feature " + feature
                        + " has " + candidates.size() + " customer-owned workspaces; choose one with --workspace <workspace id>:"));
            }
        }

        explicit.forEach((key, id) -> {
            if (!usedExplicit.contains(key)) {
                problems.add(unusedExplicit(id, allRows, selection));
            }
        });
        if (!problems.isEmpty()) {
            throw new WorkspaceSelectionException(problems);
        }
        return new TargetWorkspaces(choices);
    }

    private static List<AnalyticsWorkspaceRow> candidates(List<AnalyticsWorkspaceRow> rows, Feature feature) {
        // several rows may name the same workspace (re-imported configuration): that is not a choice
        var byWorkspace = new LinkedHashMap<String, AnalyticsWorkspaceRow>();
        rows.stream().filter(r -> r.feature().filter(f -> f == feature).isPresent())
                .filter(r -> !r.managed() && r.workspaceId() != null)
                .forEach(r -> byWorkspace.putIfAbsent(Ids.key(r.workspaceId()), r));
        return List.copyOf(byWorkspace.values());
    }

    private static WorkspaceChoice choice(Feature feature, AnalyticsWorkspaceRow row, WorkspaceChoice.Basis basis) {
        return new WorkspaceChoice(feature, row.workspaceId(), row.name(), row.id(), basis);
    }

    private static String managedNote(List<AnalyticsWorkspaceRow> rows, Feature feature) {
        List<String> managed = rows.stream().filter(r -> r.feature().filter(f -> f == feature).isPresent())
                .filter(AnalyticsWorkspaceRow::managed).map(AnalyticsWorkspaceRow::describe).toList();
        return managed.isEmpty() ? "" : " (managed workspaces are never a target: " + String.join(", ", managed) + ")";
    }

    private static Problem unusedExplicit(String id, List<AnalyticsWorkspaceRow> rows, FeatureSelection selection) {
        List<AnalyticsWorkspaceRow> same = rows.stream().filter(r -> Ids.same(r.workspaceId(), id)).toList();
        String why;
        if (same.isEmpty()) {
            why = "is not configured in " + AnalyticsColumns.WORKSPACE_ENTITY_SET + " of this environment";
        } else if (same.stream().allMatch(AnalyticsWorkspaceRow::managed)) {
            why = "is a Managed workspace, which never holds custom reports";
        } else {
            why = "belongs to feature(s) " + same.stream().map(r -> r.feature().map(Enum::name).orElse("unknown"))
                    .distinct().collect(Collectors.joining(", ")) + ", not to the selected " + selection.features();
        }
        List<AnalyticsWorkspaceRow> candidates = new ArrayList<>();
        selection.features().forEach(f -> candidates.addAll(candidates(rows, f)));
        return new Problem(Kind.EXPLICIT_NOT_A_CANDIDATE, null, id, candidates, "Workspace " + id + " given with --workspace "
                + why + (candidates.isEmpty() ? "." : "; customer-owned workspaces of the selected feature(s):"));
    }
}
