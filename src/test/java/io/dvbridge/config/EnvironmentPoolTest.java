package io.dvbridge.config;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code dvbridge.environment.<name>.pool}: further application users of the same organization. */
class EnvironmentPoolTest {

    private static final String TENANT = "8f0c2c4e-1b5a-4c7e-9a57-2d6f3e1a0b11";

    private static Map<String, String> user(Map<String, String> p, String name, String url, String clientId) {
        p.put("dvbridge.environment." + name + ".dataverse-url", url);
        p.put("dvbridge.environment." + name + ".tenant-id", TENANT);
        p.put("dvbridge.environment." + name + ".client-id", clientId);
        p.put("dvbridge.environment." + name + ".client-secret", "Pool~Secret_" + name);
        return p;
    }

    private static Map<String, String> twoUsers(String secondUrl) {
        Map<String, String> p = new TreeMap<>();
        user(p, "prod", "https://contoso.crm.dynamics.com", "11111111-2222-3333-4444-555555555551");
        user(p, "prod-app2", secondUrl, "11111111-2222-3333-4444-555555555552");
        return p;
    }

    @Test
    void a_pool_names_other_environments_of_the_same_organization_each_with_its_own_app() {
        Map<String, String> p = twoUsers("https://contoso.crm.dynamics.com/");
        p.put("dvbridge.environment.prod.pool", " prod-app2 , ");

        PropertiesEnvironments environments = new PropertiesEnvironments(p);

        assertThat(environments.environment("prod").pool()).containsExactly("prod-app2");
        assertThat(environments.environment("prod-app2").pool()).isEmpty();
        assertThat(environments.environment("prod").tokens()).isNotSameAs(environments.environment("prod-app2").tokens());
    }

    @Test
    void a_pool_member_that_is_unknown_or_another_organization_is_a_configuration_error() {
        Map<String, String> p = twoUsers("https://fabrikam.crm.dynamics.com");
        p.put("dvbridge.environment.prod.pool", "prod-app2,prod-app3");

        assertThatThrownBy(() -> new PropertiesEnvironments(p))
                .isInstanceOf(EnvironmentConfigurationException.class)
                .hasMessageContaining("names 'prod-app3', which is not a configured environment")
                .hasMessageContaining("pool member 'prod-app2' has dataverse-url https://fabrikam.crm.dynamics.com")
                .hasMessageNotContaining("Pool~Secret");
    }
}
