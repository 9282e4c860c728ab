package io.dvbridge.dataverse;

import io.dvbridge.auth.Credential;
import io.dvbridge.auth.TokenSourceRegistry;
import io.dvbridge.config.DvEnvironment;
import io.dvbridge.config.Environments;
import io.dvbridge.config.UnknownEnvironmentException;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A sandbox organization with tables for bulk writes, two application users of it configured as dvbridge
 * configures them ({@code org}, whose pool holds {@code org-app2}, and {@code org-app2}), and a Camel context
 * whose YAML routes write through {@code dataverse:}. Everything goes over HTTPS with real msal4j tokens.
 */
final class BulkWorld implements Environments, AutoCloseable {

    static final String ORG = "contoso-dev";
    static final String APP1 = "b1b2c3d4-0000-4000-8000-000000000001";
    static final String APP2 = "b1b2c3d4-0000-4000-8000-000000000002";
    static final String ACCOUNT = "7d2a1c3e-0001-4a5b-8c6d-000000000001";

    /** Tables: a standard one with every kind of column and an alternate key, one without bulk support, an elastic one. */
    private static final String FIXTURE = """
            tenants:
              - id: 6f1c2b9a-3d4e-4f50-8a61-7b2c3d4e5f61
                name: contoso
                apps:
                  - {clientId: %s, name: importer-1, secrets: ["bulk-secret-1"]}
                  - {clientId: %s, name: importer-2, secrets: ["bulk-secret-2"]}
            environments:
              - name: contoso-dev
                tenant: contoso
                dopHint: 3
                tables:
                  - logicalName: account
                    entitySetName: accounts
                    primaryName: name
                    columns:
                      - {name: accountnumber, type: String, maxLength: 20}
                    keys: [[accountnumber]]
                    rows:
                      - {accountid: %s, name: Contoso Retail, accountnumber: ACC-001}
                  - logicalName: dvb_customerimport
                    entitySetName: dvb_customerimports
                    primaryName: dvb_name
                    columns:
                      - {name: dvb_customernumber, type: String, maxLength: 20, required: SystemRequired}
                      - {name: dvb_loyaltypoints, type: Integer, minValue: 0, maxValue: 1000000}
                      - {name: dvb_segment, type: Picklist, options: {100000000: Retail, 100000001: Wholesale}}
                      - {name: dvb_accountid, schemaName: dvb_AccountId, type: Lookup, targets: [account]}
                    keys: [[dvb_customernumber]]
                  - logicalName: dvb_legacyimport
                    entitySetName: dvb_legacyimports
                    primaryName: dvb_name
                    bulkMessages: []
                    columns:
                      - {name: dvb_code, type: String, maxLength: 10}
                  - logicalName: dvb_signal
                    entitySetName: dvb_signals
                    elastic: true
                    columns:
                      - {name: partitionid, type: String, maxLength: 100}
                      - {name: dvb_value, type: Integer, minValue: 0, maxValue: 100}
            """.formatted(APP1, APP2, ACCOUNT);

    final Sandbox sandbox;
    final CamelContext camel = new DefaultCamelContext();
    /** The route's split runs on as many threads as Dataverse allows requests per user; the limiter decides. */
    final ExecutorService pushPool = Executors.newFixedThreadPool(52);
    private final Map<String, DvEnvironment> environments;

    BulkWorld(int maxConcurrency, String routesYaml) throws Exception {
        sandbox = Sandbox.start(FixtureLoader.parse(FIXTURE), SandboxOptions.defaults());
        TokenSourceRegistry tokens = new TokenSourceRegistry();
        URI org = URI.create(sandbox.dataverseResource(ORG));
        URI powerBi = URI.create(sandbox.powerBiApiUrl());
        environments = Map.of(
                "org", new DvEnvironment("org", org, powerBi, DvEnvironment.POWER_BI_SCOPE, tokens.confidentialClient(
                        sandbox.authority("contoso"), APP1, new Credential.ClientSecret("bulk-secret-1"), sandbox.clientTls()),
                        sandbox.clientTls(), List.of()),
                "pooled", new DvEnvironment("pooled", org, powerBi, DvEnvironment.POWER_BI_SCOPE, tokens.confidentialClient(
                        sandbox.authority("contoso"), APP1, new Credential.ClientSecret("bulk-secret-1"), sandbox.clientTls()),
                        sandbox.clientTls(), List.of("org-app2")),
                "org-app2", new DvEnvironment("org-app2", org, powerBi, DvEnvironment.POWER_BI_SCOPE, tokens.confidentialClient(
                        sandbox.authority("contoso"), APP2, new Credential.ClientSecret("bulk-secret-2"), sandbox.clientTls()),
                        sandbox.clientTls(), List.of()));
        camel.getRegistry().bind("environments", this);
        camel.getRegistry().bind("pushPool", pushPool);
        camel.getComponent("dataverse", DataverseComponent.class).setMaxConcurrency(maxConcurrency);
        PluginHelper.getRoutesLoader(camel).loadRoutes(ResourceHelper.fromString("bulk.camel.yaml", routesYaml));
        camel.start();
    }

    @Override
    public DvEnvironment environment(String name) {
        DvEnvironment environment = environments.get(name);
        if (environment == null) {
            throw new UnknownEnvironmentException(name, names());
        }
        return environment;
    }

    @Override
    public Set<String> names() {
        return environments.keySet();
    }

    Table table(String entitySet) {
        return sandbox.environment(ORG).data().tableBySet(entitySet).orElseThrow();
    }

    List<StoredRow> rows(String entitySet, String column, String prefix) {
        return table(entitySet).rows().stream().filter(r -> String.valueOf(r.get(column)).startsWith(prefix)).toList();
    }

    long requests(String pathEnd) {
        return sandbox.requestLog().count(e -> e.method().equals("POST") && e.path().endsWith(pathEnd));
    }

    DataverseComponent component() {
        return camel.getComponent("dataverse", DataverseComponent.class);
    }

    @SuppressWarnings("unchecked")
    List<BulkRowResult> send(String uri, List<BulkRow> rows) {
        return camel.createProducerTemplate().requestBody(uri, rows, List.class);
    }

    @Override
    public void close() {
        camel.stop();
        pushPool.shutdownNow();
        sandbox.close();
    }
}
