package io.dvbridge.jobs;

import io.dvbridge.push.WriteMode;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The push job through the route camel-main loads, against the sandbox's demo table dvb_customerimport over HTTPS. */
class PushJobTest {

    static final String KEY = "dvb_customerimport_dvb_customernumber_key";

    @TempDir
    static Path dir;
    static DemoWorld world;

    @BeforeAll
    static void start() {
        world = new DemoWorld(dir.resolve("runs"));
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    static Table customers() {
        return world.sandbox.environment(DemoWorld.PROD).data().tableBySet("dvb_customerimports").orElseThrow();
    }

    static PushRequest request(Path from, String key) {
        return new PushRequest(DemoWorld.PROD, "dvb_customerimport", from.toString(), Optional.empty(), WriteMode.UPSERT, Optional.of(key),
                false, false, Optional.empty(), Optional.empty(), 500, false);
    }

    @Test
    void the_sample_lands_its_valid_rows_and_reports_the_three_bad_ones() {
        PushReport report = (PushReport) world.runtime.run("push", request(Path.of("config/samples/customers.csv"), KEY));

        assertThat(report.summary()).contains("8 read");
        assertThat(report.read()).isEqualTo(8);
        assertThat(report.rejected()).as(report.summary()).isEqualTo(3);
        assertThat(report.written()).as(report.summary()).isEqualTo(5);
        StoredRow ada = customers().rows().stream().filter(r -> "C-0001".equals(r.get("dvb_customernumber"))).findFirst().orElseThrow();
        assertThat(ada.get("dvb_loyaltypoints")).isEqualTo(1200);
    }
}
