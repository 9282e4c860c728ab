package io.dvbridge.jobs;

import io.dvbridge.cli.JobRuntime;
import io.dvbridge.push.WriteMode;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.Table;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A push killed mid-write resumes without re-sending committed batches, and a replace deletes only what the input
 * lacks. The sandbox runs on its own, as a real tenant would, so its rows outlive the dvbridge instance that is killed.
 */
class PushResumeTest {

    static final String TENANT = "6f1c2b9a-3d4e-4f50-8a61-7b2c3d4e5f60";
    static final String KEY = "dvb_customerimport_dvb_customernumber_key";

    @TempDir
    Path dir;
    Sandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    JobRuntime start(Duration latency) throws Exception {
        return start(latency, Map.of());
    }

    JobRuntime start(Duration latency, Map<String, String> extra) throws Exception {
        if (sandbox == null) {
            sandbox = Sandbox.start(FixtureLoader.parse(Files.readString(Path.of("config/sandbox/demo.yaml"))),
                    SandboxOptions.defaults().withLatency(latency));
        }
        Path ca = dir.resolve("sandbox-ca.pem");
        Files.writeString(ca, sandbox.certificatePem());
        Map<String, String> config = new HashMap<>();
        config.put("dvbridge.runs.dir", dir.resolve("runs").toString());
        config.put("dvbridge.sandbox.environments", "");
        config.put("dvbridge.environment.prod.dataverse-url", sandbox.dataverseResource("contoso-prod"));
        config.put("dvbridge.environment.prod.authority", sandbox.authority(TENANT));
        config.put("dvbridge.environment.prod.client-id", "3b7e1f4a-9c2d-4e8f-a1b3-5d6c7e8f9a0b");
        config.put("dvbridge.environment.prod.client-secret", "sandbox-only-demo-secret");
        config.put("dvbridge.environment.prod.powerbi-url", sandbox.powerBiApiUrl());
        config.put("dvbridge.environment.prod.trust-pem", ca.toString());
        config.putAll(extra);
        return JobRuntime.start(config, Optional.empty());
    }

    Table customers() {
        return sandbox.environment("contoso-prod").data().tableBySet("dvb_customerimports").orElseThrow();
    }

    Path csv(String prefix, int rows) throws Exception {
        StringBuilder csv = new StringBuilder("dvb_customernumber,dvb_name,dvb_loyaltypoints\n");
        for (int i = 1; i <= rows; i++) {
            csv.append(prefix).append(i).append(",Customer ").append(i).append(',').append(i).append('\n');
        }
        Path file = dir.resolve(prefix + rows + ".csv");
        Files.writeString(file, csv);
        return file;
    }

    static PushRequest request(Path file, boolean replace, int batchSize) {
        return new PushRequest("prod", "dvb_customerimport", file.toString(), Optional.empty(), WriteMode.UPSERT, Optional.of(KEY), false,
                replace, Optional.empty(), Optional.empty(), batchSize, false);
    }

    long committedRow() throws Exception {
        String url = "jdbc:h2:file:" + dir.resolve("runs").toAbsolutePath().resolve(".state").resolve("dvbridge") + ";AUTO_SERVER=TRUE";
        try (Connection connection = DriverManager.getConnection(url);
             ResultSet rows = connection.createStatement().executeQuery("SELECT MAX(committed_row) FROM dvb_push_checkpoints")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    @Test
    void a_push_killed_mid_write_resumes_after_its_last_committed_batch_without_duplicates() throws Exception {
        Path file = csv("K-", 2000);
        // Slow enough (1 s a request, the limiter starting from the dop hint) that the run cannot finish the other 180
        // batches within the runtime's 5 s graceful shutdown: the close must cut it short.
        JobRuntime first = start(Duration.ofMillis(1000));
        CompletableFuture<Object> killed = CompletableFuture.supplyAsync(() -> first.run("push", request(file, false, 10)));
        long checkpoint = 0;
        for (int wait = 0; wait < 2400 && checkpoint < 200; wait++) {
            Thread.sleep(50);
            checkpoint = committedRow();
        }
        assertThat(checkpoint).as("the first run committed some batches").isGreaterThanOrEqualTo(200);
        first.close();
        assertThat(killed).failsWithin(30, TimeUnit.SECONDS);
        long landed = customers().rows().size();
        long atKill = committedRow();
        assertThat(landed).as("killed before the end").isLessThan(2000);

        long upsertsBefore = sandbox.requestLog().count(e -> e.path().contains("UpsertMultiple"));
        try (JobRuntime second = start(Duration.ZERO)) {
            PushReport report = (PushReport) second.run("push", request(file, false, 10));

            assertThat(report.skipped()).as(report.summary()).isEqualTo(atKill);
            assertThat(report.written()).isEqualTo(2000 - atKill);
            assertThat(report.notices()).anySatisfy(n -> assertThat(n).contains("Resumed"));
            long upserts = sandbox.requestLog().count(e -> e.path().contains("UpsertMultiple")) - upsertsBefore;
            assertThat(upserts).as("committed batches are not sent again").isEqualTo((2000 - atKill + 9) / 10);
        }
        assertThat(customers().rows()).hasSize(2000);
        assertThat(customers().rows().stream().map(r -> r.get("dvb_customernumber")).distinct().count()).isEqualTo(2000);
        assertThat(committedRow()).as("a finished push leaves no checkpoint").isZero();
    }

    @Test
    void replace_upserts_the_input_then_deletes_only_the_rows_it_lacks() throws Exception {
        try (JobRuntime runtime = start(Duration.ZERO)) {
            runtime.run("push", request(csv("P-", 10), false, 500));
            assertThat(customers().rows()).hasSize(10);

            PushReport report = (PushReport) runtime.run("push", request(csv("P-", 6), true, 500));

            assertThat(report.written()).isEqualTo(6);
            assertThat(report.deleted()).isEqualTo(4);
            assertThat(customers().rows()).extracting(r -> r.get("dvb_customernumber"))
                    .containsExactlyInAnyOrder("P-1", "P-2", "P-3", "P-4", "P-5", "P-6");
        }
    }

    @Test
    void replace_deletes_nothing_when_more_rows_would_go_than_the_limit() throws Exception {
        try (JobRuntime runtime = start(Duration.ZERO)) {
            runtime.run("push", request(csv("L-", 12), false, 500));
        }
        try (JobRuntime runtime = start(Duration.ZERO, Map.of("dvbridge.push.max-replace-deletes", "3"))) {
            PushReport report = (PushReport) runtime.run("push", request(csv("L-", 2), true, 500));

            assertThat(report.deleted()).isZero();
            assertThat(report.notices()).anySatisfy(n -> assertThat(n).contains("more than 3 rows"));
            assertThat(report.exitCode()).isEqualTo(ExitCodes.NEEDS_ATTENTION);
            assertThat(customers().rows()).hasSize(12);
        }
    }
}
