package io.dvbridge.auth;

import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.entra.MutableClock;
import io.dvbridge.sandbox.entra.SandboxFixtures;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.tls.SelfSignedCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Our msal4j token sources against the sandbox's Entra ID over HTTPS. */
class MsalTokenSourceTest {

    private static SelfSignedCertificate certificate;
    private static Sandbox sandbox;
    private static String scope;
    private static String resource;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        certificate = SelfSignedCertificate.forClient("dvbridge-token-source");
        sandbox = Sandbox.start(FixtureLoader.parse(SandboxFixtures.yaml(certificate)), SandboxOptions.defaults());
        resource = sandbox.dataverseResource("contoso-dev");
        scope = resource + "/.default";
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    @BeforeEach
    void freshLifetime() {
        sandbox.tokenLifetime(Duration.ofMinutes(60));
    }

    private static long tokenRequests() {
        return sandbox.requestLog().count(e -> "POST".equals(e.method()) && e.path().endsWith("/oauth2/v2.0/token"));
    }

    private static TokenSource secretSource(TokenSourceRegistry registry, String secret) {
        return registry.confidentialClient(sandbox.authority("contoso"), SandboxFixtures.SECRET_APP,
                new Credential.ClientSecret(secret), sandbox.clientTls());
    }

    private static void assertAccepted(AccessToken token, String clientId) throws Exception {
        assertThat(sandbox.entra().verify(Optional.of(token.value()), resource).appId()).isEqualTo(clientId);
    }

    @Test
    void a_client_secret_gets_a_token_the_environment_accepts() throws Exception {
        AccessToken token = secretSource(new TokenSourceRegistry(), SandboxFixtures.SECRET).token(scope);

        assertAccepted(token, SandboxFixtures.SECRET_APP);
        assertThat(token.expiresOn()).isAfter(Instant.now().plus(Duration.ofMinutes(55)));
    }

    @Test
    void a_second_call_is_served_from_our_cache_without_a_request() {
        TokenSource source = secretSource(new TokenSourceRegistry(), SandboxFixtures.SECRET);
        long before = tokenRequests();

        AccessToken first = source.token(scope);
        AccessToken second = source.token(scope);

        assertThat(second.value()).isEqualTo(first.value());
        assertThat(tokenRequests() - before).isEqualTo(1);
    }

    @Test
    void a_token_near_expiry_is_replaced_by_a_new_request() {
        MutableClock clock = new MutableClock(Instant.now());
        TokenSource source = secretSource(new TokenSourceRegistry(clock), SandboxFixtures.SECRET);
        sandbox.tokenLifetime(Duration.ofSeconds(4));
        long before = tokenRequests();

        AccessToken first = source.token(scope);
        assertThat(source.token(scope).value()).isEqualTo(first.value());
        clock.advance(Duration.ofSeconds(3));
        AccessToken second = source.token(scope);

        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(tokenRequests() - before).isEqualTo(2);
    }

    @Test
    void invalidate_forces_a_new_request() {
        TokenSource source = secretSource(new TokenSourceRegistry(), SandboxFixtures.SECRET);
        long before = tokenRequests();
        AccessToken first = source.token(scope);

        source.invalidate(scope);
        AccessToken second = source.token(scope);

        assertThat(second.value()).isNotEqualTo(first.value());
        assertThat(tokenRequests() - before).isEqualTo(2);
    }

    @Test
    void a_wrong_secret_is_our_typed_exception_with_the_aadsts_code_and_without_the_secret() {
        String wrong = "Wr0ng~Secret.value_123";
        TokenSource source = secretSource(new TokenSourceRegistry(), wrong);

        AuthenticationException e = catchThrowableOfType(AuthenticationException.class, () -> source.token(scope));

        assertThat(e).isNotNull();
        assertThat(e.errorCode()).isEqualTo("invalid_client");
        assertThat(e.status()).isEqualTo(401);
        assertThat(e.aadstsCode()).contains("AADSTS7000215");
        assertThat(e.correlationId()).isPresent();
        assertThat(e.transientFailure()).isFalse();
        assertThat(e.getMessage()).contains("AADSTS7000215").contains(SandboxFixtures.SECRET_APP).doesNotContain(wrong);
        assertThat(e.description()).doesNotContain(wrong);
        assertThat(String.valueOf(e.getCause())).doesNotContain(wrong);
        assertThat(source.toString()).doesNotContain(wrong).contains(SandboxFixtures.SECRET_APP);
    }

    @Test
    void a_certificate_from_pkcs12_gets_a_token() throws Exception {
        Path p12 = dir.resolve("app.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            certificate.toPkcs12("p12-pass".toCharArray()).store(out, "p12-pass".toCharArray());
        }
        TokenSource source = new TokenSourceRegistry().confidentialClient(sandbox.authority("contoso"), SandboxFixtures.CERT_APP,
                new Credential.CertificateFile(p12, Optional.empty(), Optional.of("p12-pass")), sandbox.clientTls());

        assertAccepted(source.token(scope), SandboxFixtures.CERT_APP);
    }

    @Test
    void a_certificate_from_one_pem_file_with_its_key_gets_a_token() throws Exception {
        Path pem = dir.resolve("app.pem");
        Files.writeString(pem, certificate.privateKeyPem() + certificate.certificatePem());
        TokenSource source = new TokenSourceRegistry().confidentialClient(sandbox.authority("contoso"), SandboxFixtures.CERT_APP,
                new Credential.CertificateFile(pem, Optional.empty(), Optional.empty()), sandbox.clientTls());

        assertAccepted(source.token(scope), SandboxFixtures.CERT_APP);
    }

    @Test
    void a_certificate_with_its_key_in_a_separate_pem_file_gets_a_token() throws Exception {
        Path cert = dir.resolve("app.crt");
        Path key = dir.resolve("app.key");
        Files.writeString(cert, certificate.certificatePem());
        Files.writeString(key, certificate.privateKeyPem());
        TokenSource source = new TokenSourceRegistry().confidentialClient(sandbox.authority("contoso"), SandboxFixtures.CERT_APP,
                new Credential.CertificateFile(cert, Optional.of(key), Optional.empty()), sandbox.clientTls());

        assertAccepted(source.token(scope), SandboxFixtures.CERT_APP);
    }

    @Test
    void a_wrong_pkcs12_password_is_reported_without_the_password() throws Exception {
        Path p12 = dir.resolve("app.p12");
        try (OutputStream out = Files.newOutputStream(p12)) {
            certificate.toPkcs12("right-pass".toCharArray()).store(out, "right-pass".toCharArray());
        }
        assertThatThrownBy(() -> new TokenSourceRegistry().confidentialClient(sandbox.authority("contoso"), SandboxFixtures.CERT_APP,
                new Credential.CertificateFile(p12, Optional.empty(), Optional.of("wrong-pass")), sandbox.clientTls()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(p12.toString())
                .hasMessageContaining("password")
                .hasMessageNotContaining("wrong-pass");
    }

    @Test
    void one_app_gets_one_token_source_and_another_credential_for_it_is_refused() {
        TokenSourceRegistry registry = new TokenSourceRegistry();
        TokenSource first = secretSource(registry, SandboxFixtures.SECRET);

        assertThat(registry.confidentialClient(sandbox.authority("contoso").replace("/" + SandboxFixtures.TENANT_ID + "/",
                "/" + SandboxFixtures.TENANT_ID.toUpperCase() + "/"), SandboxFixtures.SECRET_APP.toUpperCase(),
                new Credential.ClientSecret(SandboxFixtures.SECRET), sandbox.clientTls())).isSameAs(first);
        assertThatThrownBy(() -> secretSource(registry, "another-secret"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("another-secret");
    }
}
