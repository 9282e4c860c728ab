package io.dvbridge.rebind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Plans the writes of a rebind run.
 *
 * <p>Every row of a selected feature is matched against the reports of its feature's target workspace
 * (see {@link ReportMatcher}), not only rows whose workspace id differs: a row may already point at the
 * target workspace with a report id that no longer exists there (report deleted and re-published), and a
 * row whose report id is in the target workspace may still carry a stale workspace or dataset id. The
 * wanted ids are then {@code (target workspace, matched report, matched report's dataset)}; a row that
 * already holds them (compared case-insensitively) is unchanged, so planning again after a successful run
 * yields no writes. For a paginated report, which has no dataset, the wanted dataset id is null: keeping
 * the old dataset id would leave the row pointing at a dataset of the source environment.
 */
public final class RebindPlanner {

    private final boolean rebindMismatched;

    /** A planner that reports mismatched rows (see {@link ReportMatcher}) as needing attention. */
    public RebindPlanner() {
        this(false);
    }

    /** @param rebindMismatched rebind mismatched rows by the name rule instead of reporting them */
    public RebindPlanner(boolean rebindMismatched) {
        this.rebindMismatched = rebindMismatched;
    }

    /**
     * @param targets           chosen workspace per feature ({@link WorkspaceSelector})
     * @param rows              analytics report rows of the target environment
     * @param reportListings    the reports of every workspace in {@code targets.workspaceIds()}
     * @param pipelineArtifacts report artifacts of the target pipeline stage; empty when no pipeline is used
     * @throws IllegalArgumentException when a target workspace has no listing or row ids repeat (caller bug)
     */
    public RebindPlan plan(TargetWorkspaces targets, List<AnalyticsReportRow> rows,
                           List<WorkspaceReports> reportListings, List<PipelineArtifact> pipelineArtifacts) {
        Map<String, ReportMatcher> matchers = matchers(targets, Ids.list(reportListings), Ids.list(pipelineArtifacts));
        List<PlannedChange> changes = new ArrayList<>();
        List<RebindPlan.Unchanged> unchanged = new ArrayList<>();
        List<RebindPlan.Mismatched> mismatched = new ArrayList<>();
        List<RebindPlan.Ambiguous> ambiguous = new ArrayList<>();
        List<RebindPlan.Unmatched> unmatched = new ArrayList<>();
        List<RebindPlan.Ignored> ignored = new ArrayList<>();
        var seen = new HashSet<String>();

        for (AnalyticsReportRow row : Ids.list(rows)) {
            if (!seen.add(Ids.key(row.id()))) {
                throw new IllegalArgumentException("row " + row.id() + " was given twice");
            }
            Optional<Feature> feature = row.feature();
            Optional<WorkspaceChoice> target = feature.flatMap(targets::forFeature);
            if (target.isEmpty()) {
                ignored.add(new RebindPlan.Ignored(row.id(), row.label(), row.featureId(), feature
                        .map(f -> "feature " + f + " is not selected").orElse("unknown feature id " + row.featureId())));
                continue;
            }
            String workspaceId = target.get().workspaceId();
            ReportMatch match = matchers.get(Ids.key(workspaceId)).match(row);
            if (match instanceof ReportMatch.Matched matched) {
                ReportBinding after = new ReportBinding(workspaceId, matched.report().id(), matched.report().datasetId());
                if (row.binding().sameAs(after)) {
                    unchanged.add(new RebindPlan.Unchanged(row.id(), row.label(), feature.get(), row.binding(), matched.kind()));
                } else {
                    changes.add(new PlannedChange(row.id(), row.label(), feature.get(), row.binding(), after, row.etag(),
                            matched.kind()));
                }
            } else if (match instanceof ReportMatch.Mismatched wrong) {
                mismatched.add(new RebindPlan.Mismatched(row.id(), row.label(), feature.get(), row.binding(),
                        ReportCandidate.of(wrong.boundReport()), wrong.reason()));
            } else if (match instanceof ReportMatch.Ambiguous amb) {
                ambiguous.add(new RebindPlan.Ambiguous(row.id(), row.label(), feature.get(), row.binding(),
                        amb.candidates(), amb.reason()));
            } else if (match instanceof ReportMatch.Unmatched none) {
                unmatched.add(new RebindPlan.Unmatched(row.id(), row.label(), feature.get(), row.binding(), none.reason()));
            }
        }
        return new RebindPlan(changes, unchanged, mismatched, ambiguous, unmatched, ignored);
    }

    private Map<String, ReportMatcher> matchers(TargetWorkspaces targets, List<WorkspaceReports> listings,
                                                       List<PipelineArtifact> artifacts) {
        Map<String, ReportMatcher> matchers = new HashMap<>();
        for (String workspaceId : targets.workspaceIds()) {
            WorkspaceReports listing = listings.stream().filter(l -> Ids.same(l.workspaceId(), workspaceId)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no Power BI report listing given for target workspace "
                            + workspaceId));
            matchers.put(Ids.key(workspaceId), new ReportMatcher(workspaceId, listing.reports(), artifacts, rebindMismatched));
        }
        return matchers;
    }
}
