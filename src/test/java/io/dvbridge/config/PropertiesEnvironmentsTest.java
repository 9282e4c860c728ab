package io.dvbridge.config;

import io.dvbridge.auth.AccessToken;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.entra.SandboxFixtures;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import io.dvbridge.sandbox.tls.SelfSignedCertificate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class PropertiesEnvironmentsTest {

    private static final String SECRET = "Pr0d~Secret_value.xyz";
    private static final String TENANT = "8f0c2c4e-1b5a-4c7e-9a57-2d6f3e1a0b11";
    private static final String CLIENT = "11111111-2222-3333-4444-555555555555";

    @TempDir
    Path dir;

    private static Map<String, String> prod() {
        Map<String, String> p = new TreeMap<>();
        p.put("dvbridge.environment.prod.dataverse-url", "https://contoso.crm.dynamics.com");
        p.put("dvbridge.environment.prod.tenant-id", TENANT);
        p.put("dvbridge.environment.prod.client-id", CLIENT);
        p.put("dvbridge.environment.prod.client-secret", SECRET);
        p.put("camel.main.name", "dvbridge");
        return p;
    }

    @Test
    void an_environment_gets_its_urls_scopes_and_defaults() {
        DvEnvironment prod = new PropertiesEnvironments(prod()).environment("prod");

        assertThat(prod.name()).isEqualTo("prod");
        assertThat(prod.dataverseUrl()).isEqualTo(URI.create("https://contoso.crm.dynamics.com"));
        assertThat(prod.dataverseScope()).isEqualTo("https://contoso.crm.dynamics.com/.default");
        assertThat(prod.powerBiApiUrl()).isEqualTo(URI.create("https://api.powerbi.com/v1.0/myorg/"));
        assertThat(prod.powerBiScope()).isEqualTo(DvEnvironment.POWER_BI_SCOPE);
        assertThat(prod.tokens().toString()).contains("https://login.microsoftonline.com/" + TENANT + "/").contains(CLIENT);
    }

    @Test
    void nothing_printable_shows_the_secret() {
        PropertiesEnvironments environments = new PropertiesEnvironments(prod());

        assertThat(environments.toString()).contains("prod").doesNotContain(SECRET);
        assertThat(environments.environment("prod").toString()).doesNotContain(SECRET);
    }

    @Test
    void environments_using_the_same_app_share_one_token_source() {
        Map<String, String> p = prod();
        p.put("dvbridge.environment.test.dataverse-url", "https://contoso-test.crm.dynamics.com");
        p.put("dvbridge.environment.test.authority", "https://login.microsoftonline.com/" + TENANT);
        p.put("dvbridge.environment.test.client-id", CLIENT);
        p.put("dvbridge.environment.test.client-secret", SECRET);
        p.put("dvbridge.environment.other.dataverse-url", "https://other.crm.dynamics.com");
        p.put("dvbridge.environment.other.tenant-id", TENANT);
        p.put("dvbridge.environment.other.client-id", "99999999-2222-3333-4444-555555555555");
        p.put("dvbridge.environment.other.client-secret", "other-secret");

        PropertiesEnvironments environments = new PropertiesEnvironments(p);

        assertThat(environments.names()).containsExactly("other", "prod", "test");
        assertThat(environments.environment("test").tokens()).isSameAs(environments.environment("prod").tokens());
        assertThat(environments.environment("other").tokens()).isNotSameAs(environments.environment("prod").tokens());
    }

    @Test
    void one_app_with_two_different_secrets_is_a_configuration_error() {
        Map<String, String> p = prod();
        p.put("dvbridge.environment.test.dataverse-url", "https://contoso-test.crm.dynamics.com");
        p.put("dvbridge.environment.test.tenant-id", TENANT);
        p.put("dvbridge.environment.test.client-id", CLIENT);
        p.put("dvbridge.environment.test.client-secret", "a-different-secret");

        assertThatThrownBy(() -> new PropertiesEnvironments(p))
                .isInstanceOf(EnvironmentConfigurationException.class)
                .hasMessageContaining("'prod' and 'test' use client " + CLIENT)
                .hasMessageNotContaining("a-different-secret")
                .hasMessageNotContaining(SECRET);
    }

    @Test
    void every_problem_is_reported_naming_environment_and_property() {
        Map<String, String> p = new TreeMap<>();
        p.put("dvbridge.environment.dev.dataverse-url", "http://contoso-dev.crm.dynamics.com");
        p.put("dvbridge.environment.dev.client-secret", SECRET);
        p.put("dvbridge.environment.dev.clientid", CLIENT);
        p.put("dvbridge.environment.uat.tenant-id", TENANT);
        p.put("dvbridge.environment.uat.credential", "password");

        EnvironmentConfigurationException e = catchThrowableOfType(EnvironmentConfigurationException.class,
                () -> new PropertiesEnvironments(p));

        assertThat(e.problems()).anySatisfy(m -> assertThat(m).contains("'dev'").contains("dvbridge.environment.dev.dataverse-url")
                .contains("https://"));
        assertThat(e.problems()).anySatisfy(m -> assertThat(m).contains("unknown property dvbridge.environment.dev.clientid"));
        assertThat(e.problems()).anySatisfy(m -> assertThat(m).contains("dvbridge.environment.uat.dataverse-url is required"));
        assertThat(e.problems()).anySatisfy(m -> assertThat(m).contains("dvbridge.environment.uat.credential must be secret, "
                + "certificate or managed-identity"));
        assertThat(e.getMessage()).doesNotContain(SECRET);
    }

    @Test
    void a_missing_client_id_tenant_or_credential_is_named() {
        Map<String, String> p = new TreeMap<>();
        p.put("dvbridge.environment.dev.dataverse-url", "https://contoso-dev.crm.dynamics.com");
        p.put("dvbridge.environment.dev.client-secret", SECRET);
        p.put("dvbridge.environment.qa.dataverse-url", "https://contoso-qa.crm.dynamics.com");
        p.put("dvbridge.environment.qa.tenant-id", TENANT);
        p.put("dvbridge.environment.qa.client-id", CLIENT);

        EnvironmentConfigurationException e = catchThrowableOfType(EnvironmentConfigurationException.class,
                () -> new PropertiesEnvironments(p));

        assertThat(e.problems()).anySatisfy(m -> assertThat(m).contains("dvbridge.environment.dev.client-id is required"));
        assertThat(e.problems()).anySatisfy(m -> assertThat(m).contains("dvbridge.environment.dev.tenant-id"));
        assertThat(e.problems()).anySatisfy(m -> assertThat(m).contains("dvbridge.environment.qa.credential")
                .contains("neither dvbridge.environment.qa.client-secret nor dvbridge.environment.qa.certificate-file"));
    }

    @Test
    void an_unknown_environment_names_the_configured_ones() {
        assertThatThrownBy(() -> new PropertiesEnvironments(prod()).environment("staging"))
                .isInstanceOf(UnknownEnvironmentException.class)
                .hasMessageContaining("staging").hasMessageContaining("prod");
    }

    @Test
    void environment_variables_override_and_add_properties() {
        Map<String, String> p = prod();
        p.put("dvbridge.environment.contoso-dev.dataverse-url", "https://contoso-dev.crm.dynamics.com");
        Map<String, String> env = Map.of(
                "DVBRIDGE_ENVIRONMENT_PROD_DATAVERSE_URL", "https://contoso-new.crm.dynamics.com",
                "DVBRIDGE_ENVIRONMENT_CONTOSO_DEV_CLIENT_SECRET", "dev-secret",
                "DVBRIDGE_ENVIRONMENT_LAB_POWERBI_URL", "https://api.powerbi.com/v1.0/myorg/",
                "PATH", "/usr/bin");

        Map<String, String> merged = PropertiesEnvironments.withEnvironmentOverrides(p, env);

        assertThat(merged).containsEntry("dvbridge.environment.prod.dataverse-url", "https://contoso-new.crm.dynamics.com")
                .containsEntry("dvbridge.environment.contoso-dev.client-secret", "dev-secret")
                .containsEntry("dvbridge.environment.lab.powerbi-url", "https://api.powerbi.com/v1.0/myorg/")
                .doesNotContainKey("PATH");
    }

    @Test
    void a_managed_identity_needs_no_secret() {
        Map<String, String> p = new TreeMap<>();
        p.put("dvbridge.environment.azure.dataverse-url", "https://contoso.crm.dynamics.com");
        p.put("dvbridge.environment.azure.credential", "managed-identity");
        p.put("dvbridge.environment.azure.client-id", CLIENT);

        DvEnvironment azure = new PropertiesEnvironments(p).environment("azure");

        assertThat(azure.tokens().toString()).contains("managedIdentity=" + CLIENT);
    }

    @Test
    void camel_placeholders_in_values_of_application_properties_are_resolved() throws Exception {
        Path properties = dir.resolve("application.properties");
        Files.writeString(properties, """
                vault.prod.secret=%s
                dvbridge.environment.prod.dataverse-url=https://{{sys:dvbridge.test.org:contoso}}.crm.dynamics.com
                dvbridge.environment.prod.tenant-id=%s
                dvbridge.environment.prod.client-id=%s
                dvbridge.environment.prod.client-secret={{vault.prod.secret}}
                """.formatted(SECRET, TENANT, CLIENT));
        try (DefaultCamelContext camel = new DefaultCamelContext()) {
            camel.getPropertiesComponent().setLocation("file:" + properties);

            PropertiesEnvironments environments = PropertiesEnvironments.fromCamel(camel);

            assertThat(environments.environment("prod").dataverseUrl()).isEqualTo(URI.create("https://contoso.crm.dynamics.com"));
            assertThat(environments.environment("prod").tokens().toString()).contains(CLIENT).doesNotContain(SECRET);
        }
    }

    @Test
    void a_configured_environment_gets_tokens_from_the_sandbox_with_the_trust_it_names() throws Exception {
        SelfSignedCertificate cert = SelfSignedCertificate.forClient("config-test");
        try (Sandbox sandbox = Sandbox.start(FixtureLoader.parse(SandboxFixtures.yaml(cert)), SandboxOptions.defaults())) {
            Path ca = dir.resolve("sandbox-ca.pem");
            Files.writeString(ca, sandbox.certificatePem());
            Path pem = dir.resolve("app.pem");
            Files.writeString(pem, cert.certificatePem() + cert.privateKeyPem());
            Map<String, String> p = new TreeMap<>();
            p.put("dvbridge.environment.contoso-dev.dataverse-url", sandbox.dataverseResource("contoso-dev"));
            p.put("dvbridge.environment.contoso-dev.authority", sandbox.authority("contoso"));
            p.put("dvbridge.environment.contoso-dev.client-id", SandboxFixtures.CERT_APP);
            p.put("dvbridge.environment.contoso-dev.certificate-file", pem.toString());
            p.put("dvbridge.environment.contoso-dev.powerbi-url", sandbox.powerBiApiUrl());
            p.put("dvbridge.environment.contoso-dev.trust-pem", ca.toString());

            DvEnvironment env = new PropertiesEnvironments(p).environment("contoso-dev");
            AccessToken token = env.tokens().token(env.dataverseScope());

            assertThat(sandbox.entra().verify(Optional.of(token.value()), sandbox.dataverseResource("contoso-dev")).appId())
                    .isEqualTo(SandboxFixtures.CERT_APP);
            assertThat(env.dataverseApiUrl().toString()).isEqualTo(sandbox.dataverseApiUrl("contoso-dev"));
        }
    }

    @Test
    void an_unreadable_trust_file_or_certificate_is_named() {
        Map<String, String> p = new TreeMap<>();
        p.put("dvbridge.environment.dev.dataverse-url", "https://contoso-dev.crm.dynamics.com");
        p.put("dvbridge.environment.dev.tenant-id", TENANT);
        p.put("dvbridge.environment.dev.client-id", CLIENT);
        p.put("dvbridge.environment.dev.certificate-file", dir.resolve("missing.p12").toString());
        p.put("dvbridge.environment.dev.certificate-password", "p12-password");
        p.put("dvbridge.environment.qa.dataverse-url", "https://contoso-qa.crm.dynamics.com");
        p.put("dvbridge.environment.qa.tenant-id", TENANT);
        p.put("dvbridge.environment.qa.client-id", CLIENT);
        p.put("dvbridge.environment.qa.client-secret", SECRET);
        p.put("dvbridge.environment.qa.trust-pem", dir.resolve("missing-ca.pem").toString());

        EnvironmentConfigurationException e = catchThrowableOfType(EnvironmentConfigurationException.class,
                () -> new PropertiesEnvironments(p));

        assertThat(e.problems()).anySatisfy(m -> assertThat(m).contains("'dev'").contains("missing.p12"));
        assertThat(e.problems()).anySatisfy(m -> assertThat(m).contains("dvbridge.environment.qa.trust-pem").contains("missing-ca.pem"));
        assertThat(e.getMessage()).doesNotContain("p12-password").doesNotContain(SECRET);
    }
}
