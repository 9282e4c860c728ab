package io.dvbridge.jobs;

import io.dvbridge.config.DvEnvironment;
import io.dvbridge.config.Environments;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where a push's rows may come from, by trigger: remote callers name files in the files folder and no JDBC URL. */
class PushRequestChecksTest {

    @TempDir
    Path dir;

    private RequestChecks checks() {
        Environments environments = new Environments() {
            @Override
            public DvEnvironment environment(String name) {
                throw new UnsupportedOperationException("not needed");
            }

            @Override
            public Set<String> names() {
                return Set.of("contoso-prod");
            }
        };
        return new RequestChecks(environments, dir.resolve("schemas"), dir.resolve("files"));
    }

    @SuppressWarnings("unchecked")
    private static JobDefinition<PushRequest> push() {
        return (JobDefinition<PushRequest>) JobCatalog.standard().require("push", "job");
    }

    @Test
    void a_rest_request_names_a_file_in_the_files_folder_and_no_jdbc_url() throws Exception {
        Files.createDirectories(dir.resolve("files"));
        Files.writeString(dir.resolve("files").resolve("in.csv"), "a\n1\n");

        PushRequest resolved = checks().check(push(), PushRequest.of("contoso-prod", "t", "in.csv"), Trigger.REST);

        assertThat(resolved.from()).isEqualTo(dir.resolve("files").resolve("in.csv").toString());
        assertThatThrownBy(() -> checks().check(push(), PushRequest.of("contoso-prod", "t", "../etc/in.csv"), Trigger.REST))
                .isInstanceOf(InvalidRequestException.class).hasMessageContaining("plain file name");
        PushRequest jdbc = new PushRequest("contoso-prod", "t", "jdbc:postgresql://db/x", java.util.Optional.of("select 1"),
                io.dvbridge.push.WriteMode.UPSERT, java.util.Optional.empty(), false, false, java.util.Optional.empty(),
                java.util.Optional.empty(), 500, false);
        assertThatThrownBy(() -> checks().check(push(), jdbc, Trigger.QUEUE)).isInstanceOf(InvalidRequestException.class)
                .hasMessageContaining("cannot name a JDBC URL");
        assertThat(checks().check(push(), jdbc, Trigger.CLI).from()).isEqualTo("jdbc:postgresql://db/x");
        assertThat(checks().check(push(), jdbc, Trigger.SCHEDULE).from()).isEqualTo("jdbc:postgresql://db/x");
    }
}
