package io.dvbridge.sandbox.acceptance;

import io.dvbridge.dataverse.DataverseClient;
import io.dvbridge.dataverse.DataverseWrite;
import io.dvbridge.dataverse.DataverseWriteResult;
import io.dvbridge.dataverse.EntityKey;
import io.dvbridge.dataverse.WriteStatus;
import io.dvbridge.http.RetryPolicy;
import io.dvbridge.sandbox.RequestLog;
import io.dvbridge.sandbox.SandboxOptions;
import io.dvbridge.sandbox.dataverse.StoredRow;
import io.dvbridge.sandbox.dataverse.Table;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** $batch through DataverseClient over HTTPS: an atomic changeset rolls back entirely; continue-on-error goes on. */
class BatchOverHttpsTest {

    private static final UUID ALPHA = UUID.fromString("0b000000-0000-4000-8000-000000000001");
    private static final UUID BETA = UUID.fromString("0b000000-0000-4000-8000-000000000002");
    private static final UUID GAMMA = UUID.fromString("0b000000-0000-4000-8000-000000000003");
    private static final UUID DELTA = UUID.fromString("0b000000-0000-4000-8000-000000000004");
    private static final UUID MISSING = UUID.fromString("0b000000-0000-4000-8000-0000000000ff");

    private static AcceptanceWorld world;
    private static DataverseClient client;

    @BeforeAll
    static void start() {
        world = AcceptanceWorld.start("""
                environments:
                  - name: contoso-dev
                    tenant: contoso
                    tables:
                      - logicalName: account
                        entitySetName: accounts
                        primaryName: name
                        rows:
                          - {accountid: %s, name: Alpha}
                          - {accountid: %s, name: Beta}
                          - {accountid: %s, name: Gamma}
                          - {accountid: %s, name: Delta}
                """.formatted(ALPHA, BETA, GAMMA, DELTA), SandboxOptions.defaults());
        client = world.dataverse(RetryPolicy.DEFAULT);
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    private static Table accounts() {
        return world.sandbox().environment("contoso-dev").data().table("account").orElseThrow();
    }

    private static StoredRow stored(UUID id) {
        return accounts().row(id).orElseThrow();
    }

    @Test
    void a_failing_part_rolls_back_every_write_of_the_atomic_changeset() {
        StoredRow alphaBefore = stored(ALPHA);
        StoredRow betaBefore = stored(BETA);
        int countBefore = accounts().size();
        long mark = world.mark();

        List<DataverseWriteResult> results = client.batch(List.of(
                DataverseWrite.update("accounts", EntityKey.of(ALPHA), Map.of("name", "Alpha renamed"), "*"),
                DataverseWrite.create("accounts", Map.of("name", "Created in the changeset")),
                DataverseWrite.delete("accounts", EntityKey.of(BETA)),
                DataverseWrite.update("accounts", EntityKey.of(MISSING), Map.of("name", "Nobody"), "*")), true, 1000);

        assertThat(results).extracting(DataverseWriteResult::outcome).containsExactly(
                WriteStatus.ROLLED_BACK, WriteStatus.ROLLED_BACK, WriteStatus.ROLLED_BACK, WriteStatus.FAILED);
        DataverseWriteResult failed = results.get(3);
        assertThat(failed.status()).isEqualTo(404);
        assertThat(failed.errorCode()).hasValue("0x80040217");
        assertThat(failed.errorMessage()).hasValue("account With Id = " + MISSING + " Does Not Exist");
        assertThat(stored(ALPHA)).isEqualTo(alphaBefore);
        assertThat(stored(BETA)).isEqualTo(betaBefore);
        assertThat(accounts().size()).isEqualTo(countBefore);
        assertThat(accounts().rows()).noneMatch(r -> "Created in the changeset".equals(r.get("name")));
        List<RequestLog.Entry> sent = world.sandbox().requestLog().entries(e -> e.sequence() > mark && e.path().endsWith("/$batch"));
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).status()).as("without continue-on-error a failed $batch answers 400 as a whole").isEqualTo(400);
    }

    @Test
    void with_continue_on_error_the_writes_after_a_failure_still_run() {
        int countBefore = accounts().size();

        List<DataverseWriteResult> results = client.batch(List.of(
                DataverseWrite.update("accounts", EntityKey.of(GAMMA), Map.of("name", "Gamma renamed"), "*"),
                DataverseWrite.update("accounts", EntityKey.of(MISSING), Map.of("name", "Nobody"), "*"),
                DataverseWrite.create("accounts", Map.of("name", "Created after the failure")),
                DataverseWrite.update("accounts", EntityKey.of(DELTA), Map.of("name", "Delta renamed"), "*")), false, 1000);

        assertThat(results).extracting(DataverseWriteResult::outcome).containsExactly(
                WriteStatus.SUCCEEDED, WriteStatus.FAILED, WriteStatus.SUCCEEDED, WriteStatus.SUCCEEDED);
        assertThat(results.get(1).status()).isEqualTo(404);
        assertThat(results.get(1).errorCode()).hasValue("0x80040217");
        assertThat(stored(GAMMA).get("name")).isEqualTo("Gamma renamed");
        assertThat(stored(DELTA).get("name")).isEqualTo("Delta renamed");
        UUID created = UUID.fromString(results.get(2).entityId().orElseThrow());
        assertThat(stored(created).get("name")).isEqualTo("Created after the failure");
        assertThat(accounts().size()).isEqualTo(countBefore + 1);
    }

    @Test
    void without_continue_on_error_dataverse_stops_at_the_first_failure() {
        String boundary = "batch_acceptance";
        String api = world.dataverseApi();
        String body = "--" + boundary + "\r\n"
                + part("PATCH " + api + "accounts(" + MISSING + ")", "If-Match: *\r\n", "{\"name\":\"Nobody\"}")
                + "--" + boundary + "\r\n"
                + part("POST " + api + "accounts", "", "{\"name\":\"Never created\"}")
                + "--" + boundary + "--\r\n";

        var response = world.send("POST", api + "$batch", world.dataverseToken(), Map.of("Content-Type",
                "multipart/mixed; boundary=" + boundary, "OData-MaxVersion", "4.0", "OData-Version", "4.0"), body);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).get().asString().startsWith("multipart/mixed");
        assertThat(response.body()).contains("HTTP/1.1 404").contains("0x80040217").doesNotContain("HTTP/1.1 204");
        assertThat(accounts().rows()).noneMatch(r -> "Never created".equals(r.get("name")));
    }

    private static String part(String requestLine, String headers, String json) {
        return "Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n"
                + requestLine + " HTTP/1.1\r\nContent-Type: application/json\r\n" + headers + "\r\n" + json + "\r\n";
    }
}
