package io.dvbridge.cli;

import io.dvbridge.jobs.ExitCodes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code dvbridge run}: keeps the jobs running behind the triggers configuration enables, until stopped. */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.FAILED,
        header = "Keep running with the REST, queue and schedule triggers.",
        description = {"Start dvbridge and keep it running (until SIGTERM or Ctrl+C) with the triggers that configuration enables:",
                "REST on camel.server.host:camel.server.port (POST /api/jobs/{job}, GET /api/jobs, GET /api/runs,",
                "GET /api/runs/{runId}[/report|/files/{role}], GET /api/health; authenticated; the runs page at /ui),",
                "queue messages (dvbridge.queue.*) and schedules (dvbridge.schedule.<name>.*). See docs/triggers.md, docs/ui.md.",
                "Health and metrics: GET /observe/health[/live|/ready], GET /observe/metrics (Prometheus), with the same",
                "credentials. See docs/operations.md."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped on request", "1:could not start (configuration, port in use, ...)", "64:invalid command line"})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Extra properties file, overriding config/application.properties")
    Path config;

    /** Read by {@link DvBridge#main} before logging starts; declared here for --help and validation. */
    @Option(names = LogFormat.OPTION, paramLabel = "FORMAT",
            description = "Log events as text (default) or json (one object per line, with the run id); also DVBRIDGE_LOG_FORMAT")
    LogFormat logFormat;

    @Override
    public Integer call() throws InterruptedException {
        JobRuntime runtime = JobRuntime.serve(Map.of(), Optional.ofNullable(config), Optional.empty());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                runtime.close();
            } finally {
                stopped.countDown();
            }
        }, "dvbridge-shutdown"));
        runtime.accessDescription().ifPresent(System.out::println);
        System.out.println("dvbridge is running; stop it with SIGTERM or Ctrl+C.");
        stopped.await();
        return ExitCodes.SUCCESS;
    }
}
