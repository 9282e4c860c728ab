package io.dvbridge.sandbox.entra;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.aad.msal4j.ClientCredentialFactory;
import com.microsoft.aad.msal4j.ClientCredentialParameters;
import com.microsoft.aad.msal4j.ConfidentialClientApplication;
import com.nimbusds.jwt.SignedJWT;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.fixture.FixtureException;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** App roles of an API registration, granted to client apps and carried in tokens msal4j gets over HTTPS. */
class AppRolesOverHttpsTest {

    private static Sandbox sandbox;

    @BeforeAll
    static void start() {
        sandbox = Sandbox.start(FixtureLoader.parse(ApiAppFixture.yaml()), SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.close();
    }

    private static SignedJWT token(String clientId, String tenant, String scope) throws Exception {
        ConfidentialClientApplication app = ConfidentialClientApplication.builder(clientId,
                        ClientCredentialFactory.createFromSecret(ApiAppFixture.SECRET))
                .authority(sandbox.authority(tenant)).instanceDiscovery(false).validateAuthority(false)
                .sslSocketFactory(sandbox.clientTls().getSocketFactory()).build();
        return SignedJWT.parse(app.acquireToken(ClientCredentialParameters.builder(Set.of(scope)).skipCache(true).build())
                .join().accessToken());
    }

    @Test
    void a_client_assigned_app_roles_gets_them_in_a_token_for_the_api() throws Exception {
        SignedJWT token = token(ApiAppFixture.RUNNER, "contoso", ApiAppFixture.APP_ID_URI + "/.default");

        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(ApiAppFixture.APP_ID_URI);
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("Jobs.Run", "Runs.Read");
        // An API whose manifest does not ask for v2.0 gets v1.0 tokens, whichever endpoint the client used.
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(sandbox.baseUrl() + "/" + ApiAppFixture.TENANT_ID + "/");
        assertThat(token.getJWTClaimsSet().getStringClaim("ver")).isEqualTo("1.0");
        assertThat(sandbox.entra().verify(Optional.of(token.serialize()), ApiAppFixture.APP_ID_URI).appId())
                .isEqualTo(ApiAppFixture.RUNNER);
    }

    @Test
    void an_api_asking_for_v2_tokens_gets_its_client_id_as_audience_and_the_v2_issuer() throws Exception {
        SignedJWT token = token(ApiAppFixture.RUNNER, "contoso", ApiAppFixture.V2_APP_ID_URI + "/.default");

        assertThat(token.getJWTClaimsSet().getAudience()).containsExactly(ApiAppFixture.V2_API_CLIENT_ID);
        assertThat(token.getJWTClaimsSet().getIssuer()).isEqualTo(sandbox.baseUrl() + "/" + ApiAppFixture.TENANT_ID + "/v2.0");
        assertThat(token.getJWTClaimsSet().getStringClaim("ver")).isEqualTo("2.0");
        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("Jobs.Run");
    }

    @Test
    void an_assignment_made_by_the_api_client_id_counts_for_its_identifier_uri() throws Exception {
        SignedJWT token = token(ApiAppFixture.READER, "contoso", ApiAppFixture.APP_ID_URI + "/.default");

        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("Runs.Read");
    }

    @Test
    void a_client_without_assignments_gets_a_token_without_a_roles_claim() throws Exception {
        SignedJWT token = token(ApiAppFixture.NO_ROLES, "contoso", ApiAppFixture.APP_ID_URI + "/.default");

        assertThat(token.getJWTClaimsSet().getClaims()).doesNotContainKey("roles");
    }

    @Test
    void roles_on_the_api_are_not_put_in_tokens_for_other_resources() throws Exception {
        SignedJWT token = token(ApiAppFixture.RUNNER, "contoso", sandbox.dataverseResource("contoso-dev") + "/.default");

        assertThat(token.getJWTClaimsSet().getClaims()).doesNotContainKey("roles");
    }

    @Test
    void another_tenant_grants_roles_on_its_own_api_with_its_own_issuer() throws Exception {
        SignedJWT token = token(ApiAppFixture.OTHER_TENANT_RUNNER, "fabrikam", ApiAppFixture.APP_ID_URI + "/.default");

        assertThat(token.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("Jobs.Run", "Runs.Read");
        assertThat(token.getJWTClaimsSet().getIssuer()).contains(ApiAppFixture.OTHER_TENANT_ID);
    }

    @Test
    void after_a_key_rollover_new_tokens_name_the_new_key_and_the_key_set_publishes_both() throws Exception {
        try (Sandbox own = Sandbox.start(FixtureLoader.parse(ApiAppFixture.yaml()), SandboxOptions.defaults())) {
            HttpClient http = HttpClient.newBuilder().sslContext(own.clientTls()).build();
            URI keys = URI.create(own.baseUrl() + "/" + ApiAppFixture.TENANT_ID + "/discovery/v2.0/keys");
            List<String> before = keyIds(http, keys);

            own.entra().rollOverSigningKey();
            String kidOfNewToken = token(own, ApiAppFixture.RUNNER).getHeader().getKeyID();

            assertThat(before).hasSize(1);
            assertThat(keyIds(http, keys)).containsExactly(kidOfNewToken, before.get(0));
            assertThat(kidOfNewToken).isNotEqualTo(before.get(0));
        }
    }

    private static SignedJWT token(Sandbox target, String clientId) throws Exception {
        ConfidentialClientApplication app = ConfidentialClientApplication.builder(clientId,
                        ClientCredentialFactory.createFromSecret(ApiAppFixture.SECRET))
                .authority(target.authority("contoso")).instanceDiscovery(false).validateAuthority(false)
                .sslSocketFactory(target.clientTls().getSocketFactory()).build();
        return SignedJWT.parse(app.acquireToken(ClientCredentialParameters.builder(Set.of(ApiAppFixture.APP_ID_URI + "/.default"))
                .skipCache(true).build()).join().accessToken());
    }

    private static List<String> keyIds(HttpClient http, URI keys) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(keys).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        List<String> kids = new ArrayList<>();
        new ObjectMapper().readTree(response.body()).path("keys").forEach(k -> kids.add(k.path("kid").asText()));
        return kids;
    }

    @Test
    void a_fixture_granting_a_role_the_api_does_not_declare_is_refused_with_both_names() {
        String yaml = ApiAppFixture.yaml().replaceFirst(Pattern.quote("{\"api://dvbridge\": [Jobs.Run, Runs.Read],"),
                "{\"api://dvbridge\": [Jobs.Admin],");

        assertThatThrownBy(() -> FixtureLoader.parse(yaml)).isInstanceOf(FixtureException.class)
                .hasMessageContaining("role 'Jobs.Admin'").hasMessageContaining(ApiAppFixture.API_CLIENT_ID);
    }

    @Test
    void a_fixture_granting_roles_on_an_api_no_app_of_the_tenant_exposes_is_refused() {
        String yaml = ApiAppFixture.yaml().replace("appRoleAssignments: {\"a0000000-0000-4000-8000-000000000001\": [Runs.Read]}",
                "appRoleAssignments: {\"api://elsewhere\": [Runs.Read]}");

        assertThatThrownBy(() -> FixtureLoader.parse(yaml)).isInstanceOf(FixtureException.class)
                .hasMessageContaining("'api://elsewhere'").hasMessageContaining(ApiAppFixture.READER);
    }
}
