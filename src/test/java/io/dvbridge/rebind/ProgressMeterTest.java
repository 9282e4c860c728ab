package io.dvbridge.rebind;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressMeterTest {

    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void a_line_gives_the_count_the_rate_and_the_time_left_at_that_rate() {
        ProgressMeter meter = new ProgressMeter("rebind r1: written", "rows", 5000, START, Duration.ofSeconds(2));
        assertThat(meter.update(1000, START.plusSeconds(2)))
                .hasValue("rebind r1: written 1,000 of 5,000 rows (20%), 500 rows/s, about 8 s left");
    }

    @Test
    void lines_closer_than_the_interval_are_held_back_but_the_finished_line_always_shows() {
        ProgressMeter meter = new ProgressMeter("w", "rows", 3000, START, Duration.ofSeconds(2));
        assertThat(meter.update(1000, START.plusMillis(500))).isPresent();
        assertThat(meter.update(2000, START.plusMillis(1000))).isEmpty();
        assertThat(meter.update(3000, START.plusMillis(1200))).hasValueSatisfying(line ->
                assertThat(line).startsWith("w 3,000 of 3,000 rows (100%)").contains("took 1 s"));
    }

    @Test
    void long_waits_are_shown_in_minutes() {
        ProgressMeter meter = new ProgressMeter("w", "rows", 10_000, START, Duration.ZERO);
        assertThat(meter.update(100, START.plusSeconds(10))).hasValueSatisfying(line ->
                assertThat(line).endsWith("10 rows/s, about 16 min 30 s left"));
    }
}
