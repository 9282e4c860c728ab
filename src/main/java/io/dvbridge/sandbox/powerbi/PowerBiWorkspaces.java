package io.dvbridge.sandbox.powerbi;

import io.dvbridge.sandbox.fixture.FixtureException;
import io.dvbridge.sandbox.fixture.PowerBiSpec.DatasetSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.GenerateReportsSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.ReportSpec;
import io.dvbridge.sandbox.fixture.PowerBiSpec.WorkspaceSpec;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The workspaces of the sandbox tenant with their datasets and reports. Every method holds this
 * object's monitor, so readers always see a consistent tenant and a deployment can change several
 * workspaces at once through {@link #exclusively(Supplier)}. Records handed out are immutable.
 */
public final class PowerBiWorkspaces {

    static final String DEFAULT_CONFIGURED_BY = "admin@sandbox.dvbridge.test";

    private final Map<String, Workspace> workspaces = new LinkedHashMap<>();
    private final Map<String, Map<String, Dataset>> datasets = new LinkedHashMap<>();
    private final Map<String, Map<String, Report>> reports = new LinkedHashMap<>();

    /** @param loadedAt creation time of fixture datasets and deployment time of fixture pipeline links */
    PowerBiWorkspaces(List<WorkspaceSpec> specs, Instant loadedAt) {
        for (WorkspaceSpec spec : specs) {
            String id = PowerBiIds.parse(spec.id()).orElseThrow(() ->
                    new FixtureException("Power BI workspace '" + spec.name() + "' needs a GUID id, was '" + spec.id() + "'"));
            if (workspaces.containsKey(id)) {
                throw new FixtureException("Power BI workspace " + id + " is declared twice");
            }
            workspaces.put(id, new Workspace(id, spec.name() == null ? id : spec.name(), spec.members(),
                    Optional.ofNullable(spec.capacityId()).filter(c -> !c.isBlank())));
            datasets.put(id, new LinkedHashMap<>());
            reports.put(id, new LinkedHashMap<>());
        }
        // Datasets of every workspace first: a report may be bound to a dataset of another workspace.
        for (WorkspaceSpec spec : specs) {
            String ws = spec.id().toLowerCase();
            int index = 0;
            for (DatasetSpec d : spec.datasets()) {
                index++;
                String id = d.id() == null ? PowerBiIds.derived(ws, "dataset", Integer.toString(index)) : requireGuid(d.id(), "dataset");
                putDataset(new Dataset(id, ws, nameOr(d.name(), id), configuredBy(d.configuredBy()),
                        d.isRefreshable() == null || d.isRefreshable(), loadedAt,
                        Optional.ofNullable(d.sourceDatasetId()).map(s -> requireGuid(s, "sourceDatasetId")),
                        Optional.ofNullable(d.sourceDatasetId()).map(s -> loadedAt)));
            }
            generatedDatasets(ws, spec.generateReports(), loadedAt);
        }
        for (WorkspaceSpec spec : specs) {
            String ws = spec.id().toLowerCase();
            int index = 0;
            for (ReportSpec r : spec.reports()) {
                index++;
                String id = r.id() == null ? PowerBiIds.derived(ws, "report", Integer.toString(index)) : requireGuid(r.id(), "report");
                putReport(fromSpec(ws, id, r, loadedAt));
            }
            generatedReports(ws, spec.generateReports());
        }
    }

    private void generatedDatasets(String ws, GenerateReportsSpec generate, Instant loadedAt) {
        if (generate == null) {
            return;
        }
        for (int n = 1; n <= generate.count(); n++) {
            String id = generatedDatasetId(ws, n);
            putDataset(new Dataset(id, ws, generatedName(generate, n), DEFAULT_CONFIGURED_BY, true, loadedAt,
                    Optional.empty(), Optional.empty()));
        }
    }

    private void generatedReports(String ws, GenerateReportsSpec generate) {
        if (generate == null) {
            return;
        }
        for (int n = 1; n <= generate.count(); n++) {
            putReport(new Report(PowerBiIds.derived(ws, "generated-report", Integer.toString(n)), ws, generatedName(generate, n),
                    ReportType.POWER_BI_REPORT, Optional.of(generatedDatasetId(ws, n)), Optional.of(ws), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
    }

    private static String generatedDatasetId(String ws, int n) {
        return PowerBiIds.derived(ws, "generated-dataset", Integer.toString(n));
    }

    private static String generatedName(GenerateReportsSpec generate, int n) {
        String template = generate.nameTemplate() == null || generate.nameTemplate().isBlank() ? "Report {n}" : generate.nameTemplate();
        return template.replace("{n}", Integer.toString(n));
    }

    private Report fromSpec(String ws, String id, ReportSpec r, Instant deployedAt) {
        ReportType type;
        try {
            type = ReportType.fromFixture(r.type());
        } catch (IllegalArgumentException e) {
            throw new FixtureException("Report " + id + ": " + e.getMessage());
        }
        Optional<String> datasetId = Optional.ofNullable(r.datasetId()).map(d -> requireGuid(d, "datasetId"));
        if (type == ReportType.PAGINATED_REPORT && datasetId.isPresent()) {
            throw new FixtureException("Paginated report " + id + " cannot name a dataset (" + datasetId.get() + ")");
        }
        Optional<String> sourceReportId = Optional.ofNullable(r.sourceReportId()).map(s -> requireGuid(s, "sourceReportId"));
        return new Report(id, ws, nameOr(r.name(), id), type, datasetId,
                datasetId.map(d -> workspaceOfDataset(d).orElse(ws)), Optional.ofNullable(r.description()),
                sourceReportId, sourceReportId.map(s -> deployedAt));
    }

    private static String requireGuid(String value, String what) {
        return PowerBiIds.parse(value).orElseThrow(() -> new FixtureException("Power BI " + what + " '" + value + "' is not a GUID"));
    }

    private static String nameOr(String name, String id) {
        return name == null || name.isBlank() ? id : name;
    }

    private static String configuredBy(String value) {
        return value == null || value.isBlank() ? DEFAULT_CONFIGURED_BY : value;
    }

    // ---- reads ------------------------------------------------------------------------------

    public synchronized List<Workspace> workspaces() {
        return List.copyOf(workspaces.values());
    }

    public synchronized Optional<Workspace> workspace(String workspaceId) {
        return key(workspaceId).map(workspaces::get);
    }

    /** @throws IllegalArgumentException when there is no such workspace */
    public synchronized List<Report> reports(String workspaceId) {
        return List.copyOf(reportsOf(workspaceId).values());
    }

    public synchronized Optional<Report> report(String workspaceId, String reportId) {
        return key(workspaceId).flatMap(ws -> key(reportId).map(id -> reports.get(ws).get(id)));
    }

    /** @throws IllegalArgumentException when there is no such workspace */
    public synchronized List<Dataset> datasets(String workspaceId) {
        return List.copyOf(datasetsOf(workspaceId).values());
    }

    public synchronized Optional<Dataset> dataset(String workspaceId, String datasetId) {
        return key(workspaceId).flatMap(ws -> key(datasetId).map(id -> datasets.get(ws).get(id)));
    }

    /** Finds a dataset by id in any workspace. */
    public synchronized Optional<Dataset> dataset(String datasetId) {
        return key(datasetId).flatMap(id -> datasets.values().stream().map(m -> m.get(id)).filter(d -> d != null).findFirst());
    }

    private Optional<String> workspaceOfDataset(String datasetId) {
        return dataset(datasetId).map(Dataset::workspaceId);
    }

    // ---- writes -----------------------------------------------------------------------------

    /** Adds a report; a missing id gets a random one; a dataset id must name a dataset of the tenant. */
    public synchronized Report addReport(String workspaceId, ReportSpec spec) {
        String ws = workspaceKey(workspaceId);
        String id = spec.id() == null ? PowerBiIds.random() : PowerBiIds.parse(spec.id())
                .orElseThrow(() -> new IllegalArgumentException("Report id '" + spec.id() + "' is not a GUID"));
        if (reports.get(ws).containsKey(id)) {
            throw new IllegalArgumentException("Workspace " + ws + " already holds report " + id);
        }
        if (spec.datasetId() != null && dataset(spec.datasetId()).isEmpty()) {
            throw new IllegalArgumentException("Report " + id + " names dataset " + spec.datasetId() + ", which does not exist");
        }
        Report report;
        try {
            report = fromSpec(ws, id, spec, Instant.now());
        } catch (FixtureException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        putReport(report);
        return report;
    }

    public synchronized boolean removeReport(String workspaceId, String reportId) {
        return key(reportId).map(id -> reportsOf(workspaceId).remove(id) != null).orElse(false);
    }

    /** Adds a dataset; a missing id gets a random one. */
    public synchronized Dataset addDataset(String workspaceId, DatasetSpec spec) {
        String ws = workspaceKey(workspaceId);
        String id = spec.id() == null ? PowerBiIds.random() : PowerBiIds.parse(spec.id())
                .orElseThrow(() -> new IllegalArgumentException("Dataset id '" + spec.id() + "' is not a GUID"));
        if (dataset(id).isPresent()) {
            throw new IllegalArgumentException("Dataset " + id + " already exists");
        }
        Dataset dataset = new Dataset(id, ws, nameOr(spec.name(), id), configuredBy(spec.configuredBy()),
                spec.isRefreshable() == null || spec.isRefreshable(), Instant.now(),
                Optional.ofNullable(spec.sourceDatasetId()).flatMap(PowerBiIds::parse), Optional.empty());
        putDataset(dataset);
        return dataset;
    }

    public synchronized boolean removeDataset(String workspaceId, String datasetId) {
        return key(datasetId).map(id -> datasetsOf(workspaceId).remove(id) != null).orElse(false);
    }

    /** Binds a report to a dataset (which may live in another workspace). */
    synchronized Report rebind(Report report, Dataset target) {
        Report rebound = report.boundTo(target.id(), target.workspaceId());
        putReport(rebound);
        return rebound;
    }

    /** Runs {@code work} while no other thread reads or changes any workspace. */
    public synchronized <T> T exclusively(Supplier<T> work) {
        return work.get();
    }

    synchronized void putReport(Report report) {
        reportsOf(report.workspaceId()).put(report.id(), report);
    }

    synchronized void putDataset(Dataset dataset) {
        datasetsOf(dataset.workspaceId()).put(dataset.id(), dataset);
    }

    private Map<String, Report> reportsOf(String workspaceId) {
        return reports.get(workspaceKey(workspaceId));
    }

    private Map<String, Dataset> datasetsOf(String workspaceId) {
        return datasets.get(workspaceKey(workspaceId));
    }

    private String workspaceKey(String workspaceId) {
        return key(workspaceId).filter(workspaces::containsKey)
                .orElseThrow(() -> new IllegalArgumentException("No Power BI workspace " + workspaceId + " in this sandbox"));
    }

    private static Optional<String> key(String id) {
        return PowerBiIds.parse(id);
    }
}
