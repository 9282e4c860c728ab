package io.dvbridge.export;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class ChangeRetentionTest {

    @Test
    void an_interval_of_half_the_token_retention_or_more_is_warned_about_and_a_shorter_one_is_not() {
        assertThat(ChangeRetention.warning(Optional.of(Duration.ofDays(4)), 7)).get().asString().contains("change tokens live 7 day(s)");
        assertThat(ChangeRetention.warning(Optional.of(Duration.ofHours(12)), 7)).isEmpty();
        assertThat(ChangeRetention.warning(Optional.empty(), 2)).get().asString().contains("only 2 day(s)");
        assertThat(ChangeRetention.warning(Optional.empty(), 7)).isEmpty();
    }
}
