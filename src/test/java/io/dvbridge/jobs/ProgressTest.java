package io.dvbridge.jobs;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;

/** Progress lines: done of total, rate and time left, at most one every two seconds plus the last one. */
class ProgressTest {

    /** A clock the test moves by hand. */
    static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-12-02T08:00:00Z");

        void advance(Duration step) {
            now = now.plus(step);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void a_line_shows_records_done_of_the_total_the_rate_and_the_time_left() {
        ManualClock clock = new ManualClock();
        Progress progress = new Progress("import import-1 into prod", OptionalLong.of(10_000), clock);
        clock.advance(Duration.ofSeconds(4));

        assertThat(progress.due(2_000, "2,000 created")).contains(
                "import import-1 into prod: 2,000/10,000 records (20%), 500 records/s, about 16 s left (2,000 created)");
    }

    @Test
    void lines_come_at_most_every_two_seconds_and_the_last_one_always() {
        ManualClock clock = new ManualClock();
        Progress progress = new Progress("import", OptionalLong.of(3_000), clock);

        clock.advance(Duration.ofMillis(500));
        assertThat(progress.due(1_000, "")).as("too soon").isEmpty();
        clock.advance(Duration.ofMillis(1_600));
        assertThat(progress.due(2_000, "")).isPresent();
        clock.advance(Duration.ofMillis(100));
        assertThat(progress.due(2_500, "")).as("too soon again").isEmpty();
        assertThat(progress.due(3_000, "")).as("complete").get().asString().contains("3,000/3,000 records (100%)").doesNotContain("left");
    }

    @Test
    void without_a_total_a_line_shows_records_and_rate() {
        ManualClock clock = new ManualClock();
        Progress progress = new Progress("export export-1 from dev", OptionalLong.empty(), clock);
        clock.advance(Duration.ofMinutes(1));

        assertThat(progress.due(120_000, "account: 5,000")).contains(
                "export export-1 from dev: 120,000 records, 2,000 records/s (account: 5,000)");
    }
}
