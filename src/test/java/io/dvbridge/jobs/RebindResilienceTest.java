package io.dvbridge.jobs;

import io.dvbridge.rebind.RebindJson;
import io.dvbridge.rebind.RebindReport;
import io.dvbridge.rebind.TerminalSummary;
import io.dvbridge.sandbox.RequestLog;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.limits.LimitsProfile;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.WriterAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.dvbridge.jobs.DemoWorld.PROD;
import static org.assertj.core.api.Assertions.assertThat;

/** The rebind job under expiring tokens, throttling, and with an eye on what it writes to logs and reports. */
class RebindResilienceTest {

    @TempDir
    Path runs;

    @Test
    void a_token_that_expires_mid_run_is_replaced() {
        // Tokens live 2 s and every request takes 250 ms, so the run outlives its first token.
        SandboxOptions options = SandboxOptions.defaults().withTokenLifetime(Duration.ofSeconds(2)).withLatency(Duration.ofMillis(250));
        try (DemoWorld world = new DemoWorld(runs, options)) {
            RebindReport report = world.runtime.rebind(RebindRequest.of(PROD));
            assertThat(report.counts().updated()).isEqualTo(9);
            List<RequestLog.Entry> log = world.sandbox.requestLog().entries();
            assertThat(log).filteredOn(e -> e.path().endsWith("/oauth2/v2.0/token")).hasSizeGreaterThan(2);
            assertThat(log).filteredOn(e -> e.status() == 401).isEmpty();
        }
    }

    @Test
    void a_429_storm_is_ridden_out_waiting_the_full_retry_after() {
        // Two requests per 2 s window per app and environment: most calls of the run are throttled first.
        LimitsProfile storm = new LimitsProfile("storm", 2, Duration.ofSeconds(2), 4);
        try (DemoWorld world = new DemoWorld(runs, SandboxOptions.defaults().withLimits(storm))) {
            RebindReport report = world.runtime.rebind(RebindRequest.of(PROD));
            assertThat(report.counts().updated()).isEqualTo(9);

            List<RequestLog.Entry> log = world.sandbox.requestLog().entries();
            List<RequestLog.Entry> throttled = log.stream().filter(e -> e.status() == 429).toList();
            assertThat(throttled).isNotEmpty().allSatisfy(e -> assertThat(e.retryAfterSeconds()).isPositive());
            for (RequestLog.Entry refusal : throttled) {
                RequestLog.Entry retry = log.stream()
                        .filter(e -> e.sequence() > refusal.sequence() && e.caller().equals(refusal.caller())
                                && e.method().equals(refusal.method()) && e.path().equals(refusal.path()) && e.query().equals(refusal.query()))
                        .findFirst().orElseThrow(() -> new AssertionError("no retry after the 429 at " + refusal.answeredAt()));
                assertThat(Duration.between(refusal.answeredAt(), retry.receivedAt()))
                        .as("wait after 429 #" + refusal.sequence())
                        .isGreaterThanOrEqualTo(Duration.ofSeconds(refusal.retryAfterSeconds()));
            }
        }
    }

    @Test
    void no_secret_or_bearer_token_appears_in_logs_or_reports() throws Exception {
        StringWriter sink = new StringWriter();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        Configuration config = context.getConfiguration();
        WriterAppender appender = WriterAppender.newBuilder().setName("capture").setTarget(sink)
                .setLayout(PatternLayout.newBuilder().withPattern("%level %logger %msg %throwable%n").build()).build();
        appender.start();
        Map<String, Level> levels = new HashMap<>();
        for (LoggerConfig logger : config.getLoggers().values()) {
            levels.put(logger.getName(), logger.getLevel());
            logger.addAppender(appender, Level.DEBUG, null);
            logger.setLevel(Level.DEBUG);
        }
        context.updateLoggers();
        try (DemoWorld world = new DemoWorld(runs, SandboxOptions.defaults().withFaultRate(0.2).withSeed(3))) {
            RebindReport report = world.runtime.rebind(RebindRequest.of(PROD).withMode(io.dvbridge.rebind.WriteMode.ROW_BY_ROW));
            String reportJson = RebindJson.mapper().writeValueAsString(report) + new TerminalSummary(false).render(report)
                    + Files.readString(world.runtime.runStore().file(report.runId(), "report.json"));
            String logs = sink.toString();
            assertThat(logs).as("the capture works").isNotEmpty();
            for (String text : List.of(logs, reportJson)) {
                assertThat(text).doesNotContain("sandbox-only-demo-secret")
                        .doesNotContainPattern("eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}")
                        .doesNotContainIgnoringCase("Bearer ey");
            }
        } finally {
            for (LoggerConfig logger : config.getLoggers().values()) {
                logger.removeAppender("capture");
                logger.setLevel(levels.get(logger.getName()));
            }
            context.updateLoggers();
            appender.stop();
        }
    }
}
