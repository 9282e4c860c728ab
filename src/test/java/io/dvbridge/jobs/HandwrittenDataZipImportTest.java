package io.dvbridge.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dvbridge.cli.DvBridge;
import io.dvbridge.cmt.Outcome;
import io.dvbridge.cmt.RecordResult;
import io.dvbridge.cmt.ResultsFile;
import io.dvbridge.sandbox.Sandbox;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;
import io.dvbridge.sandbox.fixture.FixtureLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The data.zip written by hand in CMT's documented layout (src/test/resources/cmt/handwritten-data.zip:
 * a currency, an account pointing at it with money, multi-select choices, a boolean, a date with seven
 * fractional digits, state/status and a many-to-many group) imports through the CLI, {@code dvbridge
 * data import}, into a sandbox that runs on its own and is configured like a real tenant.
 */
class HandwrittenDataZipImportTest {

    static final String CURRENCY = "b1d0f273-4f56-ec11-8c62-000d3a8c5dab";
    static final String ACCOUNT = "a1b2c3d4-e5f6-7890-abcd-ef1234567890";
    static final String LEAD_1 = "aaaaaaaa-bbbb-cccc-dddd-eeeeeeeeeeee";
    static final String LEAD_2 = "ffffffff-0000-1111-2222-333333333333";
    static final String FIXTURE = MigrationWorld.TENANT + """
            environments:
              - name: hand
                tenant: contoso
                tables:
                  - logicalName: transactioncurrency
                    entitySetName: transactioncurrencies
                    primaryName: currencyname
                    columns:
                      - {name: isocurrencycode, type: String, maxLength: 5}
                      - {name: exchangerate, type: Decimal, precision: 10}
                  - logicalName: lead
                    entitySetName: leads
                    primaryName: fullname
                    rows: [{leadid: %s, fullname: First Lead}, {leadid: %s, fullname: Second Lead}]
                  - logicalName: account
                    entitySetName: accounts
                    primaryName: name
                    manyToMany:
                      - {name: accountleads_association, target: lead, intersect: accountleads}
                    columns:
                      - {name: transactioncurrencyid, schemaName: TransactionCurrencyId, type: Lookup, targets: [transactioncurrency]}
                      - {name: revenue, type: Money}
                      - {name: dvb_regions, type: MultiSelectPicklist, options: {100000000: North, 100000001: South, 100000002: East}}
                      - {name: donotemail, type: Boolean}
                      - {name: overriddencreatedon, type: DateTime, validForUpdate: false}
                      - {name: statecode, type: State, options: {0: Active, 1: Inactive}}
                      - {name: statuscode, type: Status, options: {1: Active, 2: Inactive}}
            """.formatted(LEAD_1, LEAD_2);

    @TempDir
    Path dir;
    Sandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Test
    void the_hand_written_data_zip_imports_through_the_cli_into_a_sandbox_configured_like_a_real_tenant() throws Exception {
        sandbox = Sandbox.start(FixtureLoader.parse(FIXTURE), SandboxOptions.defaults());
        Path ca = dir.resolve("sandbox-ca.pem");
        Files.writeString(ca, sandbox.certificatePem());
        Path config = dir.resolve("hand.properties");
        String tenant = "6f1c2b9a-3d4e-4f50-8a61-7b2c3d4e5f60";
        Files.writeString(config, String.join("\n",
                "dvbridge.runs.dir=" + dir.resolve("runs"),
                "dvbridge.sandbox.environments=",
                "dvbridge.environment.hand.dataverse-url=" + sandbox.dataverseResource("hand"),
                "dvbridge.environment.hand.authority=" + sandbox.authority(tenant),
                "dvbridge.environment.hand.client-id=3b7e1f4a-9c2d-4e8f-a1b3-5d6c7e8f9a0b",
                "dvbridge.environment.hand.client-secret=sandbox-only-demo-secret",
                "dvbridge.environment.hand.powerbi-url=" + sandbox.powerBiApiUrl(),
                "dvbridge.environment.hand.trust-pem=" + ca, ""));
        Path results = dir.resolve("results.jsonl");
        StringWriter err = new StringWriter();
        var cli = DvBridge.commandLine();
        cli.setErr(new PrintWriter(err, true));

        int code = cli.execute("data", "import", "--environment", "hand", "--data", Path.of("src/test/resources/cmt/handwritten-data.zip").toString(),
                "--results", results.toString(), "--connections", "2", "--config", config.toString());

        assertThat(code).as(err.toString()).isZero();
        List<RecordResult> lines;
        try (Reader in = Files.newBufferedReader(results)) {
            lines = ResultsFile.read(in);
        }
        assertThat(lines).extracting(RecordResult::entity, r -> r.recordId().toLowerCase(), RecordResult::outcome)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("transactioncurrency", CURRENCY, Outcome.CREATED),
                        org.assertj.core.groups.Tuple.tuple("account", ACCOUNT, Outcome.CREATED),
                        org.assertj.core.groups.Tuple.tuple("accountleads_association", ACCOUNT + "/" + LEAD_1, Outcome.CREATED),
                        org.assertj.core.groups.Tuple.tuple("accountleads_association", ACCOUNT + "/" + LEAD_2, Outcome.CREATED));
        assertThat(sandbox.environment("hand").data().associations("accountleads_association")).containsExactlyInAnyOrder(
                List.of(UUID.fromString(ACCOUNT), UUID.fromString(LEAD_1)), List.of(UUID.fromString(ACCOUNT), UUID.fromString(LEAD_2)));

        Table currencies = sandbox.environment("hand").data().tableBySet("transactioncurrencies").orElseThrow();
        StoredRow euro = currencies.row(UUID.fromString(CURRENCY)).orElseThrow();
        assertThat(euro.get("currencyname")).isEqualTo("Euro");
        assertThat(euro.get("isocurrencycode")).isEqualTo("EUR");
        assertThat((BigDecimal) euro.get("exchangerate")).isEqualByComparingTo("1");
        StoredRow fabrikam = sandbox.environment("hand").data().tableBySet("accounts").orElseThrow().row(UUID.fromString(ACCOUNT)).orElseThrow();
        assertThat(fabrikam.get("name")).isEqualTo("Fabrikam & Sons");
        assertThat(fabrikam.get("_transactioncurrencyid_value")).isEqualTo(UUID.fromString(CURRENCY));
        assertThat((BigDecimal) fabrikam.get("revenue")).isEqualByComparingTo("1500000");
        assertThat(fabrikam.get("dvb_regions")).isEqualTo("100000000,100000002");
        assertThat(fabrikam.get("donotemail")).isEqualTo(false);
        assertThat(fabrikam.get("statecode")).isEqualTo(1);
        assertThat(fabrikam.get("statuscode")).isEqualTo(2);
        assertThat(String.valueOf(fabrikam.get("createdon"))).as("overriddencreatedon gives the row its created-on date").startsWith("2023-01-02T03:04:05");

        JsonNode report = runReport();
        assertThat(report.at("/counts/created").asInt()).isEqualTo(2);
        assertThat(report.at("/counts/associated").asInt()).isEqualTo(2);
    }

    private JsonNode runReport() throws Exception {
        try (Stream<Path> files = Files.walk(dir.resolve("runs"))) {
            Path report = files.filter(p -> p.getFileName().toString().equals("report.json")).findFirst().orElseThrow();
            return new ObjectMapper().readTree(report.toFile());
        }
    }
}
