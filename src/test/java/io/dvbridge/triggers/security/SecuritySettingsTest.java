package io.dvbridge.triggers.security;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Configuration mistakes are refused at start with a message naming the property and what to do. */
class SecuritySettingsTest {

    @Test
    void a_key_shorter_than_32_characters_is_refused_without_showing_it() {
        assertThatThrownBy(() -> GuardSettings.loopback().with("dvbridge.api.keys", "ci").with("dvbridge.api.keys.ci", "short-secret-1234").settings())
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("dvbridge.api.keys.ci is 17 characters long").hasMessageNotContaining("short-secret-1234");
    }

    @Test
    void a_listed_key_without_a_value_is_refused_with_an_example() {
        assertThatThrownBy(() -> GuardSettings.loopback().with("dvbridge.api.keys", "release-ci").settings())
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("dvbridge.api.keys.release-ci is not set")
                .hasMessageContaining("{{env:DVBRIDGE_API_KEY_RELEASE_CI}}");
    }

    @Test
    void an_unknown_permission_is_refused_naming_the_known_ones() {
        assertThatThrownBy(() -> GuardSettings.withKeys().with("dvbridge.api.keys.ci.permissions", "Jobs.Run, Jobs.Admin").settings())
                .isInstanceOf(SecurityConfigurationException.class)
                .hasMessageContaining("dvbridge.api.keys.ci.permissions names 'Jobs.Admin'")
                .hasMessageContaining("[Jobs.Run, Runs.Read]");
    }

    @Test
    void a_key_listed_twice_is_refused() {
        assertThatThrownBy(() -> GuardSettings.withKeys().with("dvbridge.api.keys", "ci,ci").settings())
                .isInstanceOf(SecurityConfigurationException.class).hasMessageContaining("'ci' twice");
    }

    @Test
    void entra_needs_both_authority_and_audience_and_one_tenant() {
        assertThatThrownBy(() -> GuardSettings.loopback().with("dvbridge.api.entra.audience", "api://dvbridge").settings())
                .isInstanceOf(SecurityConfigurationException.class).hasMessageContaining("dvbridge.api.entra.authority is not set");
        assertThatThrownBy(() -> GuardSettings.loopback().with("dvbridge.api.entra.audience", "api://dvbridge")
                .with("dvbridge.api.entra.authority", "https://login.microsoftonline.com/common").settings())
                .isInstanceOf(SecurityConfigurationException.class).hasMessageContaining("must name one tenant");
        assertThatThrownBy(() -> GuardSettings.loopback().with("dvbridge.api.entra.audience", "api://dvbridge")
                .with("dvbridge.api.entra.authority", "http://login.microsoftonline.com/contoso.onmicrosoft.com").settings())
                .isInstanceOf(SecurityConfigurationException.class).hasMessageContaining("must be an https URL");
    }

    @Test
    void malformed_hosts_origins_and_body_limits_are_refused() {
        assertThatThrownBy(() -> GuardSettings.withKeys().with("dvbridge.api.allowed-hosts", "dvbridge.example.com:http").settings())
                .isInstanceOf(SecurityConfigurationException.class).hasMessageContaining("'dvbridge.example.com:http'");
        assertThatThrownBy(() -> GuardSettings.withKeys().with("dvbridge.api.cors.allowed-origins", "*").settings())
                .isInstanceOf(SecurityConfigurationException.class).hasMessageContaining("name each origin");
        assertThatThrownBy(() -> GuardSettings.withKeys().with("dvbridge.api.cors.allowed-origins", "https://portal.example.com/app").settings())
                .isInstanceOf(SecurityConfigurationException.class).hasMessageContaining("not an origin");
        assertThatThrownBy(() -> GuardSettings.withKeys().with("dvbridge.api.max-body-bytes", "0").settings())
                .isInstanceOf(SecurityConfigurationException.class).hasMessageContaining("dvbridge.api.max-body-bytes");
    }

    @Test
    void the_body_limit_is_64_kib_unless_configured() {
        assertThat(GuardSettings.withKeys().guard().maxBodyBytes()).isEqualTo(65536);
        assertThat(GuardSettings.withKeys().with("dvbridge.api.max-body-bytes", "1048576").guard().maxBodyBytes()).isEqualTo(1048576);
    }

    @Test
    void settings_printed_for_debugging_show_no_key() {
        assertThat(GuardSettings.withKeys().settings().toString()).contains("name=ci").doesNotContain(GuardSettings.CI_KEY);
    }
}
