package io.dvbridge.rebind;

import java.time.Instant;
import java.util.List;

/**
 * What the route knows about a run before its rows are done: the header of its {@link RebindReport}.
 *
 * @param features   the features covered (for an undo run: those of the journal's entries)
 * @param workspaces the chosen target workspaces; empty for an undo run
 */
public record RunInfo(String runId, String environment, RunKind kind, List<Feature> features,
                      List<WorkspaceChoice> workspaces, Instant startedAt, WriteMode mode) {

    public RunInfo {
        runId = Ids.required(runId, "run id");
        if (environment == null || environment.isBlank() || kind == null || startedAt == null || mode == null) {
            throw new IllegalArgumentException("environment, kind, startedAt and mode are required (run " + runId + ")");
        }
        features = Ids.list(features);
        workspaces = Ids.list(workspaces);
    }

    /** Header of a rebind run over the chosen targets. */
    public static RunInfo rebind(String runId, String environment, TargetWorkspaces targets, Instant startedAt,
                                 WriteMode mode) {
        return new RunInfo(runId, environment, RunKind.REBIND, targets.features(), targets.choices(), startedAt, mode);
    }

    /** Header of a run that undoes {@code journal}. */
    public static RunInfo undo(String runId, UndoJournal journal, Instant startedAt, WriteMode mode) {
        List<Feature> features = journal.entries().stream().map(UndoJournal.Entry::feature)
                .filter(java.util.Objects::nonNull).distinct().sorted().toList();
        return new RunInfo(runId, journal.environment(), RunKind.UNDO, features, List.of(), startedAt, mode);
    }
}
