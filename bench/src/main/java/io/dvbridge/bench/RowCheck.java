package io.dvbridge.bench;

import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.powerbi.Report;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the sandbox's own rows after a run (not through either client) and checks that every report row
 * points at the target workspace and at the target report of its name: the outcome both implementations claim.
 */
record RowCheck(int expectedRows, int rows, int rebound, List<String> examples) {

    static RowCheck of(Sandbox sandbox, BenchFixture fixture) {
        Map<String, String> reportIdByName = new HashMap<>();
        for (Report report : sandbox.powerBi().reports(fixture.targetWorkspaceId())) {
            reportIdByName.put(report.name(), report.id());
        }
        List<StoredRow> stored = sandbox.environment(fixture.environment()).data().table(BenchFixture.REPORT_TABLE)
                .orElseThrow(() -> new IllegalStateException("the sandbox has no table " + BenchFixture.REPORT_TABLE))
                .rows();
        int rebound = 0;
        List<String> wrong = new ArrayList<>();
        for (StoredRow row : stored) {
            Object workspace = row.get("msdyn_workspaceid");
            Object report = row.get("msdyn_reportid");
            String expected = reportIdByName.get(String.valueOf(row.get("msdyn_name")));
            if (fixture.targetWorkspaceId().equals(workspace) && expected != null && expected.equals(report)) {
                rebound++;
            } else if (wrong.size() < 3) {
                wrong.add(row.get("msdyn_name") + " -> workspace " + workspace + ", report " + report);
            }
        }
        return new RowCheck(fixture.rows(), stored.size(), rebound, List.copyOf(wrong));
    }

    Optional<String> problem() {
        if (rows != expectedRows) {
            return Optional.of("the sandbox holds " + rows + " report rows, the fixture made " + expectedRows);
        }
        return rebound == rows ? Optional.empty()
                : Optional.of(rebound + " of " + rows + " rows point at their target report; e.g. " + examples);
    }
}
