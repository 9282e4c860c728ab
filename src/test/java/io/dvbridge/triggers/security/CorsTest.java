package io.dvbridge.triggers.security;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** CORS is off unless origins are configured, and then answers only those origins. */
class CorsTest {

    @Test
    void without_configuration_no_origin_gets_cors_headers() {
        ApiGuard guard = GuardSettings.withKeys().guard();

        assertThat(guard.corsHeaders(Optional.of("http://localhost:8080"), true)).isEmpty();
        assertThat(guard.corsHeaders(Optional.of("https://evil.example"), false)).isEmpty();
        assertThat(guard.describe()).contains("CORS: off");
    }

    @Test
    void a_listed_origin_gets_its_own_origin_back_and_the_preflight_answers() {
        ApiGuard guard = GuardSettings.withKeys().with("dvbridge.api.cors.allowed-origins", "https://portal.example.com").guard();

        assertThat(guard.corsHeaders(Optional.of("https://portal.example.com"), true))
                .containsEntry("Access-Control-Allow-Origin", "https://portal.example.com")
                .containsEntry("Vary", "Origin")
                .containsEntry("Access-Control-Allow-Methods", "GET, POST")
                .containsEntry("Access-Control-Allow-Headers", "Authorization, Content-Type, X-API-Key")
                .doesNotContainKey("Access-Control-Allow-Credentials");
        assertThat(guard.corsHeaders(Optional.of("https://portal.example.com"), false))
                .containsEntry("Access-Control-Allow-Origin", "https://portal.example.com")
                .doesNotContainKey("Access-Control-Allow-Methods");
    }

    @Test
    void a_preflight_from_an_unlisted_origin_gets_no_cors_header() {
        ApiGuard guard = GuardSettings.withKeys().with("dvbridge.api.cors.allowed-origins", "https://portal.example.com").guard();

        assertThat(guard.corsHeaders(Optional.of("https://portal.example.com.evil.example"), true)).isEmpty();
        assertThat(guard.corsHeaders(Optional.of("http://portal.example.com"), true)).isEmpty();
        assertThat(guard.corsHeaders(Optional.of("null"), true)).isEmpty();
        assertThat(guard.corsHeaders(Optional.empty(), true)).isEmpty();
    }
}
