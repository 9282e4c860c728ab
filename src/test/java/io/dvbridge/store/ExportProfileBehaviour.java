package io.dvbridge.store;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
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
    void the_failure_log_of_a_profile_pages_newest_first_and_filters_by_table() throws SQLException {
        StateStore store = open();
        // runs the profile's schedule started; the export writes their entries with or without the profile's name
        store.runs().insert(new RunRecord("export-1", "export", RunStatus.NEEDS_ATTENTION, java.util.List.of("contoso-prod"), false,
                "schedule", "profile:ci-to-pg", T0, Optional.empty(), Optional.empty(), Optional.empty(), "done", 0, 0, "host-1"));
        for (int i = 0; i < 5; i++) {
            addFailure(store, i == 0 ? "ci-to-pg" : "", i == 0 ? "export-0" : "export-1", i % 2 == 0 ? "account" : "contact",
                    "0000000" + i + "-0000-0000-0000-000000000000", T0.plusSeconds(i), "Invalid object name 'dbo.account'");
        }
        addFailure(store, "other", "export-9", "account", "N/A", T0.plusSeconds(9), "not this profile's");

        ProfileFailures.Page first = store.profileFailures().page("ci-to-pg", Optional.empty(), 0, 2);
        ProfileFailures.Page last = store.profileFailures().page("ci-to-pg", Optional.empty(), 4, 2);
        ProfileFailures.Page accounts = store.profileFailures().page("ci-to-pg", Optional.of("account"), 0, 10);

        assertThat(first.failures()).extracting(ExportFailureRecord::recordId)
                .containsExactly("00000004-0000-0000-0000-000000000000", "00000003-0000-0000-0000-000000000000");
        assertThat(first.more()).isTrue();
        assertThat(last.failures()).extracting(ExportFailureRecord::runId).containsExactly("export-0");
        assertThat(last.more()).isFalse();
        assertThat(accounts.failures()).extracting(ExportFailureRecord::notificationTime)
                .containsExactly(T0.plusSeconds(4), T0.plusSeconds(2), T0);
        ExportFailureRecord newest = accounts.failures().get(0);
        assertThat(newest.entity()).isEqualTo("account");
        assertThat(newest.changeType()).isEqualTo("Upsert");
        assertThat(newest.failureReason()).isEqualTo("Invalid object name 'dbo.account'");
        assertThat(newest.resolvedAt()).isEmpty();
    }

    /** An entry as the export job writes it (its own migration makes the table). */
    static void addFailure(StateStore store, String profile, String runId, String entity, String recordId, Instant at, String reason)
            throws SQLException {
        try (Connection connection = store.dataSource().getConnection(); PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO export_failures (profile, run_id, environment, target, entity, record_id, notification_time, change_type,"
                        + " failure_reason, payload) VALUES (?, ?, 'contoso-prod', 'embedded', ?, ?, ?, ?, ?, '{}')")) {
            statement.setString(1, profile);
            statement.setString(2, runId);
            statement.setString(3, entity);
            statement.setString(4, recordId);
            statement.setObject(5, OffsetDateTime.ofInstant(at, ZoneOffset.UTC));
            statement.setString(6, "N/A".equals(recordId) ? "Delete" : "Upsert");
            statement.setString(7, reason);
            statement.executeUpdate();
        }
    }
}
