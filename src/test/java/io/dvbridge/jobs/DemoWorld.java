package io.dvbridge.jobs;

import io.dvbridge.cli.JobRuntime;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The rebind job on the demo fixture, started through the same camel-main bootstrap as the CLI. */
final class DemoWorld implements AutoCloseable {

    static final String PROD = "contoso-prod";
    static final String REPORTS = "msdyn_dataanalyticsreports";
    static final String WORKSPACES = "msdyn_dataanalyticsworkspaces";
    static final String PROD_HISTORICAL_WS = "94a6092c-b721-58ee-b223-18607980989d";
    static final String PROD_REALTIME_WS = "f91dcd4d-b300-5164-81d8-ec36cbaf1ce1";
    static final String DEV_HISTORICAL_WS = "5fcf6961-bb18-56ee-a516-0266cad8b508";
    static final String PIPELINE = "15e0e09f-8678-5627-bebe-85363591dec9";

    final JobRuntime runtime;
    final Sandbox sandbox;

    DemoWorld(Path runs, SandboxOptions options) {
        this(runs, options, Map.of());
    }

    DemoWorld(Path runs, SandboxOptions options, Map<String, String> overrides) {
        Map<String, String> all = new java.util.HashMap<>(overrides);
        all.put("dvbridge.runs.dir", runs.toString());
        runtime = JobRuntime.start(all, Optional.empty(), Optional.of(options));
        sandbox = runtime.sandbox().orElseThrow();
    }

    DemoWorld(Path runs) {
        this(runs, SandboxOptions.defaults());
    }

    Table reports() {
        return sandbox.environment(PROD).data().tableBySet(REPORTS).orElseThrow();
    }

    StoredRow row(String name) {
        return reports().rows().stream().filter(r -> name.equals(r.get("msdyn_name"))).findFirst().orElseThrow();
    }

    /** The id of the report with this exact name in a Power BI workspace (the first, if several). */
    String powerBiReport(String workspaceId, String name) {
        return sandbox.powerBi().reports(workspaceId).stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().id();
    }

    long requests(String method, String pathPart) {
        return sandbox.requestLog().count(e -> e.method().equals(method) && e.path().contains(pathPart));
    }

    @Override
    public void close() {
        runtime.close();
    }
}
