package io.dvbridge.jobs;

import io.dvbridge.check.Access;
import io.dvbridge.check.CheckResult;
import io.dvbridge.check.Depth;
import io.dvbridge.check.GrantedPrivilege;
import io.dvbridge.check.PrivilegeCheck;
import io.dvbridge.check.Requirement;
import io.dvbridge.cmt.CmtEntity;
import io.dvbridge.cmt.CmtField;
import io.dvbridge.cmt.CmtSchemaReader;
import io.dvbridge.powerbi.PowerBiReport;
import io.dvbridge.rebind.AnalyticsColumns;
import io.dvbridge.rebind.WorkspaceType;
import io.dvbridge.runs.RunStore;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangeProperty;
import org.apache.camel.Header;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The steps of routes/check.camel.yaml that are not protocol work: what each answer means for the jobs.
 * Bound in the registry as {@code checkSteps}.
 */
public final class CheckSteps {

    private static final String REPORT_TABLE = "msdyn_dataanalyticsreport";
    private static final String WORKSPACE_TABLE = "msdyn_dataanalyticsworkspace";

    private final RunStore runs;
    private final Clock clock;

    public CheckSteps(RunStore runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** The state of one check run, kept in the exchange property {@code check}. */
    public static final class CheckRun {
        private final CheckRequest request;
        private final String runId;
        private final java.time.Instant startedAt;
        private final List<CheckResult> results = new ArrayList<>();
        private final List<String> workspaceIds = new ArrayList<>();
        private boolean dataverseReachable;

        CheckRun(CheckRequest request, String runId, java.time.Instant startedAt) {
            this.request = request;
            this.runId = runId;
            this.startedAt = startedAt;
        }

        public String getEnvironment() {
            return request.environment();
        }

        public boolean isDataverseReachable() {
            return dataverseReachable;
        }

        public List<String> getWorkspaceIds() {
            return workspaceIds;
        }
    }

    public CheckRun begin(CheckRequest request, Exchange exchange) {
        return new CheckRun(request, RunIds.take(exchange, runs, "check"), clock.instant());
    }

    public void identity(Map<String, Object> whoAmI, @ExchangeProperty("check") CheckRun run) {
        run.dataverseReachable = true;
        run.results.add(CheckResult.ok("dataverse token and identity", "application user " + whoAmI.get("UserId")
                + " in business unit " + whoAmI.get("BusinessUnitId") + " of organization " + whoAmI.get("OrganizationId")));
    }

    public void privileges(List<Map<String, Object>> granted, @ExchangeProperty("check") CheckRun run) {
        List<GrantedPrivilege> privileges = granted.stream()
                .map(p -> new GrantedPrivilege(String.valueOf(p.get("PrivilegeName")), Depth.parse(String.valueOf(p.get("Depth"))))).toList();
        run.results.addAll(new PrivilegeCheck().evaluate(requirements(run.request), privileges));
    }

    /** The customer-owned workspaces recorded for the analytics features: the ones rebind writes towards. */
    public void workspaces(List<Map<String, Object>> rows, @ExchangeProperty("check") CheckRun run) {
        for (Map<String, Object> row : rows) {
            if (row.get(AnalyticsColumns.WORKSPACE_TYPE) instanceof Number type && type.intValue() == WorkspaceType.CUSTOMER_OWNED.optionValue()
                    && row.get(AnalyticsColumns.WORKSPACE_ID) instanceof String id && !run.workspaceIds.contains(id)) {
                run.workspaceIds.add(id);
            }
        }
        run.results.add(run.workspaceIds.isEmpty()
                ? CheckResult.warning("analytics workspaces", "no customer-owned Power BI workspace is recorded; rebind has nothing to target")
                : CheckResult.ok("analytics workspaces", run.workspaceIds.size() + " customer-owned workspace(s) recorded"));
    }

    public void workspaceReadable(List<PowerBiReport> reports, @Header(io.dvbridge.powerbi.PowerBiConstants.WORKSPACE_ID) String workspaceId,
                                  @ExchangeProperty("check") CheckRun run) {
        run.results.add(CheckResult.ok("power bi workspace " + workspaceId, reports.size() + " report(s) readable"));
    }

    /** A step that could not run: the check names it and says why; the other checks go on. */
    public void failed(@ExchangeProperty(Exchange.EXCEPTION_CAUGHT) Exception failure, @Header("dvbridgeCheck") String check,
                       @ExchangeProperty("check") CheckRun run) {
        run.results.add(CheckResult.failed(check, FailureMessages.of(failure)));
    }

    public CheckReport finish(@ExchangeProperty("check") CheckRun run) {
        // The launcher keeps it as the run's report.json: check only ever runs as a job of its own.
        return new CheckReport(run.runId, run.request.environment(), run.results, run.startedAt, clock.instant());
    }

    /** What the jobs need: rebind's tables always; with a schema, reading its tables (export) and writing them (import). */
    private static List<Requirement> requirements(CheckRequest request) {
        List<Requirement> needed = new ArrayList<>(List.of(
                new Requirement(WORKSPACE_TABLE, Access.READ, "find the target Power BI workspace (rebind)"),
                new Requirement(REPORT_TABLE, Access.READ, "read the report rows (rebind)"),
                new Requirement(REPORT_TABLE, Access.WRITE, "rebind the report rows (rebind)")));
        request.schema().ifPresent(file -> {
            Set<String> lookupTargets = new LinkedHashSet<>();
            for (CmtEntity entity : readSchema(file).entities()) {
                needed.add(new Requirement(entity.name(), Access.READ, "export and match " + entity.name() + " (migrate)"));
                needed.add(new Requirement(entity.name(), Access.CREATE, "import new " + entity.name() + " records (migrate)"));
                needed.add(new Requirement(entity.name(), Access.WRITE, "update " + entity.name() + " records (migrate)"));
                boolean hasLookups = false;
                for (CmtField field : entity.fields()) {
                    if (field.lookupType().isPresent()) {
                        hasLookups = true;
                        for (String target : field.lookupType().get().split("\\|")) {
                            lookupTargets.add(target.strip());
                        }
                    }
                }
                if (hasLookups) {
                    needed.add(new Requirement(entity.name(), Access.APPEND, "set the lookups of " + entity.name() + " (migrate)"));
                }
            }
            lookupTargets.stream().filter(t -> !t.isEmpty()).forEach(target ->
                    needed.add(new Requirement(target, Access.APPEND_TO, "point lookups at " + target + " records (migrate)")));
        });
        return needed;
    }

    private static io.dvbridge.cmt.CmtSchema readSchema(java.nio.file.Path file) {
        try {
            return new CmtSchemaReader().read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the schema " + file.getFileName() + ": " + e.getMessage(), e);
        }
    }
}
