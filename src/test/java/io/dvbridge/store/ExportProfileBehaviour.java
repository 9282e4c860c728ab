package io.dvbridge.store;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Export profiles in the state store and the failure log they read, on whichever database a subclass gives. */
abstract class ExportProfileBehaviour extends OnDatabase {

    static ExportProfile profile(String name, boolean active) {
        return new ExportProfile(name, "{\"environment\":\"contoso-prod\",\"tables\":\"ci\"}", Duration.ofMinutes(15), Duration.ofMinutes(5),
                12, active, T0, T0);
    }

    @Test
    void a_profile_saved_by_one_instance_is_read_changed_and_deleted_by_another() {
        StateStore one = open();
        StateStore two = open();

        assertThat(one.exportProfiles().insert(profile("ci-to-pg", false))).isTrue();

        assertThat(two.exportProfiles().find("ci-to-pg")).hasValue(profile("ci-to-pg", false));
        assertThat(two.exportProfiles().setActive("ci-to-pg", true, T0.plusSeconds(60))).isTrue();
        ExportProfile changed = new ExportProfile("ci-to-pg", "{\"environment\":\"contoso-dev\"}", Duration.ofHours(1), Duration.ofSeconds(30),
                3, true, T0, T0.plusSeconds(120));
        assertThat(one.exportProfiles().find("ci-to-pg").orElseThrow().active()).isTrue();
        assertThat(one.exportProfiles().update(changed)).isTrue();
        assertThat(two.exportProfiles().all()).containsExactly(changed);
        assertThat(two.exportProfiles().delete("ci-to-pg")).isTrue();
        assertThat(one.exportProfiles().find("ci-to-pg")).isEmpty();
        assertThat(one.exportProfiles().delete("ci-to-pg")).isFalse();
        assertThat(one.exportProfiles().update(changed)).isFalse();
        assertThat(one.exportProfiles().setActive("ci-to-pg", false, T0)).isFalse();
    }

    @Test
    void a_second_profile_of_the_same_name_is_refused_and_the_first_kept() {
        StateStore one = open();
        StateStore two = open();

        assertThat(one.exportProfiles().insert(profile("nightly", false))).isTrue();
        assertThat(two.exportProfiles().insert(profile("nightly", true))).isFalse();

        assertThat(two.exportProfiles().all()).containsExactly(profile("nightly", false));
    }

    @Test
    void the_failure_log_pages_newest_first_and_filters_by_table() throws SQLException {
        StateStore store = open();
        for (int i = 0; i < 5; i++) {
            addFailure(store, "ci-to-pg", "run-" + i, i % 2 == 0 ? "account" : "contact", i == 0 ? "N/A" : "0000000" + i + "-0000-0000-0000-000000000000",
                    T0.plusSeconds(i), "Invalid object name 'dbo.account'");
        }
        addFailure(store, "other", "run-9", "account", "N/A", T0.plusSeconds(9), "not this profile's");

        ExportFailures.Page first = store.exportFailures().page("ci-to-pg", Optional.empty(), 0, 2);
        ExportFailures.Page last = store.exportFailures().page("ci-to-pg", Optional.empty(), 4, 2);
        ExportFailures.Page accounts = store.exportFailures().page("ci-to-pg", Optional.of("account"), 0, 10);

        assertThat(first.failures()).extracting(ExportFailure::runId).containsExactly("run-4", "run-3");
        assertThat(first.more()).isTrue();
        assertThat(last.failures()).extracting(ExportFailure::runId).containsExactly("run-0");
        assertThat(last.more()).isFalse();
        assertThat(last.failures().get(0).recordId()).isEmpty();
        assertThat(accounts.failures()).extracting(ExportFailure::runId).containsExactly("run-4", "run-2", "run-0");
        assertThat(accounts.failures().get(0)).isEqualTo(new ExportFailure("ci-to-pg", "run-4", "account",
                Optional.of("00000004-0000-0000-0000-000000000000"), T0.plusSeconds(4), "New", "Invalid object name 'dbo.account'"));
    }

    static void addFailure(StateStore store, String profile, String runId, String entity, String recordId, Instant at, String reason) {
        store.exportFailures().record(List.of(new ExportFailureRecord(0, profile, runId, "contoso-prod", "jdbc:h2:mem:x", entity, recordId, at,
                "N/A".equals(recordId) ? "Trigger Initial Export" : "New", reason, "{}", Optional.empty())));
    }
}
