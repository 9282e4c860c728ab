package io.dvbridge.triggers.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** One audit line per request: who, what, the outcome; never a credential, never a forged line. */
class AuditEntryTest {

    private static final Caller CI = new Caller("ci", Caller.API_KEY, Set.of(Permission.RUN_JOBS));

    @Test
    void the_line_names_caller_request_job_environments_run_and_status() {
        AuditEntry entry = new AuditEntry(Optional.of(CI), "POST", "/api/jobs/migrate", Optional.of("migrate"),
                List.of("contoso-dev", "contoso-prod"), Optional.of("20261202-0815-ab12"), 202);

        assertThat(entry.line()).isEqualTo("caller=api-key:ci method=POST path=/api/jobs/migrate job=migrate "
                + "environments=contoso-dev,contoso-prod run=20261202-0815-ab12 status=202");
    }

    @Test
    void a_request_refused_before_authentication_has_no_caller() {
        AuditEntry entry = new AuditEntry(Optional.empty(), "GET", "/api/runs", Optional.empty(), List.of(), Optional.empty(), 401);

        assertThat(entry.line()).isEqualTo("caller=- method=GET path=/api/runs job=- environments=- run=- status=401");
    }

    @Test
    void the_line_holds_no_key_from_a_query_string_and_no_token_from_a_path() {
        String key = GuardSettings.CI_KEY;
        String token = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJhcGk6Ly9kdmJyaWRnZSJ9.c2lnbmF0dXJl";
        AuditEntry entry = new AuditEntry(Optional.of(CI), "GET", "/api/runs/" + token + "?api_key=" + key, Optional.empty(),
                List.of(), Optional.empty(), 404);

        assertThat(entry.line()).doesNotContain(key).doesNotContain(token).contains("path=/api/runs/<jwt>");
    }

    @Test
    void a_crafted_path_cannot_start_a_new_log_line() {
        AuditEntry entry = new AuditEntry(Optional.empty(), "GET", "/api/runs/x\ncaller=api-key:admin status=200", Optional.empty(),
                List.of(), Optional.empty(), 421);

        assertThat(entry.line()).doesNotContain("\n").startsWith("caller=- ").endsWith(" status=421");
    }
}
