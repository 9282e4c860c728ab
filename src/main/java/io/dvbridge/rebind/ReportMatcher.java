package io.dvbridge.rebind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds the report of one target workspace that an analytics report row should point at.
 *
 * <p>Levels, strongest first; the first level with any candidate decides, and two or more candidates
 * there make the row {@link ReportMatch.Ambiguous} (a weaker level is not consulted to break the tie):
 * <ol>
 *   <li>{@link MatchKind#REPORT_ID}: the row's report id is a report of this workspace and that report carries
 *       the row's name (exactly or after {@link ReportNames#normalise}), or the row has no name, or the
 *       pipeline's artifact map lists the report as deployed (a report renamed on deployment keeps its row).
 *       Otherwise the row is {@link ReportMatch.Mismatched}: it may point at the wrong report, and only a
 *       matcher built to rebind mismatched rows goes on to the name levels below for it (never the pipeline
 *       level: the row's report id is no source report).</li>
 *   <li>{@link MatchKind#PIPELINE}: a pipeline artifact's {@code sourceArtifactId} is the row's report id.
 *       The pipeline is authoritative: when it names a report that is not in this workspace the row is
 *       {@link ReportMatch.Unmatched} (wrong stage or workspace) rather than matched by name.</li>
 *   <li>{@link MatchKind#EXACT_NAME}: report name {@code equals} the row's {@code msdyn_name}.</li>
 *   <li>{@link MatchKind#NORMALISED_NAME}: equal after {@link ReportNames#normalise}.</li>
 * </ol>
 * Paginated reports take part like any other report.
 */
public final class ReportMatcher {

    private final String workspaceId;
    private final Map<String, PowerBiReport> reportsById = new LinkedHashMap<>();
    private final Map<String, List<PipelineArtifact>> artifactsBySource;
    private final Set<String> deployedArtifacts;
    private final boolean rebindMismatched;

    /**
     * @param workspaceId       the target workspace (for messages)
     * @param reports           the reports listed in that workspace
     * @param pipelineArtifacts report artifacts of the target pipeline stage; empty when no pipeline is used
     * @param rebindMismatched  match a mismatched row by name instead of reporting it
     */
    public ReportMatcher(String workspaceId, List<PowerBiReport> reports, List<PipelineArtifact> pipelineArtifacts,
                         boolean rebindMismatched) {
        this.workspaceId = Ids.required(workspaceId, "workspace id");
        Ids.list(reports).forEach(r -> reportsById.putIfAbsent(Ids.key(r.id()), r));
        this.artifactsBySource = Ids.list(pipelineArtifacts).stream().filter(a -> a.sourceArtifactId() != null)
                .collect(Collectors.groupingBy(a -> Ids.key(a.sourceArtifactId()), LinkedHashMap::new, Collectors.toList()));
        this.deployedArtifacts = Ids.list(pipelineArtifacts).stream().filter(a -> a.sourceArtifactId() != null)
                .map(a -> Ids.key(a.artifactId())).collect(Collectors.toSet());
        this.rebindMismatched = rebindMismatched;
    }

    public ReportMatch match(AnalyticsReportRow row) {
        String rowReportKey = Ids.key(row.reportId());
        if (rowReportKey != null && reportsById.containsKey(rowReportKey)) {
            return byReportId(row, reportsById.get(rowReportKey));
        }
        if (rowReportKey != null && artifactsBySource.containsKey(rowReportKey)) {
            return byPipeline(row, artifactsBySource.get(rowReportKey));
        }
        return byName(row);
    }

    private ReportMatch byReportId(AnalyticsReportRow row, PowerBiReport bound) {
        if (row.name() == null || sameName(row.name(), bound.name()) || deployedArtifacts.contains(Ids.key(bound.id()))) {
            return new ReportMatch.Matched(bound, MatchKind.REPORT_ID);
        }
        String mismatch = "the row points at report " + bound.id() + " '" + bound.name() + "' of target workspace " + workspaceId
                + ", whose name is not the row's '" + row.name() + "'";
        if (!rebindMismatched) {
            return new ReportMatch.Mismatched(bound, mismatch + "; check the row, or run again rebinding mismatched rows"
                    + " by name");
        }
        ReportMatch byName = byName(row);
        return byName instanceof ReportMatch.Unmatched none
                ? new ReportMatch.Unmatched(mismatch + ", and " + none.reason()) : byName;
    }

    private static boolean sameName(String rowName, String reportName) {
        return reportName != null && (rowName.equals(reportName)
                || ReportNames.normalise(rowName).equals(ReportNames.normalise(reportName)));
    }

    private ReportMatch byPipeline(AnalyticsReportRow row, List<PipelineArtifact> artifacts) {
        List<String> targets = artifacts.stream().map(a -> Ids.key(a.artifactId())).distinct().toList();
        if (targets.size() > 1) {
            List<ReportCandidate> candidates = targets.stream().map(id -> reportsById.containsKey(id)
                    ? ReportCandidate.of(reportsById.get(id)) : new ReportCandidate(id, null)).toList();
            return new ReportMatch.Ambiguous(candidates, "deployment pipeline maps source report " + row.reportId()
                    + " to " + targets.size() + " reports");
        }
        PowerBiReport report = reportsById.get(targets.get(0));
        if (report == null) {
            return new ReportMatch.Unmatched("deployment pipeline maps source report " + row.reportId() + " to "
                    + artifacts.get(0).artifactId() + ", which is not a report of target workspace " + workspaceId
                    + " (wrong pipeline stage or workspace?)");
        }
        return new ReportMatch.Matched(report, MatchKind.PIPELINE);
    }

    private ReportMatch byName(AnalyticsReportRow row) {
        if (row.name() == null) {
            return new ReportMatch.Unmatched("row has no " + AnalyticsColumns.NAME
                    + " and its report id is neither in target workspace " + workspaceId + " nor in the pipeline map");
        }
        List<PowerBiReport> exact = reportsById.values().stream()
                .filter(r -> Objects.equals(r.name(), row.name())).toList();
        if (!exact.isEmpty()) {
            return decide(exact, MatchKind.EXACT_NAME, "named exactly '" + row.name() + "'");
        }
        String wanted = ReportNames.normalise(row.name());
        List<PowerBiReport> normalised = reportsById.values().stream()
                .filter(r -> r.name() != null && ReportNames.normalise(r.name()).equals(wanted)).toList();
        if (!normalised.isEmpty()) {
            return decide(normalised, MatchKind.NORMALISED_NAME,
                    "whose name equals '" + row.name() + "' ignoring case, spacing and Unicode form");
        }
        return new ReportMatch.Unmatched("no report named '" + row.name() + "' (even ignoring case, spacing and"
                + " Unicode form) in target workspace " + workspaceId);
    }

    private static ReportMatch decide(List<PowerBiReport> found, MatchKind kind, String description) {
        if (found.size() == 1) {
            return new ReportMatch.Matched(found.get(0), kind);
        }
        return new ReportMatch.Ambiguous(found.stream().map(ReportCandidate::of).toList(),
                found.size() + " reports " + description);
    }
}
