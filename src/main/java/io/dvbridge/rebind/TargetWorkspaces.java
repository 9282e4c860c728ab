package io.dvbridge.rebind;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;

/**
 * The chosen target workspace of each selected feature. With {@link FeatureSelection#ALL} the two
 * features may have different workspaces (or share one).
 */
public record TargetWorkspaces(List<WorkspaceChoice> choices) {

    public TargetWorkspaces {
        choices = Ids.list(choices);
        if (new HashSet<>(choices.stream().map(WorkspaceChoice::feature).toList()).size() != choices.size()) {
            throw new IllegalArgumentException("at most one workspace per feature: " + choices);
        }
    }

    public Optional<WorkspaceChoice> forFeature(Feature feature) {
        return choices.stream().filter(c -> c.feature() == feature).findFirst();
    }

    public List<Feature> features() {
        return choices.stream().map(WorkspaceChoice::feature).toList();
    }

    /** Distinct workspace ids (case-insensitive), in choice order: the workspaces whose reports must be listed. */
    public List<String> workspaceIds() {
        var seen = new HashSet<String>();
        return choices.stream().map(WorkspaceChoice::workspaceId).filter(id -> seen.add(Ids.key(id))).toList();
    }
}
