package io.dvbridge.triggers.profiles;

import io.dvbridge.jobs.CheckRequest;
import io.dvbridge.jobs.InvalidRequestException;
import io.dvbridge.jobs.JobDefinition;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Periods and profiles declared in configuration. */
class ProfileRulesTest {

    static final JobDefinition<CheckRequest> JOB = JobDefinition.of(CheckRequest.class);

    @Test
    void periods_read_as_people_write_them_and_wrong_ones_name_the_field() {
        assertThat(ProfileDurations.parse("interval", "90s", Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(90));
        assertThat(ProfileDurations.parse("interval", "15m", Duration.ofSeconds(1))).isEqualTo(Duration.ofMinutes(15));
        assertThat(ProfileDurations.parse("interval", "1d", Duration.ofSeconds(1))).isEqualTo(Duration.ofDays(1));
        assertThat(ProfileDurations.parse("interval", "PT2H", Duration.ofSeconds(1))).isEqualTo(Duration.ofHours(2));
        for (String wrong : new String[]{"often", "0s", "400d", "PT0.5S", "-5m"}) {
            assertThatThrownBy(() -> ProfileDurations.parse("interval", wrong, Duration.ofSeconds(1))).as(wrong)
                    .isInstanceOfSatisfying(InvalidRequestException.class, e -> assertThat(e.field()).isEqualTo("interval"));
        }
    }

    @Test
    void configured_profiles_read_their_keys_and_the_job_fields_in_kebab_case() {
        Properties properties = new Properties();
        properties.setProperty("dvbridge.export.profile.nightly.environment", "contoso-prod");
        properties.setProperty("dvbridge.export.profile.nightly.interval", "1h");
        properties.setProperty("dvbridge.export.profile.nightly.retry-max", "3");
        properties.setProperty("dvbridge.export.profile.nightly.active", "true");
        properties.setProperty("dvbridge.export.profile.hourly.environment", "contoso-dev");

        var profiles = ConfiguredProfiles.read(properties, JOB);

        assertThat(profiles).containsOnlyKeys("hourly", "nightly");
        ProfileDefinition nightly = profiles.get("nightly");
        assertThat(nightly.request().toString()).isEqualTo("{\"environment\":\"contoso-prod\"}");
        assertThat(nightly.interval()).isEqualTo(Duration.ofHours(1));
        assertThat(nightly.retryMax()).isEqualTo(3);
        assertThat(nightly.active()).isTrue();
        assertThat(profiles.get("hourly").interval()).isEqualTo(ProfileDefinition.DEFAULT_INTERVAL);
        assertThat(profiles.get("hourly").active()).isFalse();
    }

    @Test
    void a_configured_mistake_names_the_key_to_fix() {
        Properties unknown = new Properties();
        unknown.setProperty("dvbridge.export.profile.nightly.tabels", "ci");
        Properties badInterval = new Properties();
        badInterval.setProperty("dvbridge.export.profile.nightly.interval", "hourly");

        assertThatThrownBy(() -> ConfiguredProfiles.read(unknown, JOB)).hasMessageContaining("dvbridge.export.profile.nightly.tabels");
        assertThatThrownBy(() -> ConfiguredProfiles.read(badInterval, JOB)).hasMessageContaining("dvbridge.export.profile.nightly.interval");
    }
}
