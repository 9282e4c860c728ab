package io.dvbridge.jobs;

import io.dvbridge.cli.JobRuntime;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.rebind.TerminalSummary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class RebindSmokeTest {

    @TempDir
    Path runs;

    @Test
    void dry_run_on_the_demo() {
        try (JobRuntime runtime = JobRuntime.start(Map.of("dvbridge.runs.dir", runs.toString()), Optional.empty())) {
            RebindReport report = runtime.rebind(RebindRequest.of("contoso-prod").withDryRun(true));
            System.out.println(new TerminalSummary(false).render(report));
            assertThat(report.rows()).isNotEmpty();
        }
    }
}
