package io.dvbridge.sandbox.powerbi;

import java.util.List;
import java.util.Optional;

/** A deployment pipeline: stages ordered 0 (Development), 1 (Test), 2 (Production)... */
public record Pipeline(String id, String displayName, Optional<String> description, List<Stage> stages) {

    public Pipeline {
        stages = List.copyOf(stages);
    }

    /** A pipeline stage and the workspace assigned to it, if any. */
    public record Stage(int order, Optional<String> workspaceId) {
    }

    public Optional<Stage> stage(int order) {
        return stages.stream().filter(s -> s.order() == order).findFirst();
    }
}
