package io.dvbridge.triggers.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Listening beyond loopback has to be configured on purpose, and is then said loudly. */
class BindingTest {

    @TempDir
    Path dir;

    @Test
    void binding_every_interface_with_only_a_generated_key_is_refused_before_any_key_is_made() {
        Path file = dir.resolve("api-key");

        assertThatThrownBy(() -> GuardSettings.generatedKeyIn(file).with("camel.server.host", "0.0.0.0").guard())
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("camel.server.host=0.0.0.0 makes the API reachable from other machines")
                .hasMessageContaining("dvbridge.api.keys");
        assertThat(file).doesNotExist();
    }

    @Test
    void binding_beyond_loopback_without_an_allowed_host_list_is_refused() {
        assertThatThrownBy(() -> GuardSettings.withKeys().with("camel.server.host", "192.0.2.10").guard())
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("dvbridge.api.allowed-hosts is not set");
    }

    @Test
    void binding_beyond_loopback_with_named_keys_and_hosts_starts_and_says_so_loudly() {
        ApiGuard guard = GuardSettings.withKeys().with("camel.server.host", "0.0.0.0")
                .with("dvbridge.api.allowed-hosts", "dvbridge.example.com:8080").guard();

        assertThat(guard.describe()).startsWith("LISTENING BEYOND LOOPBACK on 0.0.0.0.").contains("dvbridge.example.com:8080");
    }

    @Test
    void loopback_binds_need_nothing_more_and_say_nothing_loud() {
        for (String host : new String[]{"127.0.0.1", "localhost", "::1", "[::1]", "127.1.2.3"}) {
            ApiGuard guard = GuardSettings.withKeys().with("camel.server.host", host).guard();
            guard.requireSafeBinding(host);
            assertThat(guard.describe()).as(host).startsWith("API access:");
        }
    }

    @Test
    void the_guard_refuses_a_later_non_loopback_bind_of_a_loopback_configuration() {
        ApiGuard guard = GuardSettings.generatedKeyIn(dir.resolve("api-key")).guard();

        assertThatThrownBy(() -> guard.requireSafeBinding("::")).isInstanceOf(SecurityConfigurationException.class);
        assertThatThrownBy(() -> guard.requireSafeBinding("dvbridge.example.com")).isInstanceOf(SecurityConfigurationException.class);
    }
}
