package io.dvbridge.sandbox.entra;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.http.RequestContext;
import io.dvbridge.sandbox.http.SandboxRequest;
import io.dvbridge.sandbox.http.SandboxResponse;
import io.dvbridge.sandbox.tls.SelfSignedCertificate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Client assertions checked as Entra checks certificate credentials. */
class ClientAssertionTest {

    private static final String BASE = "https://127.0.0.1:9443";
    private static final String TOKEN_ENDPOINT = BASE + "/" + SandboxFixtures.TENANT_ID + "/oauth2/v2.0/token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static SelfSignedCertificate registered;
    private static EntraService entra;
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2025-03-01T10:00:00Z"));

    @BeforeAll
    static void setUp() {
        registered = SelfSignedCertificate.forClient("assertion-test");
        entra = new EntraService(FixtureLoader.parse(SandboxFixtures.yaml(registered)).tenants(), BASE, CLOCK);
    }

    private static JWTClaimsSet.Builder claims() {
        Instant now = CLOCK.instant();
        return new JWTClaimsSet.Builder().audience(TOKEN_ENDPOINT).issuer(SandboxFixtures.CERT_APP).subject(SandboxFixtures.CERT_APP)
                .jwtID(UUID.randomUUID().toString()).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)));
    }

    private static String sign(JWTClaimsSet claims, SelfSignedCertificate signer, boolean withThumbprint) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.RS256);
        if (withThumbprint) {
            header.x509CertSHA256Thumbprint(Base64URL.encode(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(signer.certificate().getEncoded())));
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new RSASSASigner(signer.keyPair().getPrivate()));
        return jwt.serialize();
    }

    private static SandboxResponse request(String assertion) {
        return request(SandboxFixtures.TENANT_ID, assertion);
    }

    private static SandboxResponse request(String tenantInPath, String assertion) {
        String body = "grant_type=client_credentials&client_id=" + SandboxFixtures.CERT_APP
                + "&scope=" + URLEncoder.encode(BASE + "/orgs/contoso-dev/.default", StandardCharsets.UTF_8)
                + "&client_assertion_type=" + URLEncoder.encode(ClientAssertionVerifier.JWT_BEARER, StandardCharsets.UTF_8)
                + "&client_assertion=" + assertion;
        return entra.handle(new SandboxRequest("POST", "/" + tenantInPath + "/oauth2/v2.0/token", "", Map.of(),
                body.getBytes(StandardCharsets.UTF_8)), new RequestContext());
    }

    private static int aadsts(SandboxResponse response) throws Exception {
        JsonNode body = JSON.readTree(response.body());
        return body.has("error_codes") ? body.get("error_codes").get(0).asInt() : 0;
    }

    @Test
    void an_assertion_without_a_thumbprint_is_checked_against_every_registered_certificate() throws Exception {
        SandboxResponse response = request(sign(claims().build(), registered, false));
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void an_assertion_for_the_endpoint_as_the_client_named_it_is_accepted() throws Exception {
        SandboxResponse response = request("contoso", sign(claims().audience(BASE + "/contoso/oauth2/v2.0/token").build(), registered, true));
        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void an_expired_assertion_is_refused_with_700024() throws Exception {
        Instant past = CLOCK.instant().minus(Duration.ofMinutes(20));
        SandboxResponse response = request(sign(claims().notBeforeTime(Date.from(past))
                .expirationTime(Date.from(past.plusSeconds(600))).build(), registered, true));
        assertThat(response.status()).isEqualTo(401);
        assertThat(aadsts(response)).isEqualTo(700024);
    }

    @Test
    void an_assertion_for_another_endpoint_is_refused_with_50027() throws Exception {
        SandboxResponse response = request(sign(claims().audience("https://login.microsoftonline.com/"
                + SandboxFixtures.TENANT_ID + "/oauth2/v2.0/token").build(), registered, true));
        assertThat(response.status()).isEqualTo(400);
        assertThat(aadsts(response)).isEqualTo(50027);
    }

    @Test
    void an_assertion_issued_by_another_client_is_refused_with_700021() throws Exception {
        SandboxResponse response = request(sign(claims().issuer(SandboxFixtures.SECRET_APP).build(), registered, true));
        assertThat(response.status()).isEqualTo(401);
        assertThat(aadsts(response)).isEqualTo(700021);
    }

    @Test
    void an_assertion_whose_signature_does_not_verify_is_refused_with_700027() throws Exception {
        String valid = sign(claims().build(), registered, true);
        String other = sign(claims().jwtID("other").build(), registered, true);
        String forged = valid.substring(0, valid.lastIndexOf('.')) + other.substring(other.lastIndexOf('.'));
        SandboxResponse response = request(forged);
        assertThat(response.status()).isEqualTo(401);
        assertThat(aadsts(response)).isEqualTo(700027);
        assertThat(response.bodyAsString()).contains("did not match the expected signature value");
    }

    @Test
    void a_malformed_assertion_is_refused_with_50027() throws Exception {
        SandboxResponse response = request("not.a.jwt");
        assertThat(response.status()).isEqualTo(400);
        assertThat(aadsts(response)).isEqualTo(50027);
    }
}
