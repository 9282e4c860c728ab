package io.dvbridge.triggers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three `dvbridge run` processes sharing the machine's PostgreSQL as their state store, each with the same
 * 2-second schedule: the clustered scheduler fires each tick once, on one of them (counted in the store).
 */
class ClusteredSchedulesTest {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";
    static final Duration WINDOW = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void three_instances_sharing_postgresql_fire_a_two_second_cron_once_per_tick() throws Exception {
        String schema = "cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        List<Process> instances = new ArrayList<>();
        try {
            CountDownLatch running = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                Path config = dir.resolve("instance-" + i + ".properties");
                Files.writeString(config, String.join("\n",
                        "dvbridge.runs.dir=" + dir.resolve("runs-" + i).toString().replace('\\', '/'),
                        "dvbridge.store.url=" + SERVER + "?currentSchema=" + schema,
                        "dvbridge.store.username=postgres",
                        "camel.server.enabled=false",
                        "dvbridge.schedule.tick.job=check",
                        "dvbridge.schedule.tick.cron=0/2 * * * * ?",
                        "dvbridge.schedule.tick.environment=contoso-prod", ""));
                Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                        "-cp", classPath(), "io.dvbridge.cli.DvBridge", "run", "--config", config.toString())
                        .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.PIPE).start();
                instances.add(process);
                watch(process, running, dir.resolve("instance-" + i + ".log"));
            }
            boolean started = running.await(180, TimeUnit.SECONDS);
            assertThat(started).as("all three instances started; instance 0 said:%n%s", Files.exists(dir.resolve("instance-0.log"))
                    ? Files.readString(dir.resolve("instance-0.log")) : "(nothing)").isTrue();

            Instant from = Instant.now();
            Thread.sleep(WINDOW.toMillis());
            Instant to = Instant.now();

            List<Instant> fired = new ArrayList<>();
            Set<String> firingInstances = new HashSet<>();
            try (Connection connection = DriverManager.getConnection(SERVER + "?currentSchema=" + schema, "postgres", "");
                 PreparedStatement query = connection.prepareStatement("SELECT created_at, instance_id FROM dvb_runs"
                         + " WHERE job = 'check' AND trigger = 'schedule' AND created_at >= ? AND created_at < ? ORDER BY created_at")) {
                query.setTimestamp(1, Timestamp.from(from));
                query.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        fired.add(rows.getTimestamp(1).toInstant());
                        firingInstances.add(rows.getString(2));
                    }
                }
            }
            System.out.println("Clustered schedule: " + fired.size() + " runs in " + WINDOW.toSeconds() + " s, fired by "
                    + firingInstances.size() + " of 3 instances");
            // Fifteen ticks in 30 s; a tick whose run is still going is not doubled (stateful), so a slow machine sees fewer.
            assertThat(fired).as("runs in the window").hasSizeBetween(8, 16);
            for (int i = 1; i < fired.size(); i++) {
                assertThat(Duration.between(fired.get(i - 1), fired.get(i))).as("one run per tick, not one per instance")
                        .isGreaterThanOrEqualTo(Duration.ofMillis(1500));
            }
            assertThat(firingInstances).isNotEmpty();
        } finally {
            for (Process process : instances) {
                process.destroy();
            }
            for (Process process : instances) {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            execute("DROP SCHEMA " + schema + " CASCADE");
        }
    }

    /**
     * This JVM's class path without empty entries: an empty entry means the working directory, the project's root,
     * whose routes/ folder would load every route a second time.
     */
    private static String classPath() {
        return java.util.Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !entry.isBlank()).collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** Copies the instance's output to a file and counts it down when it says it is running. */
    private static void watch(Process process, CountDownLatch running, Path log) {
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                 var out = Files.newBufferedWriter(log)) {
                String line;
                while ((line = lines.readLine()) != null) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.startsWith("dvbridge is running")) {
                        running.countDown();
                    }
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        }, "instance-output");
        reader.setDaemon(true);
        reader.start();
    }

    private static void execute(String sql) throws Exception {
        try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
