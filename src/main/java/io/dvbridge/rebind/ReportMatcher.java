package io.dvbridge.rebind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Finds the report of one target workspace that an analytics report row should point at.
 *
 * <p>Levels, strongest first; the first level with any candidate decides, and two or more candidates
 * there make the row {@link ReportMatch.Ambiguous} (a weaker level is not consulted to break the tie):
 * <ol>
 *   <li>{@link MatchKind#REPORT_ID}: the row's report id is a report of this workspace.</li>
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

    /**
     * @param workspaceId       the target workspace (for messages)
     * @param reports           the reports listed in that workspace
     * @param pipelineArtifacts report artifacts of the target pipeline stage; empty when no pipeline is used
     */
    public ReportMatcher(String workspaceId, List<PowerBiReport> reports, List<PipelineArtifact> pipelineArtifacts) {
        this.workspaceId = Ids.required(workspaceId, "workspace id");
        Ids.list(reports).forEach(r -> reportsById.putIfAbsent(Ids.key(r.id()), r));
        this.artifactsBySource = Ids.list(pipelineArtifacts).stream().filter(a -> a.sourceArtifactId() != null)
                .collect(Collectors.groupingBy(a -> Ids.key(a.sourceArtifactId()), LinkedHashMap::new, Collectors.toList()));
    }

    public ReportMatch match(AnalyticsReportRow row) {
        String rowReportKey = Ids.key(row.reportId());
        if (rowReportKey != null && reportsById.containsKey(rowReportKey)) {
            return new ReportMatch.Matched(reportsById.get(rowReportKey), MatchKind.REPORT_ID);
        }
        if (rowReportKey != null && artifactsBySource.containsKey(rowReportKey)) {
            return byPipeline(row, artifactsBySource.get(rowReportKey));
        }
        return byName(row);
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
