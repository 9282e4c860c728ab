package io.dvbridge.cli;

import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.dataverse.StoredRow;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** `dvbridge run` on the demo fixture, started through the real bootstrap ({@link JobRuntime#serve}). */
final class TriggerWorld implements AutoCloseable {

    static final String PROD = "contoso-prod";
    static final String REPORTS = "msdyn_dataanalyticsreports";
    static final String PROD_HISTORICAL_WS = "94a6092c-b721-58ee-b223-18607980989d";

    final JobRuntime runtime;
    final Sandbox sandbox;

    /** Serves with the triggers the overrides enable; REST is off unless they turn it on. */
    TriggerWorld(Path runs, Map<String, String> overrides) {
        Map<String, String> all = new HashMap<>();
        all.put("dvbridge.runs.dir", runs.toString());
        all.put("camel.server.enabled", "false");
        all.putAll(overrides);
        runtime = JobRuntime.serve(all, Optional.empty(), Optional.empty());
        sandbox = runtime.sandbox().orElseThrow();
    }

    StoredRow row(String name) {
        return sandbox.environment(PROD).data().tableBySet(REPORTS).orElseThrow().rows().stream()
                .filter(r -> name.equals(r.get("msdyn_name"))).findFirst().orElseThrow();
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
