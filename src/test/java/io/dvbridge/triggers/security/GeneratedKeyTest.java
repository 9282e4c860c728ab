package io.dvbridge.triggers.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** With no credential configured, a key is generated into an owner-only file, reused, and never shown. */
class GeneratedKeyTest {

    @TempDir
    Path dir;

    private static String keyIn(Path file) throws Exception {
        return Files.readString(file).trim();
    }

    @Test
    void without_credentials_a_key_is_generated_into_a_file_only_the_owner_can_read() throws Exception {
        Path file = dir.resolve("state/.dvbridge/api-key");

        ApiGuard guard = GuardSettings.generatedKeyIn(file).guard();

        assertThat(guard.generatedKeyFile()).contains(file.toAbsolutePath());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent()))).isEqualTo("rwx------");
        String key = keyIn(file);
        assertThat(key).matches("[A-Za-z0-9_-]{43}");
        assertThat(Files.list(file.getParent())).containsExactly(file);
        Caller caller = guard.check("127.0.0.1:8080", Map.of("X-API-Key", key), Permission.RUN_JOBS);
        assertThat(caller.name()).isEqualTo("generated");
        assertThat(caller.permissions()).containsExactlyInAnyOrder(Permission.values());
    }

    @Test
    void describe_says_where_the_generated_key_is_but_not_the_key() throws Exception {
        Path file = dir.resolve("api-key");

        String banner = GuardSettings.generatedKeyIn(file).guard().describe();

        assertThat(banner).contains(file.toAbsolutePath().toString()).doesNotContain(keyIn(file));
    }

    @Test
    void the_next_start_reuses_the_key_in_the_file() throws Exception {
        Path file = dir.resolve("api-key");
        GuardSettings.generatedKeyIn(file).guard();
        String first = keyIn(file);

        ApiGuard second = GuardSettings.generatedKeyIn(file).guard();

        assertThat(keyIn(file)).isEqualTo(first);
        assertThat(second.check("localhost:8080", Map.of("X-API-Key", first), Permission.READ_RUNS).name()).isEqualTo("generated");
    }

    @Test
    void a_key_file_others_may_read_is_refused_with_what_to_do_and_without_the_key() throws Exception {
        Path file = dir.resolve("api-key");
        GuardSettings.generatedKeyIn(file).guard();
        String key = keyIn(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> GuardSettings.generatedKeyIn(file).guard())
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining(file.toAbsolutePath().toString())
                .hasMessageContaining("rw-r--r--")
                .hasMessageContaining("Delete the file")
                .hasMessageNotContaining(key);
        assertThat(keyIn(file)).as("the refused file is left as it was").isEqualTo(key);
    }

    @Test
    void a_key_file_the_group_may_read_is_refused_too() throws Exception {
        Path file = dir.resolve("api-key");
        GuardSettings.generatedKeyIn(file).guard();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));

        assertThatThrownBy(() -> GuardSettings.generatedKeyIn(file).guard()).isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("rw-r-----");
    }

    @Test
    void a_key_file_holding_no_key_is_refused_and_left_alone() throws Exception {
        Path file = Files.createFile(dir.resolve("api-key"), PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, "short\n");

        assertThatThrownBy(() -> GuardSettings.generatedKeyIn(file).guard()).isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("holds no API key");
        assertThat(Files.readString(file)).isEqualTo("short\n");
    }

    @Test
    void a_link_in_place_of_the_key_file_is_refused() throws Exception {
        Path target = dir.resolve("elsewhere");
        GuardSettings.generatedKeyIn(target).guard();
        Path link = Files.createSymbolicLink(dir.resolve("api-key"), target);

        assertThatThrownBy(() -> GuardSettings.generatedKeyIn(link).guard()).isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("not a regular file");
    }

    @Test
    void no_key_is_generated_when_credentials_are_configured() {
        Path file = dir.resolve("api-key");

        ApiGuard guard = GuardSettings.withKeys().with("dvbridge.api.generated-key-file", file.toString()).guard();

        assertThat(guard.generatedKeyFile()).isEmpty();
        assertThat(file).doesNotExist();
    }
}
